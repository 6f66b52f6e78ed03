/**
 * Excel import at scale: a 100,000-row units workbook (valid USCCs, spread over the demo buildings and
 * streets) checked and committed through the HTTP API, then the same file imported again (all unchanged).
 *   node --import tsx bench/import.ts                                   # embedded PGlite (in memory)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/import.ts   # a scratch database on that server
 * BENCH_ROWS (default 100000) sets the size. BENCH_PROFILE=1 (PostgreSQL) also prints where the server spent its time
 * in PL/pgSQL functions (the registry's triggers), from pg_stat_user_functions. The commit runs within the request here (no polling), so the
 * time measured is the whole transaction. The baseline, measured in the same run on the same file: exceljs'
 * streaming reader alone, plus one transaction inserting the same cells as text into a bare table in 5,000-row
 * statements — what any import must pay before checking or diffing anything.
 */
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import pg from 'pg'
import { DEMO_PASSWORD, loadDemo } from '../db/demo/index.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { type Database, openPGlite, openPostgres } from '../server/src/db/connection.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { systemClock } from '../server/src/lib/clock.ts'
import { seedAreas } from '../server/src/modules/areas/seed.ts'
import { commitOptions } from '../server/src/modules/imports/service.ts'
import { unitsWorkbook } from './import-book.ts'

const rows = Number(process.env.BENCH_ROWS ?? 100_000)
const SECRET = 'bench-secret-bench-secret-bench-secret-00'

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL
  if (!serverUrl) return { database: await openPGlite({}), drop: async () => {} }
  const name = `tongxin_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  if (process.env.BENCH_PROFILE) await admin.query(`ALTER DATABASE ${name} SET track_functions = 'pl'`)
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

/** The baseline: read every row with exceljs' streaming reader, insert the cells into a bare table. */
async function baseline(database: Database, file: Buffer): Promise<{ read: number; insert: number }> {
  let t0 = performance.now()
  const cells: string[][] = []
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { sharedStrings: 'cache' })
  for await (const sheet of reader)
    for await (const row of sheet) {
      if (row.number === 1) continue
      const values = row.values as unknown[]
      cells.push(Array.from({ length: 13 }, (_, i) => (values[i + 1] == null ? '' : String(values[i + 1]))))
    }
  const read = seconds(t0)
  if (cells.length !== rows) throw new Error(`baseline read ${cells.length} rows, expected ${rows}`)
  t0 = performance.now()
  await database.db.transaction().execute(async (tx) => {
    await sql`CREATE TABLE bench_raw_units (${sql.raw(Array.from({ length: 13 }, (_, i) => `c${i} text`).join(', '))})`.execute(
      tx,
    )
    for (let i = 0; i < cells.length; i += 5000) {
      const batch = cells.slice(i, i + 5000).map((r) => Object.fromEntries(r.map((v, j) => [`c${j}`, v])))
      await sql`INSERT INTO bench_raw_units SELECT * FROM jsonb_populate_recordset(null::bench_raw_units, ${JSON.stringify(batch)}::jsonb)`.execute(
        tx,
      )
    }
    await sql`DROP TABLE bench_raw_units`.execute(tx)
  })
  return { read, insert: seconds(t0) }
}

const seconds = (t0: number) => (performance.now() - t0) / 1000
const fmt = (s: number) => `${s.toFixed(1)} s`
const rate = (s: number) => `${Math.round(rows / s).toLocaleString('en-US')} rows/s`

async function main() {
  const { database, drop } = await openBenchDatabase()
  const engine = database.engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL'
  try {
    await migrate(database)
    await seedAreas(database)
    await loadDemo(database.db, { secret: SECRET, today: new Date().toISOString().slice(0, 10) })
    const ctx = {
      config: loadConfig({ TONGXIN_SECRET: SECRET, LOG_LEVEL: 'silent' }),
      database,
      db: database.db,
      clock: systemClock,
      secret: SECRET,
    }
    const app = await buildApp(ctx, { logger: false, web: false })
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    })
    const cookies = login.cookies as Array<{ name: string; value: string }>
    const csrf = cookies.find((c) => c.name === 'tx_csrf')!.value
    const headers = { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': csrf }
    const buildings = await database.db
      .selectFrom('building')
      .select(['name', 'address', 'floors', 'area_code'])
      .where('deleted_at', 'is', null)
      .execute()

    let t0 = performance.now()
    const file = await unitsWorkbook(buildings, rows)
    console.log(
      `workbook: ${rows.toLocaleString('en-US')} rows, ${(file.length / 1e6).toFixed(1)} MB, built in ${fmt(seconds(t0))}`,
    )
    const base = await baseline(database, file)
    const baseTotal = base.read + base.insert
    console.log(
      `baseline: exceljs stream read ${fmt(base.read)}, raw insert of the cells ${fmt(base.insert)}, total ${fmt(baseTotal)}`,
    )
    // Measure the whole transaction inside the request rather than polling a background commit.
    commitOptions.syncMaxRows = Number.POSITIVE_INFINITY
    for (const pass of ['first import (all new)', 're-import (all unchanged)']) {
      t0 = performance.now()
      const dry = await app.inject({
        method: 'POST',
        url: '/api/imports/units?fileName=bench.xlsx',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: file,
      })
      const dryTime = seconds(t0)
      const job = dry.json()
      if (dry.statusCode !== 201 || job.status !== 'checked')
        throw new Error(`dry run failed: ${dry.statusCode} ${dry.body.slice(0, 500)}`)
      t0 = performance.now()
      const done = await app.inject({ method: 'POST', url: `/api/imports/${job.id}/commit`, headers })
      const commitTime = seconds(t0)
      if (done.json().status !== 'committed') throw new Error(`commit failed: ${done.body.slice(0, 500)}`)
      console.log(
        `${pass}: diff ${JSON.stringify(job.diff)}; dry run ${fmt(dryTime)} (${rate(dryTime)}), commit ${fmt(commitTime)} (${rate(commitTime)}), total ${fmt(dryTime + commitTime)} (${((dryTime + commitTime) / baseTotal).toFixed(1)}× baseline)`,
      )
    }
    console.log(
      `engine ${engine}; ${os.cpus().length} cores, Node ${process.version}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    )
    if (process.env.BENCH_PROFILE && database.engine !== 'pglite') {
      await new Promise((resolve) => setTimeout(resolve, 1500)) // backends flush their statistics within a second
      const top = await sql<{ funcname: string; calls: string; self_ms: number; total_ms: number }>`
        SELECT funcname, calls, round(self_time)::int AS self_ms, round(total_time)::int AS total_ms
          FROM pg_stat_user_functions ORDER BY self_time DESC LIMIT 8`.execute(database.db)
      console.log('PL/pgSQL functions by self time (both passes):')
      console.table(top.rows)
    }
    await app.close()
  } finally {
    await database.close()
    await drop()
  }
}

await main()
