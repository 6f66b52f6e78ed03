import type { Database } from '../../db/connection.ts'

/** What a session lookup read from the database: everything `loadSession` decides on. */
export interface SessionRow {
  id: string
  csrf_token: string
  last_seen_at: Date
  expires_at: Date
  account_id: number
  username: string
  display_name: string
  disabled: boolean
  must_change_password: boolean
  grants: Array<{ role: string; scope_type: string; scope_id: string | null; area_code: string | null }>
}

/**
 * How long a session read from the database answers without reading it again. It bounds how long any change
 * to a session, its account or its grants can go unseen by an instance even if no notice reaches it (a
 * listening connection lost, a notice dropped): well under the 1 s that revocation promises.
 */
export const SESSION_CACHE_MS = 500
/** Enough for every session of a busy instance; past it the oldest go first. */
const MAX_ENTRIES = 20_000

interface Entry {
  row: SessionRow
  /** The cookie's value; the map is keyed by it, so a cached answer does not compute the cookie's HMAC. */
  token: string
  /** performance.now() when read: wall-clock moves of the app's own clock (tests) do not extend it. */
  readAt: number
}

/**
 * The sessions this process read in the last moment, per database, keyed by the cookie's value (the session
 * id is its HMAC, recomputed only on a miss: ~10 % of a cached `/api/auth/me`, bench/README.md).
 * A token is held no longer than its entry. Every notice on `tx_auth` (migration
 * 0033: a session ended, an account disabled or renamed, its password or grants changed) forgets the
 * account's sessions at once; a lookup that started before a notice is not kept, so a read racing a
 * revocation cannot put the old state back.
 */
export class SessionCache {
  private entries = new Map<string, Entry>()
  /** Moves on every notice; a read is kept only if none arrived while it ran. */
  private generation = 0

  /**
   * Tests lengthen it, so that a slow machine cannot end a cached session between two requests and only the
   * notices can (which is what they prove).
   */
  maxAgeMs = SESSION_CACHE_MS

  get(token: string): SessionRow | null {
    const entry = this.entries.get(token)
    if (!entry) return null
    if (performance.now() - entry.readAt >= this.maxAgeMs) {
      this.entries.delete(token)
      return null
    }
    return entry.row
  }

  /** Call before reading; pass the result to `put` with the row read. */
  ticket(): number {
    return this.generation
  }

  put(ticket: number, token: string, row: SessionRow, readAt: number) {
    if (ticket !== this.generation) return
    this.entries.delete(token)
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(token, { row, token, readAt })
  }

  /** A session ended here (expired): rare, so a walk over the entries is fine. */
  forget(id: string) {
    this.generation++
    for (const [token, entry] of this.entries) if (entry.row.id === id) this.entries.delete(token)
  }

  /** A notice: `payload` is an account id; anything else forgets every session. */
  changed(payload: string) {
    this.generation++
    const accountId = Number(payload)
    if (!Number.isInteger(accountId) || payload === '') {
      this.entries.clear()
      return
    }
    for (const [token, entry] of this.entries)
      if (entry.row.account_id === accountId) this.entries.delete(token)
  }

  get size() {
    return this.entries.size
  }
}

const caches = new WeakMap<Database, SessionCache>()

/** The cache of this process for one database (the apps of one process on one database share it). */
export function sessionCache(database: Database): SessionCache {
  let cache = caches.get(database)
  if (!cache) {
    const created = new SessionCache()
    database.onAuthChange((payload) => created.changed(payload))
    caches.set(database, created)
    cache = created
  }
  return cache
}
