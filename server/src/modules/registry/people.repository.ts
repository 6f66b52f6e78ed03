import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas, likePattern, type Visibility } from '../../lib/visibility.ts'

export function personQuery(db: Kysely<DB>) {
  return db
    .selectFrom('person as p')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .leftJoin('member as m', 'm.person_id', 'p.id')
    .leftJoin('party_org as o', 'o.id', 'm.party_org_id')
    .select([
      'p.id',
      'p.version',
      'p.name',
      'p.gender',
      'p.birth_date',
      'p.phone',
      'p.id_number_enc',
      'p.education',
      'p.unit_id',
      'u.name as unit_name',
      'm.party_org_id',
      'o.name as party_org_name',
      'm.status',
      'm.joined_on',
      'm.relation_transferred',
      'm.floating',
    ])
    .where('p.deleted_at', 'is', null)
}

export type PersonRow = Awaited<ReturnType<ReturnType<typeof personQuery>['executeTakeFirstOrThrow']>>

export interface PeopleFilters {
  q?: string
  unitId?: number
  orgId?: number
  membersOnly?: boolean
}

/** The people a caller may see under the filters: one WHERE for the page and its total. */
function visiblePeople(db: Kysely<DB>, v: Visibility, opts: PeopleFilters) {
  let query = personQuery(db)
  if (opts.q) query = query.where('p.search_text', 'like', likePattern(opts.q))
  if (opts.unitId) query = query.where('p.unit_id', '=', opts.unitId)
  if (opts.orgId) query = query.where('m.party_org_id', '=', opts.orgId)
  if (opts.membersOnly) query = query.where('m.person_id', 'is not', null)
  const inPlace = (paths: string[]) =>
    sql<boolean>`(${inAreas('u.area_code', paths)} OR ${inAreas('o.area_code', paths)})`
  if (v.filterPath) query = query.where(() => inPlace([v.filterPath!]))
  if (!v.all) {
    query = query.where((eb) =>
      eb.or([
        ...(v.areaPaths.length ? [inPlace(v.areaPaths)] : []),
        ...(v.buildingIds.length ? [eb('u.building_id', 'in', v.buildingIds)] : []),
        ...(v.unitIds.length ? [eb('p.unit_id', 'in', v.unitIds)] : []),
        ...(v.orgIds.length ? [eb('m.party_org_id', 'in', v.orgIds), eb('o.parent_id', 'in', v.orgIds)] : []),
        sql<boolean>`false`,
      ]),
    )
  }
  return query
}

export async function listPeople(
  db: Kysely<DB>,
  v: Visibility,
  opts: PeopleFilters & { afterId?: number; limit: number },
) {
  let query = visiblePeople(db, v, opts).orderBy('p.id').limit(opts.limit)
  if (opts.afterId) query = query.where('p.id', '>', opts.afterId)
  return query.execute()
}

export async function countPeople(db: Kysely<DB>, v: Visibility, opts: PeopleFilters): Promise<number> {
  const row = await visiblePeople(db, v, opts)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findPersonByIdHash(db: Kysely<DB>, hash: string) {
  return db
    .selectFrom('person')
    .select('id')
    .where('id_number_hash', '=', hash)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
