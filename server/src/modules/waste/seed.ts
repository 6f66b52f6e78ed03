import { sql } from 'kysely'
import type { Database } from '../../db/connection.ts'
import { searchText } from '../../lib/pinyin.ts'
import { wasteDb } from './db.ts'
import { seedDictionary } from './dictionary/index.ts'

/**
 * Puts the shipped dictionary into `waste_item`. Idempotent and safe beside staff edits: only names the
 * seed has never inserted are added (tracked by `seed_name`), so corrections, renames and staff items stay
 * as they are, and a new release's additions arrive on the next start. A seed name that staff have
 * already used for an item of their own is skipped too. Two instances starting together may both run it;
 * ON CONFLICT lets the later one skip what the first inserted.
 */
export async function seedWaste(database: Database): Promise<number> {
  const db = wasteDb(database.db)
  const entries = seedDictionary()
  const { count } = await db
    .selectFrom('waste_item')
    .select((eb) => eb.fn.count<number>('seed_name').as('count'))
    .executeTakeFirstOrThrow()
  if (Number(count) >= entries.length) return 0
  const payload = JSON.stringify(
    entries.map((e) => ({ ...e, search_text: searchText(e.name, ...e.aliases) })),
  )
  return db.transaction().execute(async (trx) => {
    const result = await sql`
      INSERT INTO waste_item (name, category, aliases, reason, disposal, seed_name, search_text)
      SELECT r.name, r.category, ARRAY(SELECT jsonb_array_elements_text(r.aliases)), r.reason, r.disposal,
             r.name, r.search_text
      FROM jsonb_to_recordset(${payload}::jsonb)
        AS r(name text, category text, aliases jsonb, reason text, disposal text, search_text text)
      WHERE NOT EXISTS (SELECT 1 FROM waste_item w WHERE w.seed_name = r.name OR w.name = r.name)
      ON CONFLICT DO NOTHING`.execute(trx)
    const added = Number(result.numAffectedRows ?? 0)
    if (added > 0)
      await sql`UPDATE waste_dictionary SET revision = revision + 1, changed_at = now()`.execute(trx)
    return added
  })
}
