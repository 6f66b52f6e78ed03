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

/**
 * The template dump, read once per worker: the files a worker runs share this module (vitest.config.ts,
 * `isolate: false`), and a Blob cannot change, so each file's database still starts from the same bytes.
 */
let template: { file: string; blob: Promise<Blob> } | undefined

function templateBlob(): Promise<Blob> {
  const file = inject('templateDump')
  if (template?.file !== file) template = { file, blob: readFile(file).then((b) => new Blob([b])) }
  return template.blob
}

/** A private database for one test file, cloned from the run's migrated template. */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) return openPGlite({ loadDataDir: await templateBlob() })
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

/** As loose as `res.json()` was; pass a type argument to type an answer. */
// biome-ignore lint/suspicious/noExplicitAny: the default of every answer type below, one place
export type Json = any

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One answer of the API: `body` is the parsed JSON (undefined when the answer is not JSON). */
export interface Reply<T = Json> {
  status: number
  body: T
  text: string
  /** The bytes of the answer, for files. */
  raw: Buffer
  headers: Record<string, string | string[] | number | undefined>
}

export interface RequestOptions {
  /** Sent as accept-language. */
  lang?: string
  /** The caller's address as the server sees it. */
  ip?: string
  headers?: Record<string, string>
}

/** Sends one request as `session` (or anonymously) and parses the answer. */
export async function request<T = Json>(
  app: TypedApp,
  session: Session | null | undefined,
  method: Method,
  url: string,
  payload?: unknown,
  opts: RequestOptions = {},
): Promise<Reply<T>> {
  const res = await app.inject({
    method,
    url,
    headers: {
      ...(session?.headers ?? {}),
      ...(opts.lang ? { 'accept-language': opts.lang } : {}),
      ...(opts.headers ?? {}),
    },
    ...(payload === undefined ? {} : { payload: payload as object }),
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  })
  const json = String(res.headers['content-type'] ?? '').includes('json') && res.body !== ''
  return {
    status: res.statusCode,
    body: (json ? JSON.parse(res.body) : undefined) as T,
    text: res.body,
    raw: res.rawPayload,
    headers: res.headers,
  }
}

/** Fails the test unless the answer is 2xx, with the answer's text in the message; gives the body. */
export function expectOk<T>(reply: Reply<T>, what = 'request'): T {
  if (reply.status < 200 || reply.status >= 300) {
    throw new Error(`${what} → ${reply.status} ${reply.text}`)
  }
  return reply.body
}

/** Fails the test unless the answer has exactly `status`, with the answer's text in the message; gives the body. */
export function expectStatus<T>(reply: Reply<T>, status: number, what = 'request'): T {
  if (reply.status !== status) throw new Error(`${what} → ${reply.status} (expected ${status}) ${reply.text}`)
  return reply.body
}

/** The API as one caller sees it: `client(app, session).post<T>(url, body)` → `{ status, body }`. */
export function client(app: TypedApp, session?: Session | null, defaults: RequestOptions = {}) {
  const send = <T = Json>(method: Method, url: string, payload?: unknown, opts: RequestOptions = {}) =>
    request<T>(app, session, method, url, payload, { ...defaults, ...opts })
  return {
    send,
    get: <T = Json>(url: string, opts?: RequestOptions) => send<T>('GET', url, undefined, opts),
    post: <T = Json>(url: string, payload?: unknown, opts?: RequestOptions) =>
      send<T>('POST', url, payload, opts),
    put: <T = Json>(url: string, payload?: unknown, opts?: RequestOptions) =>
      send<T>('PUT', url, payload, opts),
    patch: <T = Json>(url: string, payload?: unknown, opts?: RequestOptions) =>
      send<T>('PATCH', url, payload, opts),
    delete: <T = Json>(url: string, opts?: RequestOptions) => send<T>('DELETE', url, undefined, opts),
    /** Like `send`, but the test fails unless the answer is 2xx; gives the body. */
    ok: async <T = Json>(method: Method, url: string, payload?: unknown, opts?: RequestOptions) =>
      expectOk(await send<T>(method, url, payload, opts), `${method} ${url}`),
    /** The body of a GET that must answer exactly 200. */
    read: async <T = Json>(url: string, opts?: RequestOptions) =>
      expectStatus(await send<T>('GET', url, undefined, opts), 200, `GET ${url}`),
  }
}
export type Client = ReturnType<typeof client>
