import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** Where a coverage query looks: everything under an area path, or one building. */
export type CoverageScope =
  | { kind: 'area'; path: string; code: string }
  | { kind: 'building'; id: number }
  | { kind: 'park'; id: number }

// The city's path is its own code; every area's path starts with it, so no filter is needed there.
const isWholeCity = (s: CoverageScope) => s.kind === 'area' && !s.path.includes('/')

function areaCodes(path: string) {
  return sql`(SELECT code FROM area WHERE path = ${path} OR path LIKE ${`${path}/%`})`
}

const parkBuildings = (parkId: number) =>
  sql`(SELECT id FROM building WHERE park_id = ${parkId} AND deleted_at IS NULL)`

/**
 * The WHERE clause placing a row in the scope, given how the row names its area and its building. Every
 * figure and every drill-down uses this one function, so a figure and its rows cannot disagree.
 */
export function scopeFilter(
  scope: CoverageScope,
  areaColumn: RawBuilder<unknown>,
  buildingColumn: RawBuilder<unknown>,
) {
  if (isWholeCity(scope)) return sql`true`
  if (scope.kind === 'area') return sql`${areaColumn} IN ${areaCodes(scope.path)}`
  if (scope.kind === 'park') return sql`${buildingColumn} IN ${parkBuildings(scope.id)}`
  return sql`${buildingColumn} = ${scope.id}`
}

/**
 * The members a scope counts, for the member figures, their drill-down and the gap list alike: alive, not in
 * a unit that has left (`member.counted`, kept by triggers), placed by their unit or else their organisation
 * (`member.area_code` / `building_id`). Null = the whole city.
 */
export const countedMembers = (scope: CoverageScope | null) =>
  sql`m.counted AND ${scope ? scopeFilter(scope, sql`m.area_code`, sql`m.building_id`) : sql`true`}`

/** The notTransferred figure's condition on top of `countedMembers`; the gap rule uses the same. */
export const notTransferred = sql`NOT m.relation_transferred`

type UnitFigureRow = {
  units: number
  employees: number
  private: number
  foreign: number
  state: number
  social_org: number
  agency: number
  operating: number
  formal: number
  probationary: number
  own: number
  joint: number
  should_have: number
  only_members: number
  no_members: number
  instructor: number
}

/**
 * An area's figures are sums of the per-area rollups and the changes not yet folded into them (both kept by
 * triggers, migration 0015), read in one statement so a fold in between cannot count a change twice; a park
 * or a building is small enough to count from its rows through the building indexes.
 */
export async function unitFigures(db: Kysely<DB>, scope: CoverageScope) {
  if (scope.kind === 'area') {
    const where = scopeFilter(scope, sql`r.area_key`, sql`null`)
    const result = await sql<UnitFigureRow>`
      SELECT coalesce(sum(units), 0) AS units, coalesce(sum(operating), 0) AS operating,
             coalesce(sum(employees), 0) AS employees, coalesce(sum(private), 0) AS private,
             coalesce(sum(foreign_firm), 0) AS foreign, coalesce(sum(state), 0) AS state,
             coalesce(sum(social_org), 0) AS social_org, coalesce(sum(agency), 0) AS agency,
             coalesce(sum(formal), 0) AS formal, coalesce(sum(probationary), 0) AS probationary,
             coalesce(sum(own), 0) AS own, coalesce(sum(joint), 0) AS joint,
             coalesce(sum(should_have), 0) AS should_have, coalesce(sum(only_members), 0) AS only_members,
             coalesce(sum(no_members), 0) AS no_members, coalesce(sum(instructor), 0) AS instructor
        FROM (TABLE coverage_unit_rollup UNION ALL TABLE coverage_unit_delta) r
       WHERE ${where}`.execute(db)
    return result.rows[0]!
  }
  const where = scopeFilter(scope, sql`s.area_code`, sql`s.building_id`)
  const result = await sql<UnitFigureRow>`
    SELECT count(*) AS units,
           count(*) FILTER (WHERE s.operating) AS operating,
           coalesce(sum(s.employees) FILTER (WHERE s.operating), 0) AS employees,
           count(*) FILTER (WHERE s.operating AND s.kind = 'private') AS private,
           count(*) FILTER (WHERE s.operating AND s.kind = 'foreign') AS foreign,
           count(*) FILTER (WHERE s.operating AND s.kind = 'state') AS state,
           count(*) FILTER (WHERE s.operating AND s.kind = 'social_org') AS social_org,
           count(*) FILTER (WHERE s.operating AND s.kind = 'agency') AS agency,
           coalesce(sum(s.formal) FILTER (WHERE s.operating), 0) AS formal,
           coalesce(sum(s.probationary) FILTER (WHERE s.operating), 0) AS probationary,
           count(*) FILTER (WHERE s.category = 'own') AS own,
           count(*) FILTER (WHERE s.category = 'joint') AS joint,
           count(*) FILTER (WHERE s.category = 'should_have') AS should_have,
           count(*) FILTER (WHERE s.category = 'only_members') AS only_members,
           count(*) FILTER (WHERE s.category = 'no_members') AS no_members,
           count(*) FILTER (WHERE s.instructor_sent AND s.category NOT IN ('own', 'joint')) AS instructor
      FROM unit_stat s
     WHERE ${where}`.execute(db)
  return result.rows[0]!
}

type MemberFigureRow = {
  members: number
  formal: number
  probationary: number
  under35: number
  not_transferred: number
}

/**
 * Members are placed by their unit, or by their organisation when they have no unit (retired, floating).
 * Counted from the member rows so that unit-less members are not lost.
 */
export async function memberFigures(db: Kysely<DB>, scope: CoverageScope, under35Cutoff: string) {
  const where = countedMembers(scope)
  if (scope.kind === 'area') {
    // Whole birth years after the cut-off's year from the rollup; that year itself member by member.
    const cutoffYear = Number(under35Cutoff.slice(0, 4))
    const rollupWhere = scopeFilter(scope, sql`r.area_key`, sql`null`)
    const result = await sql<MemberFigureRow>`
      SELECT coalesce(sum(r.members), 0) AS members, coalesce(sum(r.formal), 0) AS formal,
             coalesce(sum(r.probationary), 0) AS probationary,
             coalesce(sum(r.not_transferred), 0) AS not_transferred,
             coalesce(sum(r.members) FILTER (WHERE r.birth_year > ${cutoffYear}), 0)
             + (SELECT count(*) FROM member m
                 WHERE m.birth_date > ${under35Cutoff}::date
                   AND m.birth_date < make_date(${cutoffYear + 1}, 1, 1) AND ${where}) AS under35
        FROM (TABLE coverage_member_rollup UNION ALL TABLE coverage_member_delta) r
       WHERE ${rollupWhere}`.execute(db)
    return result.rows[0]!
  }
  const result = await sql<MemberFigureRow>`
    SELECT count(*) AS members,
           count(*) FILTER (WHERE m.status = 'formal') AS formal,
           count(*) FILTER (WHERE m.status = 'probationary') AS probationary,
           count(*) FILTER (WHERE m.birth_date > ${under35Cutoff}::date) AS under35,
           count(*) FILTER (WHERE ${notTransferred}) AS not_transferred
      FROM member m
     WHERE ${where}`.execute(db)
  return result.rows[0]!
}

/** Covered whole: some live organisation's coverage row names the building itself. */
export const coveredWhole = (buildingId: RawBuilder<unknown>) =>
  sql`EXISTS (SELECT 1 FROM party_org_coverage pc JOIN party_org po ON po.id = pc.party_org_id
               WHERE pc.building_id = ${buildingId} AND po.deleted_at IS NULL)`

export async function buildingFigures(db: Kysely<DB>, scope: CoverageScope) {
  const where = scopeFilter(scope, sql`b.area_code`, sql`b.id`)
  const result = await sql<{ buildings: number; in_scope: number; with_chief: number }>`
    SELECT count(*) AS buildings,
           count(*) FILTER (WHERE b.in_census_scope) AS in_scope,
           count(*) FILTER (WHERE b.in_census_scope AND c.building_id IS NOT NULL) AS with_chief
      FROM building b LEFT JOIN building_chief c ON c.building_id = b.id
     WHERE b.deleted_at IS NULL AND ${where}`.execute(db)
  return result.rows[0]!
}

/**
 * The buildings `coveredWhole` holds for, counted from the few coverage rows that name a building: a per-row
 * EXISTS over every building of the city cost ~10 ms on PostgreSQL, this ~2 ms (the organisation's liveness
 * is read per coverage row through its primary key rather than by hashing every organisation).
 */
export async function wholeCoveredCount(db: Kysely<DB>, scope: CoverageScope) {
  const where = scopeFilter(scope, sql`b.area_code`, sql`b.id`)
  const result = await sql<{ n: number }>`
    SELECT count(DISTINCT pc.building_id) AS n
      FROM party_org_coverage pc JOIN building b ON b.id = pc.building_id
     WHERE pc.building_id IS NOT NULL AND b.deleted_at IS NULL AND ${where}
       AND (SELECT po.deleted_at FROM party_org po WHERE po.id = pc.party_org_id) IS NULL`.execute(db)
  return Number(result.rows[0]!.n)
}

/** A station belongs to a park by its own park_id or by standing in one of the park's buildings. */
export function stationFilter(scope: CoverageScope) {
  if (scope.kind === 'park')
    return sql`(st.park_id = ${scope.id} OR st.building_id IN ${parkBuildings(scope.id)})`
  return scopeFilter(scope, sql`st.area_code`, sql`st.building_id`)
}

export async function stationFigures(db: Kysely<DB>, scope: CoverageScope) {
  const result = await sql<{ kind: string; n: number }>`
    SELECT st.kind, count(*) AS n FROM station st
     WHERE st.deleted_at IS NULL AND ${stationFilter(scope)}
     GROUP BY st.kind`.execute(db)
  return Object.fromEntries(result.rows.map((r) => [r.kind, Number(r.n)]))
}

/** The villages and residential committees directly under an area, by the names GB/T 2260 gives them. */
export async function subAreaFigures(db: Kysely<DB>, scope: CoverageScope) {
  if (scope.kind !== 'area') return null
  const result = await sql<{ villages: number; communities: number }>`
    SELECT count(*) FILTER (WHERE name LIKE '%村委会') AS villages,
           count(*) FILTER (WHERE name LIKE '%居委会') AS communities
      FROM area WHERE parent_code = ${scope.code}`.execute(db)
  const r = result.rows[0]!
  return { villages: Number(r.villages), communities: Number(r.communities) }
}

/** The area a park lies in, or undefined when there is no such park. */
export async function parkAreaCode(db: Kysely<DB>, id: number) {
  const park = await db.selectFrom('park').select('area_code').where('id', '=', id).executeTakeFirst()
  return park?.area_code
}
