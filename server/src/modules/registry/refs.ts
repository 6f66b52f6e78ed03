import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import { ancestorsOf } from './orgs.repository.ts'

type RefTable = 'building' | 'unit' | 'person' | 'party_org' | 'park'

/**
 * What the shared validators ask about the rows an input refers to. The API answers each question from the
 * database; the Excel import answers from a snapshot it loaded in bulk, so a 100,000-row file is held to the
 * same rules without several queries per row.
 */
export interface RefLookup {
  areaLevel(code: string): Promise<string | undefined>
  building(id: number): Promise<{ floors: number; area_code: string } | undefined>
  /** The first of `ids` that names no live row, if any. */
  firstMissing(table: RefTable, ids: number[]): Promise<number | undefined>
  /** `orgId` and every organisation above it. */
  ancestors(orgId: number): Promise<number[]>
}

/** The database itself, or a lookup standing in for it. */
export type Refs = Kysely<DB> | RefLookup

export function lookupOf(refs: Refs): RefLookup {
  if ('firstMissing' in refs) return refs
  const db = refs
  return {
    areaLevel: async (code) =>
      (await db.selectFrom('area').select('level').where('code', '=', code).executeTakeFirst())?.level,
    building: (id) =>
      db
        .selectFrom('building')
        .select(['floors', 'area_code'])
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),
    async firstMissing(table, ids) {
      const found = await db
        // biome-ignore lint/suspicious/noExplicitAny: the same check over five tables with id and deleted_at.
        .selectFrom(table as any)
        .select('id')
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute()
      const have = new Set(found.map((r) => Number((r as { id: number }).id)))
      return ids.find((id) => !have.has(id))
    },
    ancestors: (orgId) => ancestorsOf(db, orgId),
  }
}

/** Registry rows are placed in a street/town or a community, never directly in a district. */
export async function assertPlaceableArea(db: Refs, code: string) {
  const level = await lookupOf(db).areaLevel(code)
  if (!level) throw new AppError('unknown_area', { code })
  if (level !== 'street' && level !== 'community') throw new AppError('area_level', { code, level })
}

export const WHAT = {
  building: { 'zh-CN': '楼宇', 'en-US': 'building' },
  unit: { 'zh-CN': '单位', 'en-US': 'unit' },
  person: { 'zh-CN': '人员', 'en-US': 'person' },
  party_org: { 'zh-CN': '党组织', 'en-US': 'party organisation' },
  park: { 'zh-CN': '园区', 'en-US': 'park' },
  station: { 'zh-CN': '阵地', 'en-US': 'station' },
} as const

/** Every id must name a live row; the first that does not is reported. */
export async function assertExists(db: Refs, table: RefTable, ids: Array<number | null | undefined>) {
  const wanted = [...new Set(ids.filter((i): i is number => typeof i === 'number'))]
  if (wanted.length === 0) return
  const missing = await lookupOf(db).firstMissing(table, wanted)
  if (missing !== undefined) throw new AppError('unknown_ref', { what: WHAT[table], id: missing })
}
