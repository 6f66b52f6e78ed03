import { createHash } from 'node:crypto'
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

/** Line endings are normalised so that a checkout with CRLF endings is not taken for an edit. */
export const migrationChecksum = (sql: string) =>
  createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex')

/**
 * Applies each pending numbered .sql file in its own transaction and records it. Several app instances may
 * start together against one server: an advisory lock makes them take turns, and the later ones find
 * nothing left to do.
 *
 * A migration never changes once it has landed: each applied file's checksum is recorded, and a file that no
 * longer matches refuses the start before anything runs (a database migrated by the old text would silently
 * differ from a new one). Rows recorded before checksums existed take the file's current checksum once.
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
      await client.exec('ALTER TABLE schema_migration ADD COLUMN IF NOT EXISTS checksum text')
      const done = new Map(
        (
          await client.query<{ name: string; checksum: string | null }>(
            'SELECT name, checksum FROM schema_migration',
          )
        ).map((r) => [r.name, r.checksum]),
      )
      const texts = new Map<string, string>()
      for (const file of files) texts.set(file, await readFile(path.join(dir, file), 'utf8'))
      const edited = files.filter((file) => {
        const recorded = done.get(file.replace(/\.sql$/, ''))
        return recorded != null && recorded !== migrationChecksum(texts.get(file)!)
      })
      if (edited.length > 0) {
        throw new Error(
          `Migration${edited.length > 1 ? 's' : ''} ${edited.join(', ')} changed after being applied to this database. ` +
            'Landed migrations are never edited: restore the file and put the change in a new numbered migration.',
        )
      }
      for (const file of files) {
        const name = file.replace(/\.sql$/, '')
        if (done.has(name) && done.get(name) === null) {
          await client.query('UPDATE schema_migration SET checksum = $2 WHERE name = $1', [
            name,
            migrationChecksum(texts.get(file)!),
          ])
        }
      }
      const applied: string[] = []
      for (const file of files) {
        const name = file.replace(/\.sql$/, '')
        if (done.has(name)) continue
        const sql = texts.get(file)!
        await client.exec('BEGIN')
        try {
          await client.exec(sql)
          await client.query('INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)', [
            name,
            migrationChecksum(sql),
          ])
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
