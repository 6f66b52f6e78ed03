/**
 * Backup, verify and restore times for the demo data and the city-scale registry, through the functions
 * `npm run backup`, `npm run backup:verify` and `npm run restore` call (embedded: the snapshot a running
 * server takes for its scheduled backup; PostgreSQL: pg_dump in an exported snapshot, pg_restore into psql).
 *   node --import tsx bench/backup.ts                                   # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/backup.ts   # scratch databases on that server
 * BENCH_SETS=demo,city (default both). The city is bench/city-data.ts's (BENCH_SCALE, BENCH_SEED, kept in
 * BENCH_PGLITE_DIR or database BENCH_CITY_DB); BENCH_REUSE=1 reuses one already loaded with the same marker.
 * While the backup runs, a reader issues `SELECT 1` back to back: its longest wait is how long requests stall.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { loadDemo } from '../db/demo/index.ts'
import { loadConfig } from '../server/src/config.ts'
import { type Database, openPGlite, openPostgres } from '../server/src/db/connection.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { seedAreas } from '../server/src/modules/areas/seed.ts'
import { embeddedBackupBytes } from '../server/src/modules/operations/backup-embedded.ts'
import { writeBackup } from '../server/src/modules/operations/backup-file.ts'
import { postgresBackupBytes } from '../server/src/modules/operations/backup-postgres.ts'
import { restoreCommand, verifyBackup } from '../server/src/modules/operations/commands.ts'
import { BENCH_SECRET, cityMarker, generateCity } from './city-data.ts'
import { openCityDatabase, openLoadTarget, pgliteDir } from './city-load.ts'

const serverUrl = process.env.BENCH_DATABASE_URL ?? null
const scale = Number(process.env.BENCH_SCALE ?? 1)
const seed = Number(process.env.BENCH_SEED ?? 1)
const sets = (process.env.BENCH_SETS ?? 'demo,city').split(',').map((s) => s.trim())
const engine = serverUrl ? 'PostgreSQL' : 'PGlite'

const scratch: string[] = []

/** A database of its own on the server; dropped at the end. */
async function scratchDatabase(): Promise<string> {
  const name = `tongxin_bench_backup_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl! })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  scratch.push(name)
  const url = new URL(serverUrl!)
  url.pathname = `/${name}`
  return url.toString()
}

async function dropScratch() {
  if (!serverUrl || scratch.length === 0) return
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  for (const name of scratch) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
}

interface Source {
  database: Database
  url: string | null
  /** On-disk size of the database: its data directory, or pg_database_size. */
  bytes: () => Promise<number>
  loadSeconds: number
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size
  }
  return total
}

const databaseBytes = (database: Database) => async () => {
  const [r] = await database.withScriptClient((c) =>
    c.query<{ n: number }>('SELECT pg_database_size(current_database())::bigint AS n'),
  )
  return Number(r!.n)
}

async function demoSource(work: string): Promise<Source> {
  step('demo: loading')
  const t0 = performance.now()
  const url = serverUrl ? await scratchDatabase() : null
  const dataDir = path.join(work, 'demo-source')
  const database = url ? await openPostgres(url, 4) : await openPGlite({ dataDir })
  await migrate(database)
  await seedAreas(database)
  await loadDemo(database.db, { secret: BENCH_SECRET, today: new Date().toISOString().slice(0, 10) })
  const bytes = url ? databaseBytes(database) : () => dirBytes(dataDir)
  return { database, url, bytes, loadSeconds: (performance.now() - t0) / 1000 }
}

function cityUrl(): string {
  const url = new URL(serverUrl!)
  url.pathname = `/${process.env.BENCH_CITY_DB ?? 'tongxin_city'}`
  return url.toString()
}

async function citySource(): Promise<Source> {
  const wrap = (database: Database, loadSeconds: number): Source => ({
    database,
    url: serverUrl ? cityUrl() : null,
    bytes: serverUrl ? databaseBytes(database) : () => dirBytes(pgliteDir()),
    loadSeconds,
  })
  if (process.env.BENCH_REUSE === '1' && (serverUrl || existsSync(pgliteDir()))) {
    try {
      const database = await openCityDatabase()
      const [row] = await database.withScriptClient((c) =>
        c.query<{ marker: string | null }>("SELECT obj_description('unit'::regclass, 'pg_class') AS marker"),
      )
      if (row?.marker === cityMarker(scale, seed)) return wrap(database, 0)
      await database.close()
    } catch {
      // Nothing usable there: load afresh below.
    }
  }
  const t0 = performance.now()
  const target = await openLoadTarget()
  await generateCity(target.database, { copyIn: target.copyIn, scale, seed })
  await target.close()
  return wrap(await openCityDatabase(), (performance.now() - t0) / 1000)
}

/** Rows per table of the public schema (backup_run is written by the commands, not by this bench). */
async function rowCounts(database: Database): Promise<Record<string, number>> {
  return database.withScriptClient(async (c) => {
    const tables = await c.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
    const counts: Record<string, number> = {}
    for (const { name } of tables) {
      const [r] = await c.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM "${name}"`)
      counts[name] = Number(r!.n)
    }
    return counts
  })
}

/**
 * Peak resident memory of this process over a phase (VmHWM, reset before it through clear_refs): on PGlite
 * the source database lives in the same process, so this is what a server doing the same would add up to.
 */
async function resetPeak() {
  await writeFile('/proc/self/clear_refs', '5').catch(() => {})
}
async function peakMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
}

/** `SELECT 1` every 5 ms on the source until stopped: the longest any of them waited for its answer. */
function reader(database: Database) {
  let stop = false
  let longest = 0
  let count = 0
  const done = (async () => {
    while (!stop) {
      // Counted from when it was due, so a blocked event loop (PGlite works in this thread) counts too.
      const due = performance.now() + 5
      await new Promise((r) => setTimeout(r, 5))
      await database.withScriptClient((c) => c.query('SELECT 1'))
      longest = Math.max(longest, performance.now() - due)
      count++
    }
  })()
  return {
    async end() {
      stop = true
      await done
      return { longestMs: longest, count }
    },
  }
}

interface Row {
  set: string
  dbMb: number
  fileMb: number
  backupS: number
  longestWaitMs: number
  verifyS: number
  restoreS: number
  peaks: { backup: number; verify: number; restore: number }
  same: boolean
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peak: number }> {
  await resetPeak()
  const t0 = performance.now()
  const value = await fn()
  return { value, seconds: (performance.now() - t0) / 1000, peak: await peakMb() }
}

const step = (what: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${what}`)

async function measure(set: string, source: Source, work: string): Promise<Row> {
  const file = path.join(work, `${set}.txbackup`)
  const before = await rowCounts(source.database)
  const dbMb = (await source.bytes()) / 2 ** 20
  const now = new Date()
  step(`${set}: backup`)
  const probe = reader(source.database)
  const backup = await timed(() =>
    writeBackup(file, () =>
      source.url
        ? postgresBackupBytes(source.url, BENCH_SECRET, null, now)
        : embeddedBackupBytes(source.database, { secret: BENCH_SECRET, carry: false }, now),
    ),
  )
  const { longestMs } = await probe.end()
  step(`${set}: verify`)
  const verify = await timed(() => verifyBackup(file, null))
  const targetUrl = source.url ? await scratchDatabase() : null
  const targetDir = path.join(work, `${set}-restored`)
  const config = loadConfig({
    TONGXIN_SECRET: BENCH_SECRET,
    TONGXIN_DATA_DIR: targetDir,
    ...(targetUrl ? { DATABASE_URL: targetUrl } : {}),
  })
  step(`${set}: restore`)
  const restore = await timed(() => restoreCommand(config, file))
  const restored = targetUrl
    ? await openPostgres(targetUrl, 1)
    : await openPGlite({ dataDir: path.join(targetDir, 'pgdata') })
  step(`${set}: counting the restored rows`)
  const after = await rowCounts(restored)
  await restored.close()
  if (!targetUrl) await rm(targetDir, { recursive: true, force: true })
  const { backup_run: _a, ...b } = before
  const { backup_run: _b, ...a } = after
  const same = JSON.stringify(a) === JSON.stringify(b)
  if (!same) console.error(`${set}: row counts differ after restore`, { before: b, after: a })
  return {
    set,
    dbMb,
    fileMb: backup.value.fileBytes / 2 ** 20,
    backupS: backup.seconds,
    longestWaitMs: longestMs,
    verifyS: verify.seconds,
    restoreS: restore.seconds,
    peaks: { backup: backup.peak, verify: verify.peak, restore: restore.peak },
    same,
  }
}

const f1 = (n: number) => n.toFixed(1)
const mb = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1))
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

async function main() {
  const work = await mkdtemp(path.join(process.env.BENCH_TMP ?? os.tmpdir(), 'tongxin-bench-backup-'))
  const rows: Row[] = []
  try {
    for (const set of sets) {
      if (set !== 'demo' && set !== 'city') throw new Error(`BENCH_SETS: unknown set ${set}`)
      const source = set === 'demo' ? await demoSource(work) : await citySource()
      try {
        console.error(`${set}: ready (${f1(source.loadSeconds)} s to load), load average ${load()}`)
        const row = await measure(set, source, work)
        rows.push(row)
        console.error(`${set}: done, load average ${load()}`)
      } finally {
        await source.database.close()
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true })
    await dropScratch()
  }
  console.log(`\n${engine}, Node ${process.version}, ${os.cpus().length} cores, load average ${load()}\n`)
  console.log(
    '| engine | data | database on disk | backup file | backup | longest wait of a reader | verify (reopen) | restore | row counts equal | peak RSS backup / verify / restore |',
  )
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---|---:|')
  for (const r of rows) {
    console.log(
      `| ${engine} | ${r.set} | ${mb(r.dbMb)} MB | ${mb(r.fileMb)} MB | ${f1(r.backupS)} s | ${r.longestWaitMs.toFixed(0)} ms | ` +
        `${f1(r.verifyS)} s | ${f1(r.restoreS)} s | ${r.same ? 'yes' : '**no**'} | ` +
        `${r.peaks.backup.toFixed(0)} / ${r.peaks.verify.toFixed(0)} / ${r.peaks.restore.toFixed(0)} MB |`,
    )
  }
  if (rows.some((r) => !r.same)) process.exitCode = 1
}

await main()
