/**
 * Events under a burst: registrations racing for a capped lecture, check-in scans sent twice (an offline
 * scanner replaying its queue), and the participation figure for a district, on the demo data.
 *   node --import tsx bench/events.ts                                  # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/events.ts  # a PostgreSQL server (scratch database)
 * BENCH_REGISTRANTS (default 500) people race for BENCH_CAPACITY (default 100) seats.
 */
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { loadDemo } from '../db/demo/index.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { type Database, openPGlite, openPostgres } from '../server/src/db/connection.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { systemClock } from '../server/src/lib/clock.ts'
import { seedAreas } from '../server/src/modules/areas/seed.ts'
import { signToken } from '../server/src/modules/events/tokens.ts'

const SECRET = 'bench-secret-bench-secret-bench-secret'
const registrants = Number(process.env.BENCH_REGISTRANTS ?? 500)
const capacity = Number(process.env.BENCH_CAPACITY ?? 100)

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
  const { database, drop } = await openBenchDatabase()
  await migrate(database)
  await seedAreas(database)
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  await loadDemo(database.db, { secret: SECRET, today })
  const config = loadConfig({ TONGXIN_SECRET: SECRET, LOG_LEVEL: 'silent' })
  const app = await buildApp(
    { config, database, db: database.db, clock: systemClock, secret: SECRET },
    { logger: false, web: false },
  )
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'fengxian_admin', password: 'tongxin-demo' },
  })
  const cookies = login.cookies as Array<{ name: string; value: string }>
  const csrf = cookies.find((c) => c.name === 'tx_csrf')!.value
  const headers = {
    cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': csrf,
  }
  const start = Date.now() + 5 * 60_000
  const created = await app.inject({
    method: 'POST',
    url: '/api/events',
    headers,
    payload: {
      kind: 'lecture',
      theme: 'policy',
      title: '压测党课',
      areaCode: '310120',
      capacity,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
    },
  })
  const eventId = created.json().first.id as number
  const people = await database.db
    .selectFrom('member')
    .select('person_id')
    .where('area_code', 'like', '310120%')
    .orderBy('person_id')
    .limit(registrants)
    .execute()

  // Same-run baseline: the same number of concurrent signed-in requests that only look up the session
  // (GET /api/auth/me), so each case below reads as a multiple of bare request + session cost.
  const baseline = async (n: number) => {
    const started = performance.now()
    const res = await Promise.all(
      Array.from({ length: n }, () => app.inject({ method: 'GET', url: '/api/auth/me', headers })),
    )
    if (res.some((r) => r.statusCode !== 200)) throw new Error('a baseline request failed')
    return performance.now() - started
  }
  const registerBaseMs = await baseline(people.length)

  let t0 = performance.now()
  const regs = await Promise.all(
    people.map((p) =>
      app.inject({
        method: 'POST',
        url: `/api/events/${eventId}/registrations`,
        headers,
        payload: { personId: p.person_id },
      }),
    ),
  )
  const registerMs = performance.now() - t0
  if (regs.some((r) => r.statusCode !== 201)) throw new Error('a registration failed')
  const rows = await database.db
    .selectFrom('event_registration')
    .select(['id', 'status'])
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute()
  const seated = rows.filter((r) => r.status === 'registered')
  const waiting = rows.filter((r) => r.status === 'waitlisted').length

  // Every seated person scanned once, then the whole batch sent again with the same nonces.
  const scans = seated.map((r) => ({
    token: signToken(SECRET, {
      kind: 'R',
      eventId,
      registrationId: r.id,
      exp: Math.floor(start / 1000) + 7200,
    }),
    nonce: `bench-${r.id}`,
  }))
  const send = () =>
    Promise.all(
      scans.map((payload) =>
        app.inject({ method: 'POST', url: `/api/events/${eventId}/scans`, headers, payload }),
      ),
    )
  const scanBaseMs = await baseline(scans.length)
  t0 = performance.now()
  const first = await send()
  const scanMs = performance.now() - t0
  t0 = performance.now()
  const again = await send()
  const replayMs = performance.now() - t0
  if ([...first, ...again].some((r) => r.statusCode !== 200)) throw new Error('a scan failed')
  const replayed = again.filter((r) => r.json().replayed).length
  const stored = await database.db
    .selectFrom('event_scan')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow()

  const times: number[] = []
  let figure = ''
  for (let i = 0; i < 11; i++) {
    t0 = performance.now()
    const r = await app.inject({
      method: 'GET',
      url: `/api/participation?area=310120&from=${today.slice(0, 4)}-01-01&to=${today}`,
      headers,
    })
    times.push(performance.now() - t0)
    const body = r.json()
    figure = `${body.reached}/${body.targetMembers}`
  }
  times.sort((a, b) => a - b)
  const meTimes: number[] = []
  for (let i = 0; i < 11; i++) meTimes.push(await baseline(1))
  meTimes.sort((a, b) => a - b)
  const ratio = (ms: number, base: number) => `${(ms / base).toFixed(1)}×`

  console.log(`\nengine: ${database.engine}; ${os.cpus().length} cores; node ${process.version}\n`)
  console.log('| case | result | time | baseline (same count of GET /api/auth/me) | ratio |')
  console.log('|---|---|---:|---:|---:|')
  console.log(
    `| ${people.length} concurrent registrations, capacity ${capacity} | ${seated.length} registered, ${waiting} waitlisted | ${registerMs.toFixed(0)} ms (${((people.length / registerMs) * 1000).toFixed(0)}/s) | ${registerBaseMs.toFixed(0)} ms | ${ratio(registerMs, registerBaseMs)} |`,
  )
  console.log(
    `| ${scans.length} concurrent check-in scans | ${first.length} accepted | ${scanMs.toFixed(0)} ms | ${scanBaseMs.toFixed(0)} ms | ${ratio(scanMs, scanBaseMs)} |`,
  )
  console.log(
    `| the same ${scans.length} scans replayed (same nonces) | ${replayed} replayed, ${Number(stored.n)} scans stored | ${replayMs.toFixed(0)} ms | ${scanBaseMs.toFixed(0)} ms | ${ratio(replayMs, scanBaseMs)} |`,
  )
  console.log(
    `| participation, 奉贤区, this year (median of 11) | ${figure} reached | ${times[5]!.toFixed(1)} ms | ${meTimes[5]!.toFixed(1)} ms | ${ratio(times[5]!, meTimes[5]!)} |`,
  )
  await app.close()
  await database.close()
  await drop()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
