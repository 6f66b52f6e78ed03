import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect } from 'kysely'
import { WAL_RANGE_SQL, type WalRange, withoutSpareWal } from './datadir-dump.ts'
import type { DB } from './schema.ts'

export type Engine = 'pglite' | 'postgres'

/** A client that can run a multi-statement SQL script (migrations, dumps) as well as single statements. */
export interface ScriptClient {
  exec(sql: string): Promise<void>
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>
}

/** How borrowers waited for a connection (read by the metrics at scrape time; plain counters stay cheap). */
export interface PoolStats {
  acquires: number
  /** Acquisitions that found no free connection and queued. */
  waits: number
  waitSeconds: number
  timeouts: number
  /** Borrowers queued right now. */
  waiting(): number
}

export interface Database {
  engine: Engine
  stats: PoolStats
  db: Kysely<DB>
  /**
   * Calls `fn` with the payload of every notice on the `tx_auth` channel (db/migrations/0033: the account
   * whose sessions, grants or sign-in state changed), this instance's own commits included, which arrive
   * before the commit returns. Returns a function that stops the calls.
   */
  onAuthChange(fn: (payload: string) => void): () => void
  /** Runs `fn` holding one dedicated connection (PGlite: the only one). */
  withScriptClient<T>(fn: (client: ScriptClient) => Promise<T>): Promise<T>
  close(): Promise<void>
  /** PGlite only: the whole data directory as a tarball (test templates, backups). */
  dumpDataDir?(): Promise<Blob>
  /**
   * PGlite only: the data directory as a tarball taken while holding the session between transactions, and
   * what `read` found in that same moment (a backup's schema version).
   */
  snapshot?<T>(read: (client: ScriptClient) => Promise<T>): Promise<{ tar: Blob; read: T }>
}

// The same JS shapes on both engines: counts and sums as numbers, `date` as 'YYYY-MM-DD' text
// (a JS Date would shift by the server's time zone), timestamps as Date.
const INT8 = 20
const NUMERIC = 1700
const DATE = 1082
const parseNumber = (v: string) => Number(v)
const parseDateText = (v: string) => v

export const AUTH_CHANNEL = 'tx_auth'

function listeners() {
  const fns = new Set<(payload: string) => void>()
  return {
    emit(payload: string) {
      for (const fn of fns) fn(payload)
    },
    add(fn: (payload: string) => void) {
      fns.add(fn)
      return () => {
        fns.delete(fn)
      }
    },
  }
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // Loaded here, not at start: the embedded server never needs the PostgreSQL client.
  const { default: pg } = await import('pg')
  const typeOverrides = new pg.TypeOverrides()
  typeOverrides.setTypeParser(INT8, parseNumber)
  typeOverrides.setTypeParser(NUMERIC, parseNumber)
  typeOverrides.setTypeParser(DATE, parseDateText)
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeOverrides })
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {})
  // Every connection listens, so a commit's own notices come back on the connection that made them, ahead of
  // the commit's answer; the others' notices reach whichever connections are open. pg runs a client's
  // queries in order, so the LISTEN precedes whatever the borrower sends.
  const auth = listeners()
  pool.on('connect', (client) => {
    client.on('notification', (n) => {
      if (n.channel === AUTH_CHANNEL) auth.emit(n.payload ?? '')
    })
    client.query(`LISTEN ${AUTH_CHANNEL}`).catch(() => {})
  })
  const stats: PoolStats = {
    acquires: 0,
    waits: 0,
    waitSeconds: 0,
    timeouts: 0,
    waiting: () => pool.waitingCount,
  }
  // Kysely calls only connect() and end(); timing connect() shows the time requests queued for a connection.
  const counted = {
    async connect() {
      stats.acquires++
      const full = pool.waitingCount > 0 || (pool.idleCount === 0 && pool.totalCount >= poolSize)
      const began = full ? performance.now() : 0
      try {
        return await pool.connect()
      } finally {
        if (full) {
          stats.waits++
          stats.waitSeconds += (performance.now() - began) / 1000
        }
      }
    },
    end: () => pool.end(),
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely types its pool as pg.Pool; this has the subset it calls.
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: counted as any }) })
  return {
    engine: 'postgres',
    stats,
    db,
    onAuthChange: auth.add,
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
    // Kysely ends the pool only if it ever used it; a database used through script clients alone is ours to end.
    async close() {
      await db.destroy()
      if (!pool.ended) await pool.end()
    },
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
  readonly stats: PoolStats = {
    acquires: 0,
    waits: 0,
    waitSeconds: 0,
    timeouts: 0,
    waiting: () => this.queue.length,
  }

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
    this.stats.acquires++
    if (!this.busy) {
      this.busy = true
      return Promise.resolve()
    }
    this.stats.waits++
    const began = performance.now()
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer)
        this.stats.waitSeconds += (performance.now() - began) / 1000
        resolve()
      }
      // A borrower that never releases (e.g. a query outside its own transaction) would hang every request.
      const timer = setTimeout(() => {
        this.queue = this.queue.filter((g) => g !== grant)
        this.stats.timeouts++
        this.stats.waitSeconds += (performance.now() - began) / 1000
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

/**
 * PostgreSQL's defaults assume a server of its own; the embedded one shares a process with the app, and its
 * WebAssembly memory never shrinks, so every buffer it fills stays resident. Sized for a street's or a
 * district's data (the demo is ~70 MB on disk; the files are still cached by the operating system):
 * bench/README.md has the resident memory before and after.
 */
export const PGLITE_SETTINGS: Record<string, string> = {
  shared_buffers: '32MB',
  work_mem: '4MB',
  maintenance_work_mem: '32MB',
  temp_buffers: '4MB',
  wal_buffers: '1MB',
  // A planner hint only: what the operating system's file cache may hold besides shared_buffers.
  effective_cache_size: '512MB',
  jit: 'off',
}

export async function openPGlite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    startParams: [
      ...PGlite.defaultStartParams,
      ...Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    extensions: { pg_trgm },
    parsers: { [INT8]: parseNumber, [NUMERIC]: parseNumber, [DATE]: parseDateText },
  })
  // PGlite calls listeners while it reads a statement's answer, so a commit's notices are seen before it returns.
  const auth = listeners()
  await pglite.listen(AUTH_CHANNEL, auth.emit)
  const pool = new PGliteSessionPool(pglite)
  const db = new Kysely<DB>({
    // biome-ignore lint/suspicious/noExplicitAny: Kysely types its pool as pg.Pool; ours has the subset it calls.
    dialect: new PostgresDialect({ pool: pool as any }),
  })
  const script: ScriptClient = {
    exec: async (sql) => {
      await pglite.exec(sql)
    },
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as never,
  }
  const withScriptClient = async <T>(fn: (client: ScriptClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    try {
      return await fn(script)
    } finally {
      client.release()
    }
  }
  // Holding the one session means no transaction is open: the files are those of committed work only. The
  // checkpoint writes the WAL's pages out, so a restore does not replay it, and the recycled segments it
  // keeps are left out (datadir-dump.ts).
  const snapshot = async <T>(read: (client: ScriptClient) => Promise<T>) => {
    const taken = await withScriptClient(async (client) => {
      const found = await read(client)
      await pglite.exec('CHECKPOINT')
      const [range] = await client.query<WalRange>(WAL_RANGE_SQL)
      return { whole: (await pglite.dumpDataDir('none')) as Blob, range: range!, found }
    })
    // After the session is released: requests need not wait for the trimming.
    return { tar: await withoutSpareWal(taken.whole, taken.range), read: taken.found }
  }
  return {
    engine: 'pglite',
    stats: pool.stats,
    db,
    onAuthChange: auth.add,
    withScriptClient,
    // As on PostgreSQL: Kysely closes PGlite only if it ever used it (not so for a backup's verification).
    async close() {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
    dumpDataDir: async () => (await snapshot(async () => null)).tar,
    snapshot,
  }
}
