/**
 * Where the city data set is loaded: a PostgreSQL database (COPY through pg-copy-streams on its own
 * connection) or a PGlite directory (COPY from PGlite's /dev/blob device). The bulk-load steps around the
 * COPYs are in city-bulk.ts.
 */
import { rm } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { type Database, openPGlite, openPostgres, type ScriptClient } from '../server/src/db/connection.ts'
import type { DB } from '../server/src/db/schema.ts'

/** COPY `lines` (text format, one row per string) into `table`; returns the rows sent. */
export type CopyIn = (table: string, columns: readonly string[], lines: Iterable<string>) => Promise<number>

export interface LoadTarget {
  database: Database
  copyIn: CopyIn
  describe: string
  close(): Promise<void>
}

const CHUNK_CHARS = 1 << 20

/** Groups lines into ~1 MB strings: one stream write or blob part per line would dominate the cost. */
function* chunked(
  lines: Iterable<string>,
  counter: { rows: number },
  maxChars = CHUNK_CHARS,
): Generator<string> {
  let buf = ''
  for (const l of lines) {
    buf += l
    counter.rows++
    if (buf.length >= maxChars) {
      yield buf
      buf = ''
    }
  }
  if (buf) yield buf
}

export function copyInPostgres(client: pg.Client): CopyIn {
  return async (table, columns, lines) => {
    const counter = { rows: 0 }
    const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`
    await pipeline(Readable.from(chunked(lines, counter)), client.query(copyFrom(sql)))
    return counter.rows
  }
}

/** PGlite reads COPY input from a Blob given with the query; one COPY per ~32 MB keeps memory bounded. */
export function copyInPGlite(pglite: PGlite): CopyIn {
  return async (table, columns, lines) => {
    const counter = { rows: 0 }
    const sql = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`
    let parts: string[] = []
    let size = 0
    const flush = async () => {
      if (parts.length === 0) return
      await pglite.query(sql, [], { blob: new Blob(parts) })
      parts = []
      size = 0
    }
    for (const chunk of chunked(lines, counter)) {
      parts.push(chunk)
      size += chunk.length
      if (size >= 32 * CHUNK_CHARS) await flush()
    }
    await flush()
    return counter.rows
  }
}

const INT8 = 20
const DATE = 1082

/** A Database over a PGlite instance this module holds, so COPY can reach PGlite's query(…, { blob }). */
function pgliteDatabase(pglite: PGlite): Database {
  const pool = {
    connect: async () => ({
      query: (sql: string, params: readonly unknown[]) => pglite.query(sql, params as unknown[]),
      release: () => {},
    }),
    end: async () => {},
  }
  const script: ScriptClient = {
    exec: async (sql) => {
      await pglite.exec(sql)
    },
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as never,
  }
  return {
    engine: 'pglite',
    stats: { acquires: 0, waits: 0, waitSeconds: 0, timeouts: 0, waiting: () => 0 },
    // Loading is strictly sequential, so one shared session needs no queue in front of it.
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) }),
    withScriptClient: (fn) => fn(script),
    // Loading serves no sessions.
    onAuthChange: () => () => {},
    close: () => pglite.close(),
  }
}

export const cityDatabaseName = () => process.env.BENCH_CITY_DB ?? 'tongxin_city'
export const pgliteDir = () => process.env.BENCH_PGLITE_DIR ?? '/tmp/tongxin-city-pglite'

function cityUrl(serverUrl: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${cityDatabaseName()}`
  return url.toString()
}

/**
 * A fresh, empty database to load into: the city database is dropped and created again. With `fresh: false`
 * the city already loaded is opened for COPY as it is (to add a module's rows to it).
 */
export async function openLoadTarget({ fresh = true } = {}): Promise<LoadTarget> {
  const serverUrl = process.env.BENCH_DATABASE_URL
  if (serverUrl) {
    const name = cityDatabaseName()
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_CITY_DB must be a plain name (got ${name})`)
    if (fresh) {
      const admin = new pg.Client({ connectionString: serverUrl })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${name}`)
      await admin.end()
    }
    const database = await openPostgres(cityUrl(serverUrl), 2)
    const copyClient = new pg.Client({ connectionString: cityUrl(serverUrl) })
    await copyClient.connect()
    return {
      database,
      copyIn: copyInPostgres(copyClient),
      describe: `PostgreSQL database ${name}`,
      close: async () => {
        await copyClient.end()
        await database.close()
      },
    }
  }
  const dir = pgliteDir()
  if (fresh) await rm(dir, { recursive: true, force: true })
  const pglite = await PGlite.create({
    dataDir: dir,
    extensions: { pg_trgm },
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
  })
  return {
    database: pgliteDatabase(pglite),
    copyIn: copyInPGlite(pglite),
    describe: `PGlite ${dir}`,
    close: () => pglite.close(),
  }
}

/** The loaded city database, opened the way the app opens it (no COPY access needed any more). */
export async function openCityDatabase(): Promise<Database> {
  const serverUrl = process.env.BENCH_DATABASE_URL
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      cityDatabaseName(),
    ])
    await admin.end()
    if (!rowCount) throw new Error(`database ${cityDatabaseName()} does not exist`)
    return openPostgres(cityUrl(serverUrl), 10)
  }
  return openPGlite({ dataDir: pgliteDir() })
}
