import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** Where a census read looks: the whole city, or the union of some areas (by path) and single buildings. */
export type Place = { all: true } | { all: false; areaPaths: string[]; buildingIds: number[] }

export function placeSql(place: Place): RawBuilder<SqlBool> {
  if (place.all) return sql<SqlBool>`true`
  const alternatives = [
    ...place.areaPaths.map(
      (p) => sql`b.area_code IN (SELECT code FROM area WHERE path = ${p} OR path LIKE ${`${p}/%`})`,
    ),
    ...(place.buildingIds.length > 0 ? [sql`b.id IN (${sql.join(place.buildingIds)})`] : []),
  ]
  return alternatives.length === 0
    ? sql<SqlBool>`false`
    : sql<SqlBool>`(${sql.join(alternatives, sql` OR `)})`
}

const PARTS = sql`unnest(ARRAY['building', 'units', 'orgs', 'members', 'stations']::text[])`

/**
 * Each (building, part) of the place with the date its period counts from: the last verification, else the
 * building's registration day. At most five rows per building, whatever the visit history.
 */
const partsOf = (place: Place) => sql`
  SELECT b.id AS building_id, x.part, c.verified_on, c.verified_by,
         coalesce(c.verified_on, (b.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS since
    FROM building b
   CROSS JOIN ${PARTS} AS x(part)
    LEFT JOIN census_part_check c ON c.building_id = b.id AND c.part = x.part
   WHERE b.deleted_at IS NULL AND b.in_census_scope AND ${placeSql(place)}`

export async function figuresByPart(db: Kysely<DB>, place: Place, cutoff: string, soonCutoff: string) {
  const r = await sql<{ part: string; stale: number; never: number; soon: number }>`
    SELECT p.part,
           count(*) FILTER (WHERE p.since < ${cutoff}::date) AS stale,
           count(*) FILTER (WHERE p.verified_on IS NULL) AS never,
           count(*) FILTER (WHERE p.since >= ${cutoff}::date AND p.since < ${soonCutoff}::date) AS soon
      FROM (${partsOf(place)}) p
     GROUP BY p.part`.execute(db)
  return r.rows.map((x) => ({
    part: x.part,
    stale: Number(x.stale),
    never: Number(x.never),
    soon: Number(x.soon),
  }))
}

export async function buildingTotals(db: Kysely<DB>, place: Place, cutoff: string) {
  const r = await sql<{ buildings: number; all_fresh: number }>`
    SELECT count(*) AS buildings, count(*) FILTER (WHERE oldest >= ${cutoff}::date) AS all_fresh
      FROM (SELECT p.building_id, min(p.since) AS oldest FROM (${partsOf(place)}) p GROUP BY p.building_id) o`.execute(
    db,
  )
  const row = r.rows[0]
  return { buildings: Number(row?.buildings ?? 0), allFresh: Number(row?.all_fresh ?? 0) }
}

export async function followUpTotals(db: Kysely<DB>, place: Place, today: string) {
  const r = await sql<{ open: number; overdue: number }>`
    SELECT count(*) AS open, count(*) FILTER (WHERE f.due_on < ${today}::date) AS overdue
      FROM census_followup f JOIN building b ON b.id = f.building_id
     WHERE f.done_on IS NULL AND b.deleted_at IS NULL AND ${placeSql(place)}`.execute(db)
  return { open: Number(r.rows[0]?.open ?? 0), overdue: Number(r.rows[0]?.overdue ?? 0) }
}

/**
 * The plan: buildings by the date their oldest part (or the part asked for) counts from, then id. With a
 * part, only buildings where that part is stale; with `staleOnly`, only buildings with a stale part.
 */
export async function planPage(
  db: Kysely<DB>,
  place: Place,
  opts: {
    part: string | null
    staleOnly: boolean
    cutoff: string
    after: [string, number] | null
    limit: number
  },
) {
  const key = opts.part ? sql`min(p.since) FILTER (WHERE p.part = ${opts.part})` : sql`min(p.since)`
  const r = await sql<{ building_id: number; key: string }>`
    SELECT building_id, key::text AS key FROM (
      SELECT p.building_id, ${key} AS key FROM (${partsOf(place)}) p GROUP BY p.building_id
    ) k
    WHERE ${opts.part || opts.staleOnly ? sql`k.key < ${opts.cutoff}::date` : sql`true`}
      AND ${opts.after ? sql`(k.key, k.building_id) > (${opts.after[0]}::date, ${opts.after[1]})` : sql`true`}
    ORDER BY k.key, k.building_id
    LIMIT ${opts.limit}`.execute(db)
  return r.rows.map((x) => ({ buildingId: Number(x.building_id), key: x.key }))
}

/** The five checks of each given building, with the verifier's name and the registration day. */
export async function checksOf(db: Kysely<DB>, buildingIds: number[]) {
  if (buildingIds.length === 0) return []
  const r = await sql<{
    building_id: number
    part: string
    verified_on: string | null
    verified_by: string | null
    since: string
  }>`
    SELECT b.id AS building_id, x.part, c.verified_on::text AS verified_on, a.display_name AS verified_by,
           coalesce(c.verified_on, (b.created_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS since
      FROM building b
     CROSS JOIN ${PARTS} AS x(part)
      LEFT JOIN census_part_check c ON c.building_id = b.id AND c.part = x.part
      LEFT JOIN account a ON a.id = c.verified_by
     WHERE b.id IN (${sql.join(buildingIds)})`.execute(db)
  return r.rows.map((x) => ({ ...x, building_id: Number(x.building_id) }))
}

/** Name, area, open follow-ups and last visit of each building on a plan page. */
export async function planFacts(db: Kysely<DB>, buildingIds: number[]) {
  if (buildingIds.length === 0) return []
  const r = await sql<{
    id: number
    name: string
    area_name: string
    open: number
    last_visit: string | null
  }>`
    SELECT b.id, b.name, coalesce(ar.name, '') AS area_name,
           (SELECT count(*) FROM census_followup f WHERE f.building_id = b.id AND f.done_on IS NULL) AS open,
           (SELECT max(v.visited_on)::text FROM census_visit v WHERE v.building_id = b.id) AS last_visit
      FROM building b LEFT JOIN area ar ON ar.code = b.area_code
     WHERE b.id IN (${sql.join(buildingIds)})`.execute(db)
  return r.rows.map((x) => ({ ...x, id: Number(x.id), open: Number(x.open) }))
}
