import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './connection.ts'

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../db/migrations',
)

// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_KEY = 7_341_202_601

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()
  return files
}

/**
 * Applies each pending numbered .sql file in its own transaction and records it. Several app instances may
 * start together against one server: an advisory lock makes them take turns, and the later ones find
 * nothing left to do.
 */
export async function migrate(
  database: Database,
  dir = MIGRATIONS_DIR,
): Promise<{ applied: string[]; latest: string }> {
  const files = await listMigrations(dir)
  return database.withScriptClient(async (client) => {
    // The lock comes first: two CREATE TABLE IF NOT EXISTS running at once can both miss the table and one
    // then fails on the catalogue's unique index (seen when two instances started together in CI).
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    try {
      await client.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`)
      const done = new Set(
        (await client.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name),
      )
      const applied: string[] = []
      for (const file of files) {
        const name = file.replace(/\.sql$/, '')
        if (done.has(name)) continue
        const sql = await readFile(path.join(dir, file), 'utf8')
        await client.exec('BEGIN')
        try {
          await client.exec(sql)
          await client.query('INSERT INTO schema_migration (name) VALUES ($1)', [name])
          await client.exec('COMMIT')
        } catch (err) {
          await client.exec('ROLLBACK')
          throw new Error(`Migration ${file} failed: ${(err as Error).message}`)
        }
        applied.push(name)
      }
      const latest = (
        await client.query<{ name: string | null }>('SELECT max(name) AS name FROM schema_migration')
      )[0]
      return { applied, latest: latest?.name ?? '' }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
    }
  })
}

export async function latestMigration(database: Database): Promise<string> {
  const row = await database.db
    .selectFrom('schema_migration')
    .select((eb) => eb.fn.max('name').as('name'))
    .executeTakeFirst()
  return row?.name ?? ''
}
