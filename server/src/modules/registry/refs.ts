import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'

/** Registry rows are placed in a street/town or a community, never directly in a district. */
export async function assertPlaceableArea(db: Kysely<DB>, code: string) {
  const area = await db.selectFrom('area').select('level').where('code', '=', code).executeTakeFirst()
  if (!area) throw new AppError('unknown_area', { code })
  if (area.level !== 'street' && area.level !== 'community')
    throw new AppError('area_level', { code, level: area.level })
}

type RefTable = 'building' | 'unit' | 'person' | 'party_org' | 'park'
export const WHAT = {
  building: { 'zh-CN': '楼宇', 'en-US': 'building' },
  unit: { 'zh-CN': '单位', 'en-US': 'unit' },
  person: { 'zh-CN': '人员', 'en-US': 'person' },
  party_org: { 'zh-CN': '党组织', 'en-US': 'party organisation' },
  park: { 'zh-CN': '园区', 'en-US': 'park' },
  station: { 'zh-CN': '阵地', 'en-US': 'station' },
} as const

/** Every id must name a live row; the first that does not is reported. */
export async function assertExists(db: Kysely<DB>, table: RefTable, ids: Array<number | null | undefined>) {
  const wanted = [...new Set(ids.filter((i): i is number => typeof i === 'number'))]
  if (wanted.length === 0) return
  const found = await db
    // biome-ignore lint/suspicious/noExplicitAny: the same check over five tables with id and deleted_at.
    .selectFrom(table as any)
    .select('id')
    .where('id', 'in', wanted)
    .where('deleted_at', 'is', null)
    .execute()
  const have = new Set(found.map((r) => Number((r as { id: number }).id)))
  const missing = wanted.find((id) => !have.has(id))
  if (missing !== undefined) throw new AppError('unknown_ref', { what: WHAT[table], id: missing })
}
