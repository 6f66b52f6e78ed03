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

  it('ignores files that are not numbered migrations', async () => {
    await writeFile(path.join(dir, 'notes.sql'), 'this is not sql')
    expect(await listMigrations(dir)).not.toContain('notes.sql')
  })
})
