import type { BUILDING_SORTS } from '@tongxin/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas, likePattern, type Visibility } from '../../lib/visibility.ts'
import { type After, afterCondition, type Order, type SortKeys } from './list-order.ts'

export function buildingQuery(db: Kysely<DB>) {
  return db
    .selectFrom('building as b')
    .innerJoin('area as a', 'a.code', 'b.area_code')
    .leftJoin('park as p', 'p.id', 'b.park_id')
    .leftJoin('building_chief as c', 'c.building_id', 'b.id')
    .leftJoin('person as cp', 'cp.id', 'c.person_id')
    .leftJoin('unit as cu', 'cu.id', 'c.unit_id')
    .select([
      'b.id',
      'b.version',
      'b.area_code',
      'a.name as area_name',
      'b.park_id',
      'p.name as park_name',
      'b.name',
      'b.address',
      'b.floors',
      'b.in_use',
      'b.in_census_scope',
      'b.property_company',
      'b.owner',
      'b.lat',
      'b.lng',
      'c.person_id as chief_person_id',
      'c.unit_id as chief_unit_id',
      'c.since as chief_since',
      'c.version as chief_version',
      'cp.name as chief_person_name',
      'cu.name as chief_unit_name',
      sql<number>`(SELECT count(*) FROM unit u WHERE u.building_id = b.id AND u.deleted_at IS NULL)`.as(
        'unit_count',
      ),
    ])
    .where('b.deleted_at', 'is', null)
}

export type BuildingRow = Awaited<ReturnType<ReturnType<typeof buildingQuery>['executeTakeFirstOrThrow']>>

export interface BuildingFilters {
  q?: string
  parkId?: number
  inScope?: boolean
}

export const BUILDING_SORT_KEYS = {
  name: sql`b.name`,
  floors: sql`coalesce(b.floors, -1)`,
  units: sql`(SELECT count(*) FROM unit u WHERE u.building_id = b.id AND u.deleted_at IS NULL)`,
} satisfies SortKeys<(typeof BUILDING_SORTS)[number]>

/** The buildings a caller may see under the filters: one WHERE for the page and its total. */
function visibleBuildings(db: Kysely<DB>, v: Visibility, opts: BuildingFilters) {
  let query = buildingQuery(db)
  if (opts.q) query = query.where('b.search_text', 'like', likePattern(opts.q))
  if (opts.parkId) query = query.where('b.park_id', '=', opts.parkId)
  if (opts.inScope !== undefined) query = query.where('b.in_census_scope', '=', opts.inScope)
  if (v.filterPath) query = query.where(() => inAreas('b.area_code', [v.filterPath!]))
  if (!v.all) {
    query = query.where((eb) =>
      eb.or([
        ...(v.areaPaths.length ? [inAreas('b.area_code', v.areaPaths)] : []),
        ...(v.buildingIds.length ? [eb('b.id', 'in', v.buildingIds)] : []),
        ...(v.orgIds.length
          ? [
              eb.exists(
                eb
                  .selectFrom('party_org_coverage as pc')
                  .leftJoin('unit as cu2', 'cu2.id', 'pc.unit_id')
                  .select(sql.lit(1).as('one'))
                  .where('pc.party_org_id', 'in', v.orgIds)
                  .where((e) =>
                    e.or([e('pc.building_id', '=', e.ref('b.id')), e('cu2.building_id', '=', e.ref('b.id'))]),
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

export async function listBuildings(
  db: Kysely<DB>,
  v: Visibility,
  opts: BuildingFilters & { order?: Order; after?: After; afterId?: number; limit: number },
) {
  const id = sql`b.id`
  const after = opts.after ?? (opts.afterId ? { id: opts.afterId } : undefined)
  let query = visibleBuildings(db, v, opts)
    .select((opts.order?.expr ?? id).as('sort_key'))
    .limit(opts.limit)
  if (opts.order) query = query.orderBy(opts.order.expr, opts.order.desc ? 'desc' : 'asc')
  query = query.orderBy('b.id')
  if (after) query = query.where(afterCondition(opts.order, id, after))
  return query.execute()
}

export async function countBuildings(db: Kysely<DB>, v: Visibility, opts: BuildingFilters): Promise<number> {
  const row = await visibleBuildings(db, v, opts)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findBuildingByNaturalKey(db: Kysely<DB>, name: string, address: string) {
  return db
    .selectFrom('building')
    .select(['id'])
    .where('name', '=', name)
    .where('address', '=', address)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

/** Floors with the units on each, for the building page. */
export async function unitsOfBuilding(db: Kysely<DB>, buildingId: number) {
  return db
    .selectFrom('unit as u')
    .leftJoin('unit_stat as s', 's.unit_id', 'u.id')
    .select([
      'u.id',
      'u.name',
      'u.kind',
      'u.floor_from',
      'u.floor_to',
      'u.left_on',
      's.formal',
      's.probationary',
      's.category',
    ])
    .where('u.building_id', '=', buildingId)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.floor_from')
    .orderBy('u.id')
    .execute()
}

/** The area a building stands in now (deleted or not), or undefined for an unknown id. */
export async function buildingAreaCode(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('building').select('area_code').where('id', '=', id).executeTakeFirst()
  return row?.area_code
}
