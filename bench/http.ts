/**
 * HTTP read throughput of tongxin against bare Fastify on the same machine, in the same run.
 *   npm run bench                                  # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… npm run bench  # a PostgreSQL server (a scratch database is created)
 * Load comes from autocannon in this process over loopback; each case runs BENCH_SECONDS (default 5).
 */
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import pg from 'pg'
import { loadDemo } from '../db/demo/index.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { type Database, openPGlite, openPostgres } from '../server/src/db/connection.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { systemClock } from '../server/src/lib/clock.ts'
import { seedAreas } from '../server/src/modules/areas/seed.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)

async function run(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections, duration: seconds, headers })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 }
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

async function main() {
  const bare = Fastify()
  bare.get('/api/health', async () => ({ status: 'ok', db: 'none', migration: 'none' }))
  await bare.listen({ port: 0, host: '127.0.0.1' })
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`

  const { database, drop } = await openBenchDatabase()
  await migrate(database)
  await seedAreas(database)
  await loadDemo(database.db, { secret: 'bench-secret-bench-secret-bench-secret', today: '2026-11-26' })
  const config = loadConfig({ TONGXIN_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent' })
  const app = await buildApp(
    { config, database, db: database.db, clock: systemClock, secret: config.secret! },
    { logger: false, web: false },
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'tongxin-demo' }),
  })
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')

  const baseline = await run(`${bareUrl}/api/health`)
  const cases = [
    { name: 'GET /api/health (1 query)', ...(await run(`${url}/api/health`)) },
    { name: 'GET /api/auth/me (session: 2 queries)', ...(await run(`${url}/api/auth/me`, { cookie })) },
    {
      name: 'GET /api/areas?parent=310120 (session + list)',
      ...(await run(`${url}/api/areas?parent=310120`, { cookie })),
    },
  ]
  console.log(
    `\nengine: ${database.engine}; ${os.cpus().length} cores; ${connections} connections; ${seconds} s per case; node ${process.version}\n`,
  )
  console.log('| case | req/s | p50 ms | p99 ms | vs bare Fastify |')
  console.log('|---|---:|---:|---:|---:|')
  console.log(
    `| bare Fastify, same JSON | ${baseline.rps.toFixed(0)} | ${baseline.p50} | ${baseline.p99} | 1.00 |`,
  )
  for (const c of cases) {
    console.log(
      `| ${c.name} | ${c.rps.toFixed(0)} | ${c.p50} | ${c.p99} | ${(c.rps / baseline.rps).toFixed(2)} |`,
    )
  }
  await app.close()
  await bare.close()
  await database.close()
  await drop()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
