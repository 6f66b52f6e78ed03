import type { WasteCategory } from '@tongxin/contracts'
import { sql } from 'kysely'
import type { WasteDB } from './db.ts'
import type { EngineItem } from './engine.ts'

export interface ItemRow {
  id: number
  name: string
  category: string
  aliases: string[]
  reason: string
  disposal: string | null
  seed_name: string | null
  version: number
  updated_at: Date
}

const COLUMNS = [
  'id',
  'name',
  'category',
  'aliases',
  'reason',
  'disposal',
  'seed_name',
  'version',
  'updated_at',
] as const

export interface ItemValues {
  name: string
  category: WasteCategory
  aliases: string[]
  reason: string
  disposal: string | null
  search_text: string
}

/** Everything the in-memory index is built from, with the revision it corresponds to. */
export async function loadDictionary(db: WasteDB): Promise<{ revision: number; items: EngineItem[] }> {
  return db.transaction().execute(async (trx) => {
    const revision = await currentRevision(trx)
    const rows = await trx
      .selectFrom('waste_item')
      .select(['id', 'name', 'category', 'aliases', 'reason', 'disposal'])
      .orderBy('id')
      .execute()
    return { revision, items: rows.map((r) => ({ ...r, category: r.category as WasteCategory })) }
  })
}

export async function currentRevision(db: WasteDB): Promise<number> {
  const row = await db.selectFrom('waste_dictionary').select('revision').executeTakeFirst()
  return Number(row?.revision ?? 0)
}

export async function bumpRevision(db: WasteDB) {
  await db
    .updateTable('waste_dictionary')
    .set({ revision: sql`revision + 1`, changed_at: sql`now()` })
    .execute()
}

export async function findItem(db: WasteDB, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('waste_item').select(COLUMNS).where('id', '=', id).executeTakeFirst()
}

export async function findItemByName(db: WasteDB, name: string) {
  return db.selectFrom('waste_item').select(['id']).where('name', '=', name).executeTakeFirst()
}

/** Locks the row for a change, so two saves of the same version cannot both pass the version check. */
export async function lockItem(db: WasteDB, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('waste_item').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function insertItem(db: WasteDB, values: ItemValues, accountId: number | null) {
  const row = await db
    .insertInto('waste_item')
    .values({ ...values, updated_by: accountId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateItem(db: WasteDB, id: number, values: ItemValues, accountId: number | null) {
  await db
    .updateTable('waste_item')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()`, updated_by: accountId })
    .where('id', '=', id)
    .execute()
}

/** Keyset page by id; `q` matches name, aliases, pinyin or initials (already lower case, LIKE-escaped). */
export async function listItems(
  db: WasteDB,
  opts: { q?: string; category?: WasteCategory; afterId?: number; limit: number },
): Promise<ItemRow[]> {
  let query = db.selectFrom('waste_item').select(COLUMNS).orderBy('id').limit(opts.limit)
  if (opts.q) query = query.where('search_text', 'like', `%${opts.q}%`)
  if (opts.category) query = query.where('category', '=', opts.category)
  if (opts.afterId !== undefined) query = query.where('id', '>', opts.afterId)
  return query.execute()
}

export async function recordMiss(db: WasteDB, query: string) {
  await db
    .insertInto('waste_miss')
    .values({ query })
    .onConflict((oc) =>
      oc.column('query').doUpdateSet({ count: sql`waste_miss.count + 1`, last_seen: sql`now()` }),
    )
    .execute()
}

/** A query that an added or corrected item now answers is no longer a miss. */
export async function clearMisses(db: WasteDB, queries: string[]) {
  if (queries.length) await db.deleteFrom('waste_miss').where('query', 'in', queries).execute()
}

export async function listMisses(db: WasteDB, limit: number) {
  return db
    .selectFrom('waste_miss')
    .select(['query', 'count', 'first_seen', 'last_seen'])
    .orderBy('count', 'desc')
    .orderBy('last_seen', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute()
}
