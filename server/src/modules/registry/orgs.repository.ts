import type { PARTY_ORG_SORTS } from '@tongxin/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas, likePattern, type Visibility } from '../../lib/visibility.ts'
import { type After, afterCondition, type Order, type SortKeys } from './list-order.ts'

export function orgQuery(db: Kysely<DB>) {
  return db
    .selectFrom('party_org as o')
    .innerJoin('area as a', 'a.code', 'o.area_code')
    .leftJoin('party_org as parent', 'parent.id', 'o.parent_id')
    .leftJoin('person as sec', 'sec.id', 'o.secretary_person_id')
    .select([
      'o.id',
      'o.version',
      'o.name',
      'o.type',
      'o.parent_id',
      'parent.name as parent_name',
      'o.area_code',
      'a.name as area_name',
      'o.established_on',
      'o.secretary_person_id',
      'sec.name as secretary_name',
      'o.has_committee',
      sql<number>`(SELECT count(*) FROM member m JOIN person p ON p.id = m.person_id
                   WHERE m.party_org_id = o.id AND m.status = 'formal' AND p.deleted_at IS NULL)`.as(
        'formal',
      ),
      sql<number>`(SELECT count(*) FROM member m JOIN person p ON p.id = m.person_id
                   WHERE m.party_org_id = o.id AND m.status = 'probationary' AND p.deleted_at IS NULL)`.as(
        'probationary',
      ),
    ])
    .where('o.deleted_at', 'is', null)
}

export type OrgRow = Awaited<ReturnType<ReturnType<typeof orgQuery>['executeTakeFirstOrThrow']>>

export async function coverageOf(db: Kysely<DB>, orgIds: number[]) {
  if (orgIds.length === 0) return []
  return db
    .selectFrom('party_org_coverage as c')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('building as b', 'b.id', 'c.building_id')
    .select([
      'c.party_org_id',
      'c.unit_id',
      'u.name as unit_name',
      'c.building_id',
      'b.name as building_name',
    ])
    .where('c.party_org_id', 'in', orgIds)
    .orderBy('c.id')
    .execute()
}

export interface OrgFilters {
  q?: string
  type?: string
}

export const PARTY_ORG_SORT_KEYS = {
  name: sql`o.name`,
  members: sql`(SELECT count(*) FROM member m JOIN person p ON p.id = m.person_id
                 WHERE m.party_org_id = o.id AND m.status = 'formal' AND p.deleted_at IS NULL)`,
} satisfies SortKeys<(typeof PARTY_ORG_SORTS)[number]>

/** The organisations a caller may see under the filters: one WHERE for the page and its total. */
function visibleOrgs(db: Kysely<DB>, v: Visibility, opts: OrgFilters) {
  let query = orgQuery(db)
  if (opts.q) query = query.where('o.search_text', 'like', likePattern(opts.q))
  if (opts.type) query = query.where('o.type', '=', opts.type)
  if (v.filterPath) query = query.where(() => inAreas('o.area_code', [v.filterPath!]))
  if (!v.all) {
    query = query.where((eb) =>
      eb.or([
        ...(v.areaPaths.length ? [inAreas('o.area_code', v.areaPaths)] : []),
        ...(v.orgIds.length ? [eb('o.id', 'in', v.orgIds), eb('o.parent_id', 'in', v.orgIds)] : []),
        ...(v.buildingIds.length
          ? [
              eb.exists(
                eb
                  .selectFrom('party_org_coverage as pc')
                  .leftJoin('unit as cu', 'cu.id', 'pc.unit_id')
                  .select(sql.lit(1).as('one'))
                  .whereRef('pc.party_org_id', '=', 'o.id')
                  .where((e) =>
                    e.or([
                      e('pc.building_id', 'in', v.buildingIds),
                      e('cu.building_id', 'in', v.buildingIds),
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

export async function listOrgs(
  db: Kysely<DB>,
  v: Visibility,
  opts: OrgFilters & { order?: Order; after?: After; afterId?: number; limit: number },
) {
  const id = sql`o.id`
  const after = opts.after ?? (opts.afterId ? { id: opts.afterId } : undefined)
  let query = visibleOrgs(db, v, opts)
    .select((opts.order?.expr ?? id).as('sort_key'))
    .limit(opts.limit)
  if (opts.order) query = query.orderBy(opts.order.expr, opts.order.desc ? 'desc' : 'asc')
  query = query.orderBy('o.id')
  if (after) query = query.where(afterCondition(opts.order, id, after))
  return query.execute()
}

export async function countOrgs(db: Kysely<DB>, v: Visibility, opts: OrgFilters): Promise<number> {
  const row = await visibleOrgs(db, v, opts)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Ids of `orgId` and every organisation above it, to refuse a parent that would close a cycle. */
export async function ancestorsOf(db: Kysely<DB>, orgId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM party_org WHERE id = ${orgId}
      UNION ALL
      SELECT o.id, o.parent_id, up.depth + 1 FROM party_org o JOIN up ON o.id = up.parent_id WHERE up.depth < 50
    )
    SELECT id FROM up`.execute(db)
  return result.rows.map((r) => Number(r.id))
}
