import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/db/connection.ts'
import { openTestDatabase } from './helpers.ts'
import { databaseColumns, schemaDrift, typedTables } from './schema-drift.ts'

/**
 * Tables with no Kysely type: roll-ups that only raw SQL reads (coverage/figures.repository.ts,
 * orglife/compliance.repository.ts), and orglife_absentee, which no code reads.
 */
const UNTYPED = [
  'coverage_member_delta',
  'coverage_member_rollup',
  'coverage_unit_delta',
  'coverage_unit_rollup',
  'orglife_absentee',
  'orglife_due_rollup',
  'orglife_due_year_rollup',
  'orglife_month_rollup',
  'orglife_period_rollup',
]

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

describe('the Kysely table types match the migrated database', () => {
  it('every table and column of DB, with its nullability and type class', async () => {
    const drift = schemaDrift(typedTables(), await databaseColumns(database), UNTYPED)
    expect(drift).toEqual([])
  })

  it('names each kind of drift in a deliberately wrong schema', async () => {
    const fake = typedTables(fileURLToPath(new URL('./fixtures/drift-schema.ts', import.meta.url)))
    const columns = (await databaseColumns(database)).filter((c) => ['area', 'account'].includes(c.table))
    expect(schemaDrift(fake, columns)).toEqual([
      'area.level: NOT NULL in the database, nullable in the type',
      'account.username: text in the database, typed as number',
      'account.updated_at: in the database (timestamp with time zone), not in the type',
      'account.nickname: typed, not in the database',
      'no_such_table: typed in DB, not in the database',
    ])
  })
})
