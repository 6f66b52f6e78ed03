import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas } from '../../lib/visibility.ts'

/** One object of a layer; lat/lng null when neither it nor its building has coordinates. */
export interface MapRow {
  id: number
  name: string
  lat: number | null
  lng: number | null
  kind: string | null
  state: string | null
  building_id: number | null
  building_name: string | null
}

/** Needs not yet finished: waiting, taken, being delivered, reopened (delivered awaits only the rating). */
export const OPEN_NEED_STATES = ['submitted', 'accepted', 'in_progress', 'reopened'] as const

export function mapBuildings(db: Kysely<DB>, path: string): Promise<MapRow[]> {
  return db
    .selectFrom('building as b')
    .select([
      'b.id',
      'b.name',
      'b.lat',
      'b.lng',
      sql<null>`null`.as('kind'),
      sql<null>`null`.as('state'),
      'b.id as building_id',
      'b.name as building_name',
    ])
    .where('b.deleted_at', 'is', null)
    .where(inAreas('b.area_code', [path]))
    .orderBy('b.id')
    .execute()
}

// Stations and duty points have no coordinates of their own: they stand where their building stands, or,
// placed in a park only, at the middle of the park's placed buildings (parks have no coordinates).
const parkMiddle = (column: 'lat' | 'lng', parkRef: string) =>
  sql<number | null>`(SELECT avg(pb.${sql.ref(column)}) FROM building pb
    WHERE pb.park_id = ${sql.ref(parkRef)} AND pb.deleted_at IS NULL AND pb.lat IS NOT NULL AND pb.lng IS NOT NULL)`
const placeOf = (alias: 's' | 'dp') => {
  const own = sql.ref(`${alias}.building_id`)
  const park = `${alias}.park_id`
  return [
    sql<number | null>`coalesce(b.lat, CASE WHEN ${own} IS NULL THEN ${parkMiddle('lat', park)} END)`.as(
      'lat',
    ),
    sql<number | null>`coalesce(b.lng, CASE WHEN ${own} IS NULL THEN ${parkMiddle('lng', park)} END)`.as(
      'lng',
    ),
  ]
}

export function mapStations(db: Kysely<DB>, path: string): Promise<MapRow[]> {
  return db
    .selectFrom('station as s')
    .leftJoin('building as b', (j) => j.onRef('b.id', '=', 's.building_id').on('b.deleted_at', 'is', null))
    .select([
      's.id',
      's.name',
      ...placeOf('s'),
      's.kind',
      sql<null>`null`.as('state'),
      'b.id as building_id',
      'b.name as building_name',
    ])
    .where('s.deleted_at', 'is', null)
    .where(inAreas('s.area_code', [path]))
    .orderBy('s.id')
    .execute()
}

export function mapDutyPoints(db: Kysely<DB>, path: string): Promise<MapRow[]> {
  return db
    .selectFrom('duty_point as dp')
    .leftJoin('building as b', (j) => j.onRef('b.id', '=', 'dp.building_id').on('b.deleted_at', 'is', null))
    .select([
      'dp.id',
      'dp.name',
      ...placeOf('dp'),
      'dp.kind',
      sql<null>`null`.as('state'),
      'b.id as building_id',
      'b.name as building_name',
    ])
    .where('dp.deleted_at', 'is', null)
    .where(inAreas('dp.area_code', [path]))
    .orderBy('dp.id')
    .execute()
}

/**
 * Open needs, named by their category. Only category, state and place leave this query: never the
 * requester, the contact or the description. A need is drawn at its building; at its own coordinates
 * only when it names no building (staff who may read needs here see its address anyway).
 */
export function mapNeeds(db: Kysely<DB>, path: string, zh: boolean): Promise<MapRow[]> {
  return db
    .selectFrom('need as n')
    .innerJoin('service_category as c', 'c.code', 'n.category_code')
    .leftJoin('building as b', (j) => j.onRef('b.id', '=', 'n.building_id').on('b.deleted_at', 'is', null))
    .select([
      'n.id',
      sql<string>`${sql.ref(zh ? 'c.name_zh' : 'c.name_en')}`.as('name'),
      sql<number | null>`CASE WHEN n.building_id IS NULL THEN n.lat ELSE b.lat END`.as('lat'),
      sql<number | null>`CASE WHEN n.building_id IS NULL THEN n.lng ELSE b.lng END`.as('lng'),
      'n.category_code as kind',
      'n.state',
      'b.id as building_id',
      'b.name as building_name',
    ])
    .where('n.state', 'in', [...OPEN_NEED_STATES])
    .where(inAreas('n.area_code', [path]))
    .orderBy('n.id')
    .execute()
}
