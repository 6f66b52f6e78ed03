import type { UNIT_SORTS } from '@tongxin/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas, likePattern, type Visibility } from '../../lib/visibility.ts'
import { type After, afterCondition, type Order, type SortKeys } from './list-order.ts'

type UnitSort = (typeof UNIT_SORTS)[number]

export function unitQuery(db: Kysely<DB>) {
  return db
    .selectFrom('unit as u')
    .leftJoin('building as b', 'b.id', 'u.building_id')
    .leftJoin('unit_stat as s', 's.unit_id', 'u.id')
    .select([
      'u.id',
      'u.version',
      'u.uscc',
      'u.name',
      'u.kind',
      'u.industry',
      'u.employees',
      'u.area_code',
      'u.building_id',
      'b.name as building_name',
      'u.floor_from',
      'u.floor_to',
      'u.settled_on',
      'u.left_on',
      'u.instructor_sent',
      's.formal',
      's.probationary',
      's.category',
    ])
    .where('u.deleted_at', 'is', null)
}

export type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>

export interface UnitFilters {
  q?: string
  buildingId?: number
  category?: string
  kind?: string
}

export const UNIT_SORT_KEYS = {
  name: sql`u.name`,
  employees: sql`coalesce(u.employees, -1)`,
  floor: sql`coalesce(u.floor_from, -1000)`,
  members: sql`coalesce(s.formal, 0) + coalesce(s.probationary, 0)`,
} satisfies SortKeys<UnitSort>

/** The units a caller may see under the filters: one WHERE for the page and its total. */
function visibleUnits(db: Kysely<DB>, v: Visibility, opts: UnitFilters) {
  let query = unitQuery(db)
  if (opts.q) {
    const q = opts.q
    query = query.where((eb) =>
      eb.or([eb('u.search_text', 'like', likePattern(q)), eb('u.uscc', '=', q.toUpperCase())]),
    )
  }
  if (opts.buildingId) query = query.where('u.building_id', '=', opts.buildingId)
  if (opts.category) query = query.where('s.category', '=', opts.category)
  if (opts.kind) query = query.where('u.kind', '=', opts.kind)
  if (v.filterPath) query = query.where(() => inAreas('u.area_code', [v.filterPath!]))
  if (!v.all) {
    query = query.where((eb) =>
      eb.or([
        ...(v.areaPaths.length ? [inAreas('u.area_code', v.areaPaths)] : []),
        ...(v.buildingIds.length ? [eb('u.building_id', 'in', v.buildingIds)] : []),
        ...(v.unitIds.length ? [eb('u.id', 'in', v.unitIds)] : []),
        ...(v.orgIds.length
          ? [
              eb.exists(
                eb
                  .selectFrom('party_org_coverage as pc')
                  .select(sql.lit(1).as('one'))
                  .where('pc.party_org_id', 'in', v.orgIds)
                  .where((e) =>
                    e.or([
                      e('pc.unit_id', '=', e.ref('u.id')),
                      e('pc.building_id', '=', e.ref('u.building_id')),
                    ]),
                  ),
              ),
            ]
          : []),
        sql<boolean>`false`,
      ]),
    )
  }
  return query
}

export async function listUnits(
  db: Kysely<DB>,
  v: Visibility,
  opts: UnitFilters & { order?: Order; after?: After; afterId?: number; limit: number },
) {
  const id = sql`u.id`
  const after = opts.after ?? (opts.afterId ? { id: opts.afterId } : undefined)
  let query = visibleUnits(db, v, opts)
    .select((opts.order?.expr ?? id).as('sort_key'))
    .limit(opts.limit)
  if (opts.order) query = query.orderBy(opts.order.expr, opts.order.desc ? 'desc' : 'asc')
  query = query.orderBy('u.id')
  if (after) query = query.where(afterCondition(opts.order, id, after))
  return query.execute()
}

export async function countUnits(db: Kysely<DB>, v: Visibility, opts: UnitFilters): Promise<number> {
  const row = await visibleUnits(db, v, opts)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findUnitByUscc(db: Kysely<DB>, uscc: string) {
  return db
    .selectFrom('unit')
    .select(['id'])
    .where('uscc', '=', uscc)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
