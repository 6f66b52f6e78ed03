import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp } from '../src/app.ts'
import { type Config, loadConfig } from '../src/config.ts'
import type { AppContext } from '../src/context.ts'
import { type Database, openPGlite, openPostgres } from '../src/db/connection.ts'
import { type Clock, ManualClock } from '../src/lib/clock.ts'
import type { TypedApp } from '../src/lib/typed-app.ts'
import { TEST_SECRET } from './template.ts'

export const DEMO_PASSWORD = 'tongxin-demo'
export const onServer = Boolean(process.env.TEST_DATABASE_URL)

/** A private database for one test file, cloned from the run's migrated template. */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const dump = await readFile(inject('templateDump'))
    return openPGlite({ loadDataDir: new Blob([dump]) })
  }
  const name = `tongxin_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await openPostgres(url.toString(), 5)
  const close = database.close
  database.close = async () => {
    await close()
    const dropper = new pg.Client({ connectionString: serverUrl })
    await dropper.connect()
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await dropper.end()
  }
  return database
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ TONGXIN_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' }),
    ...overrides,
  }
}

export interface TestApp {
  app: TypedApp
  ctx: AppContext
  clock: ManualClock
  close(): Promise<void>
}

export async function startTestApp(
  opts: { config?: Partial<Config>; clock?: Clock; webDist?: string } = {},
): Promise<TestApp> {
  const database = await openTestDatabase()
  const clock = opts.clock instanceof ManualClock ? opts.clock : new ManualClock(new Date())
  const ctx: AppContext = {
    config: testConfig(opts.config),
    database,
    db: database.db,
    clock,
    secret: TEST_SECRET,
  }
  const app = await buildApp(ctx, { logger: false, web: opts.webDist !== undefined, webDist: opts.webDist })
  return {
    app,
    ctx,
    clock,
    async close() {
      await app.close()
      await database.close()
    },
  }
}

export interface Session {
  cookie: string
  csrf: string
  headers: Record<string, string>
}

/** Logs in through the API and returns the headers a browser would send afterwards. */
export async function login(app: TypedApp, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
  const cookies = res.cookies as Array<{ name: string; value: string }>
  const session = cookies.find((c) => c.name === 'tx_session')!.value
  const csrf = cookies.find((c) => c.name === 'tx_csrf')!.value
  const cookie = `tx_session=${session}; tx_csrf=${csrf}`
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } }
}
