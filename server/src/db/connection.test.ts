import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { type Database, openPGlite, openPostgres, PGLITE_SETTINGS } from './connection.ts'

const serverUrl = process.env.TEST_DATABASE_URL

/** A database of the engine under test that needs no schema: PGlite in memory, or the server's own database. */
const open = (): Promise<Database> => (serverUrl ? openPostgres(serverUrl, 1) : openPGlite({}))

describe('closing a database', () => {
  it('ends it even when only script clients used it (backups, restores, verification)', async () => {
    const database = await open()
    const [row] = await database.withScriptClient((c) => c.query<{ n: number }>('SELECT 1 AS n'))
    expect(row!.n).toBe(1)
    await database.close()
    // Kysely's destroy() is a no-op for a dialect it never connected: the engine itself must be closed.
    await expect(database.withScriptClient((c) => c.query('SELECT 1'))).rejects.toThrow()
  })

  it('ends it once when queries went through Kysely too', async () => {
    const database = await open()
    await sql`SELECT 1`.execute(database.db)
    await database.withScriptClient((c) => c.query('SELECT 1'))
    await database.close()
    await expect(database.withScriptClient((c) => c.query('SELECT 1'))).rejects.toThrow()
  })
})

describe.skipIf(serverUrl)('the embedded database', () => {
  it('runs with the settings chosen for a small server, not PostgreSQL’s defaults', async () => {
    const database = await openPGlite({})
    try {
      for (const [name, value] of Object.entries(PGLITE_SETTINGS)) {
        const [row] = await database.withScriptClient((c) => c.query<Record<string, string>>(`SHOW ${name}`))
        expect(row![name], name).toBe(value)
      }
      expect(PGLITE_SETTINGS.shared_buffers).toBe('32MB')
    } finally {
      await database.close()
    }
  })
})
