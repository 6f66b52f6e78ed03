import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/helpers.ts'
import type { Database } from './connection.ts'
import { latestMigration, listMigrations, migrate } from './migrate.ts'

let database: Database
let dir: string

beforeAll(async () => {
  database = await openTestDatabase()
  dir = await mkdtemp(path.join(os.tmpdir(), 'tongxin-mig-'))
})
afterAll(async () => {
  await database.close()
  await rm(dir, { recursive: true, force: true })
})

describe('migrations', () => {
  it('has applied every file in db/migrations, and a second run applies nothing', async () => {
    const files = await listMigrations()
    expect(files.length).toBeGreaterThan(0)
    const again = await migrate(database)
    expect(again.applied).toEqual([])
    expect(again.latest).toBe(files.at(-1)!.replace('.sql', ''))
    expect(await latestMigration(database)).toBe(again.latest)
  })

  it('rolls back a failing file completely and records nothing for it', async () => {
    await writeFile(path.join(dir, '9001_good.sql'), 'CREATE TABLE mig_good (id int);')
    await writeFile(
      path.join(dir, '9002_bad.sql'),
      'CREATE TABLE mig_half (id int);\nINSERT INTO mig_half VALUES (1);\nSELECT no_such_function();',
    )
    await expect(migrate(database, dir)).rejects.toThrow(/9002_bad.sql failed/)
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('mig_good', 'mig_half')`.execute(
      database.db,
    )
    expect(tables.rows.map((r) => r.name)).toEqual(['mig_good'])
    const recorded = await database.db
      .selectFrom('schema_migration')
      .select('name')
      .where('name', 'like', '900%')
      .execute()
    expect(recorded.map((r) => r.name)).toEqual(['9001_good'])
  })

  it('refuses to run when an applied migration was edited, and names the file', async () => {
    const edits = await mkdtemp(path.join(os.tmpdir(), 'tongxin-mig-edit-'))
    try {
      await writeFile(path.join(edits, '9101_first.sql'), 'CREATE TABLE mig_edit\n(id int);\n')
      expect((await migrate(database, edits)).applied).toEqual(['9101_first'])
      // The same text with CRLF line endings (a Windows checkout) is the same migration.
      await writeFile(path.join(edits, '9101_first.sql'), 'CREATE TABLE mig_edit\r\n(id int);\r\n')
      expect((await migrate(database, edits)).applied).toEqual([])
      await writeFile(path.join(edits, '9101_first.sql'), 'CREATE TABLE mig_edit\n(id bigint);\n')
      await expect(migrate(database, edits)).rejects.toThrow(/9101_first\.sql changed after being applied/)
      // Nothing ran: a later file waiting behind the edited one was not applied either.
      await writeFile(path.join(edits, '9102_second.sql'), 'CREATE TABLE mig_after_edit (id int);')
      await expect(migrate(database, edits)).rejects.toThrow(/9101_first\.sql/)
      const recorded = await database.db
        .selectFrom('schema_migration')
        .select('name')
        .where('name', 'like', '910%')
        .execute()
      expect(recorded.map((r) => r.name)).toEqual(['9101_first'])
      await writeFile(path.join(edits, '9101_first.sql'), 'CREATE TABLE mig_edit\n(id int);\n')
      expect(await migrate(database, edits).then((r) => r.applied)).toEqual(['9102_second'])
    } finally {
      await rm(edits, { recursive: true, force: true })
    }
  })

  it('records a checksum for every applied migration, and fills in rows recorded before checksums', async () => {
    await sql`UPDATE schema_migration SET checksum = NULL WHERE name = '0001_platform'`.execute(database.db)
    await migrate(database)
    const missing = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM schema_migration WHERE checksum IS NULL AND name < '9000'`.execute(
      database.db,
    )
    expect(missing.rows[0]!.n).toBe(0)
  })

  it('ignores files that are not numbered migrations', async () => {
    await writeFile(path.join(dir, 'notes.sql'), 'this is not sql')
    expect(await listMigrations(dir)).not.toContain('notes.sql')
  })
})
