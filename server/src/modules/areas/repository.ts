import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

const AREA_FIELDS = ['code', 'name', 'level', 'parent_code'] as const

/** Areas whose name contains `q` (LIKE wildcards taken literally), or else the children of `parent`. */
export function listAreas(db: Kysely<DB>, opts: { parent: string; q?: string }) {
  const query = db.selectFrom('area').select(AREA_FIELDS).orderBy('code').limit(500)
  return (
    opts.q
      ? query.where('name', 'like', `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : query.where('parent_code', '=', opts.parent)
  ).execute()
}

/** One area with the areas above it (outermost first) and how many areas sit directly below it. */
export async function areaWithAncestors(db: Kysely<DB>, code: string) {
  const area = await db
    .selectFrom('area')
    .select([...AREA_FIELDS, 'path'])
    .where('code', '=', code)
    .executeTakeFirst()
  if (!area) return null
  const ancestorCodes = area.path.split('/').slice(0, -1)
  const ancestors = ancestorCodes.length
    ? await db
        .selectFrom('area')
        .select(AREA_FIELDS)
        .where('code', 'in', ancestorCodes)
        .orderBy('path')
        .execute()
    : []
  const { n } = await db
    .selectFrom('area')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_code', '=', area.code)
    .executeTakeFirstOrThrow()
  return { area, ancestors, childCount: Number(n) }
}
