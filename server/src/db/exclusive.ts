import type { Database } from './connection.ts'

// Any constant works; it only has to be the same for every instance of the app (migrate.ts uses another).
export const STARTUP_LOCK_KEY = 7_341_202_602

/**
 * Runs `fn` holding a PostgreSQL advisory lock on one dedicated connection while `fn` works through the
 * pool, so that instances starting together on one server take turns: the later one finds the demo or the
 * first admin already there instead of inserting it a second time (two instances starting at once on an
 * empty database used to crash one of them on a unique index). On PGlite the data-directory lock already
 * makes this process the only one, and its single session could not be held here while `fn` queries.
 */
export async function exclusively<T>(
  database: Database,
  fn: () => Promise<T>,
  key = STARTUP_LOCK_KEY,
): Promise<T> {
  if (database.engine === 'pglite') return fn()
  return database.withScriptClient(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [key])
    try {
      return await fn()
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key])
    }
  })
}
