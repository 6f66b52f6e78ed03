import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DB } from './schema.ts'

export type Engine = 'pglite' | 'postgres'

/** A client that can run a multi-statement SQL script (migrations, dumps) as well as single statements. */
export interface ScriptClient {
  exec(sql: string): Promise<void>
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>
}

export interface Database {
  engine: Engine
  db: Kysely<DB>
  /** Runs `fn` holding one dedicated connection (PGlite: the only one). */
  withScriptClient<T>(fn: (client: ScriptClient) => Promise<T>): Promise<T>
  close(): Promise<void>
  /** PGlite only: the whole data directory as a tarball (test templates, backups). */
  dumpDataDir?(): Promise<Blob>
}

// The same JS shapes on both engines: counts and sums as numbers, `date` as 'YYYY-MM-DD' text
// (a JS Date would shift by the server's time zone), timestamps as Date.
const INT8 = 20
const NUMERIC = 1700
const DATE = 1082
const parseNumber = (v: string) => Number(v)
const parseDateText = (v: string) => v

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const typeOverrides = new pg.TypeOverrides()
  typeOverrides.setTypeParser(INT8, parseNumber)
  typeOverrides.setTypeParser(NUMERIC, parseNumber)
  typeOverrides.setTypeParser(DATE, parseDateText)
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeOverrides })
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {})
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    engine: 'postgres',
    db,
    async withScriptClient(fn) {
      const client = await pool.connect()
      try {
        return await fn({
          exec: async (sql) => {
            await client.query(sql)
          },
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        })
      } finally {
        client.release()
      }
    },
    close: () => db.destroy(),
  }
}

/**
 * PGlite runs one session in-process. Kysely expects a pool of connections, so this hands out that single
 * session to one borrower at a time: a transaction's BEGIN … COMMIT can then never interleave with another
 * request's statements.
 */
class PGliteSessionPool {
  private queue: Array<() => void> = []
  private busy = false

  constructor(
    readonly pglite: PGlite,
    private readonly acquireTimeoutMs = 30_000,
  ) {}

  async connect() {
    await this.acquire()
    let released = false
    return {
      query: (sql: string, params: readonly unknown[]) => this.pglite.query(sql, params as unknown[]),
      release: () => {
        if (released) return
        released = true
        this.releaseOne()
      },
    }
  }

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer)
        resolve()
      }
      // A borrower that never releases (e.g. a query outside its own transaction) would hang every request.
      const timer = setTimeout(() => {
        this.queue = this.queue.filter((g) => g !== grant)
        reject(new Error('Timed out waiting for the embedded database session'))
      }, this.acquireTimeoutMs)
      this.queue.push(grant)
    })
  }

  private releaseOne() {
    const next = this.queue.shift()
    if (next) next()
    else this.busy = false
  }

  async end() {
    await this.pglite.close()
  }
}

export async function openPGlite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: parseNumber, [NUMERIC]: parseNumber, [DATE]: parseDateText },
  })
  const pool = new PGliteSessionPool(pglite)
  const db = new Kysely<DB>({
    // biome-ignore lint/suspicious/noExplicitAny: Kysely types its pool as pg.Pool; ours has the subset it calls.
    dialect: new PostgresDialect({ pool: pool as any }),
  })
  return {
    engine: 'pglite',
    db,
    async withScriptClient(fn) {
      const client = await pool.connect()
      try {
        return await fn({
          exec: async (sql) => {
            await pglite.exec(sql)
          },
          query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as never,
        })
      } finally {
        client.release()
      }
    },
    close: () => db.destroy(),
    dumpDataDir: async () => (await pglite.dumpDataDir('none')) as Blob,
  }
}
