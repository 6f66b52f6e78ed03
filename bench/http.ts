/**
 * HTTP throughput of tongxin against bare Fastify on the same machine, in the same run.
 *   npm run bench                                  # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… npm run bench  # a PostgreSQL server (a scratch database is created)
 * Load comes from autocannon in this process over loopback (so it shares the cores with the server, as it
 * does for bare Fastify); each case runs BENCH_SECONDS (default 5). BENCH_CASES=me,units picks cases.
 * `units-sql` is the units page's own two statements without HTTP: the page's baseline (bench/README.md).
 */
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { sql } from 'kysely'
import pg from 'pg'
import { loadDemo } from '../db/demo/index.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { type Database, openPGlite, openPostgres } from '../server/src/db/connection.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { systemClock } from '../server/src/lib/clock.ts'
import { seedAreas } from '../server/src/modules/areas/seed.ts'
import { countUnits, listUnits } from '../server/src/modules/registry/units.repository.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const only = process.env.BENCH_CASES?.split(',')
const SECRET = 'bench-secret-bench-secret-bench-secret'

interface Load {
  connections?: number
  headers?: Record<string, string>
  method?: 'GET' | 'POST'
  body?: string
  /** The status every answer must have. */
  status?: number
}

async function run(url: string, load: Load = {}) {
  let wrong = 0
  const result = await autocannon({
    url,
    connections: load.connections ?? connections,
    duration: seconds,
    method: load.method ?? 'GET',
    headers: load.headers ?? {},
    body: load.body,
  })
  wrong = result.non2xx
  if (wrong > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${url}: ${wrong} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`)
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + wrong,
  }
}

/**
 * The baseline for the units page: the same two statements the page runs for the city's admin (its 51 rows
 * and its total), through the same Kysely and driver, from `concurrency` callers back to back, no HTTP.
 */
async function unitPageSql(database: Database, concurrency: number) {
  const all = { all: true, areaPaths: [], buildingIds: [], unitIds: [], orgIds: [] }
  const latencies: number[] = []
  const until = performance.now() + seconds * 1000
  const caller = async () => {
    while (performance.now() < until) {
      const began = performance.now()
      const [rows] = await Promise.all([
        listUnits(database.db, all, { limit: 51 }),
        countUnits(database.db, all, {}),
      ])
      if (rows.length !== 51) throw new Error(`the units page's statement gave ${rows.length} rows`)
      latencies.push(performance.now() - began)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller))
  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!)
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors: 0 }
}

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL
  if (!serverUrl) return { database: await openPGlite({}), drop: async () => {} }
  const name = `tongxin_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    database: await openPostgres(url.toString(), 10),
    drop: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

async function signIn(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'tongxin-demo' }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return { cookie, csrf: csrfToken }
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576)

async function main() {
  const bare = Fastify()
  bare.get('/api/health', async () => ({ status: 'ok', db: 'none', migration: 'none' }))
  await bare.listen({ port: 0, host: '127.0.0.1' })
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`

  const { database, drop } = await openBenchDatabase()
  await migrate(database)
  await seedAreas(database)
  await loadDemo(database.db, { secret: SECRET, today: '2026-11-26' })
  const config = loadConfig({ TONGXIN_SECRET: SECRET, LOG_LEVEL: 'silent' })
  const app = await buildApp(
    { config, database, db: database.db, clock: systemClock, secret: config.secret! },
    { logger: false, web: false },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const admin = await signIn(url, 'admin')
  const street = await signIn(url, 'fengpu_admin')
  const member = await signIn(url, 'member_demo')
  const rssBefore = rssMb()

  const cases: Array<{ key: string; name: string; go: () => ReturnType<typeof run> }> = [
    { key: 'health', name: 'GET /api/health (1 query)', go: () => run(`${url}/api/health`) },
    {
      key: 'me',
      name: 'GET /api/auth/me (admin)',
      go: () => run(`${url}/api/auth/me`, { headers: { cookie: admin.cookie } }),
    },
    {
      key: 'areas',
      name: 'GET /api/areas?parent=310120 (session + list)',
      go: () => run(`${url}/api/areas?parent=310120`, { headers: { cookie: admin.cookie } }),
    },
    {
      key: 'units',
      name: 'GET /api/units?limit=50 (admin, 20 connections)',
      go: () => run(`${url}/api/units?limit=50`, { connections: 20, headers: { cookie: admin.cookie } }),
    },
    {
      key: 'units-sql',
      name: "the units page's two statements alone, no HTTP (20 callers)",
      go: () => unitPageSql(database, 20),
    },
    {
      key: 'units-street',
      name: 'GET /api/units?limit=50 (street admin, 20 connections)',
      go: () => run(`${url}/api/units?limit=50`, { connections: 20, headers: { cookie: street.cookie } }),
    },
    {
      key: 'need',
      name: 'POST /api/needs (member posts a need)',
      go: () =>
        run(`${url}/api/needs`, {
          method: 'POST',
          headers: {
            cookie: member.cookie,
            'x-csrf-token': member.csrf,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            categoryCode: 'community.elderly',
            description: '压测：楼道灯需要更换',
            areaCode: '310120002',
          }),
        }),
    },
  ]
  const baseline = await run(`${bareUrl}/api/health`)
  const results: Array<{ name: string } & Awaited<ReturnType<typeof run>>> = []
  for (const c of cases) {
    if (only && !only.includes(c.key)) continue
    results.push({ name: c.name, ...(await c.go()) })
  }
  const rssAfter = rssMb()
  console.log(
    `\nengine: ${database.engine}; ${os.cpus().length} cores; ${connections} connections unless said; ${seconds} s per case; node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  )
  console.log('| case | req/s | p50 ms | p99 ms | vs bare Fastify |')
  console.log('|---|---:|---:|---:|---:|')
  console.log(
    `| bare Fastify, same JSON | ${baseline.rps.toFixed(0)} | ${baseline.p50} | ${baseline.p99} | 1.00 |`,
  )
  for (const c of results) {
    console.log(
      `| ${c.name} | ${c.rps.toFixed(0)} | ${c.p50} | ${c.p99} | ${(c.rps / baseline.rps).toFixed(2)} |`,
    )
  }
  console.log(
    `\nRSS of this process (server + load generator): ${rssBefore} MB before the cases, ${rssAfter} MB after`,
  )
  if (database.engine === 'postgres') await revocationAcross(app, database)
  await app.close()
  await bare.close()
  await database.close()
  await drop()
}

/**
 * How soon a logout on one instance is refused by another that has the session cached: a second pool and
 * cache on the same database, asked every millisecond or so after the logout's answer arrived.
 */
async function revocationAcross(app: Awaited<ReturnType<typeof buildApp>>, database: Database) {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db)
  const url = new URL(process.env.BENCH_DATABASE_URL!)
  url.pathname = `/${rows[0]!.name}`
  const otherDb = await openPostgres(url.toString(), 2)
  const config = loadConfig({ TONGXIN_SECRET: SECRET, LOG_LEVEL: 'silent' })
  const ctx = { config, database: otherDb, db: otherDb.db, clock: systemClock, secret: SECRET }
  const other = await buildApp(ctx, { logger: false, web: false })
  const waits: number[] = []
  for (let i = 0; i < 20; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'fengpu_admin', password: 'tongxin-demo' },
    })
    const cookies = res.cookies as Array<{ name: string; value: string }>
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const csrf = cookies.find((c) => c.name === 'tx_csrf')!.value
    const headers = { cookie }
    // Cached on the other instance.
    for (let k = 0; k < 2; k++) await other.inject({ url: '/api/auth/me', headers })
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } })
    const began = performance.now()
    while ((await other.inject({ url: '/api/auth/me', headers })).statusCode === 200) {
      if (performance.now() - began > 5000) throw new Error('not refused within 5 s')
      await new Promise((r) => setTimeout(r, 1))
    }
    waits.push(performance.now() - began)
  }
  waits.sort((a, b) => a - b)
  console.log(
    `\nA logout on one instance, refused by another with the session cached (20 trials): median ${waits[10]!.toFixed(1)} ms, max ${waits.at(-1)!.toFixed(1)} ms`,
  )
  await other.close()
  await otherDb.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
