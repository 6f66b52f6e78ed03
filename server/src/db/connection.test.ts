import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/helpers.ts'
import { type Database, openPGlite, openPostgres, PGLITE_SETTINGS } from './connection.ts'
import { tarEntries, walSegmentOf } from './datadir-dump.ts'

const serverUrl = process.env.TEST_DATABASE_URL

/**
 * A database of the engine under test: on PGlite a copy of the test template (a fresh `initdb` took ~3 s of
 * this file's ~17 s), on a server the server's own database.
 */
const open = (): Promise<Database> => (serverUrl ? openPostgres(serverUrl, 1) : openTestDatabase())

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
    const database = await open()
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

describe.skipIf(serverUrl)('a dump of the embedded database (backups, the test template)', () => {
  it('leaves out the WAL segments kept for reuse, and opens with every committed row', async () => {
    const database = await openTestDatabase()
    try {
      // ~20 MB of WAL before a checkpoint: the segment it passes is then kept for reuse, not deleted.
      await database.withScriptClient(async (c) => {
        await c.exec('CREATE TABLE filler (n int, pad text)')
        await c.exec("INSERT INTO filler SELECT g, repeat('x', 1000) FROM generate_series(1, 20000) g")
        await c.exec('CHECKPOINT')
        await c.exec("INSERT INTO filler SELECT g, repeat('y', 1000) FROM generate_series(20001, 20100) g")
      })
      const tar = await database.dumpDataDir!()
      const [onDisk] = await database.withScriptClient((c) =>
        c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'"),
      )
      const dumped: string[] = []
      for await (const { name } of tarEntries(tar)) if (walSegmentOf(name)) dumped.push(name)
      expect(dumped.length).toBeGreaterThan(0)
      expect(dumped.length).toBeLessThan(onDisk!.n)

      const restored = await openPGlite({ loadDataDir: tar })
      try {
        const [row] = await restored.withScriptClient((c) =>
          c.query<{ n: number; last: number }>('SELECT count(*)::int AS n, max(n) AS last FROM filler'),
        )
        expect(row).toEqual({ n: 20100, last: 20100 })
        // It writes on into a segment it has to create, not one it was missing.
        await restored.withScriptClient((c) =>
          c.exec("SELECT pg_switch_wal(); INSERT INTO filler VALUES (0, 'after'); CHECKPOINT"),
        )
        const [after] = await restored.withScriptClient((c) =>
          c.query<{ n: number }>('SELECT count(*)::int AS n FROM filler'),
        )
        expect(after!.n).toBe(20101)
      } finally {
        await restored.close()
      }
    } finally {
      await database.close()
    }
  })
})
