import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas } from '../../lib/visibility.ts'

/** The tree paths of areas, for filtering by area and everything under it. */
export async function areaPaths(db: Kysely<DB>, codes: string[]): Promise<string[]> {
  if (!codes.length) return []
  return (await db.selectFrom('area').select('path').where('code', 'in', codes).execute()).map((r) => r.path)
}

export interface Open311Filter {
  /** Area paths to keep (empty: every area). */
  paths: string[]
  serviceCode?: string
  status?: 'open' | 'closed'
  startDate?: string
  endDate?: string
}

/** The newest 1000 needs for the Open311 export, each with its latest event note (no personal data). */
export async function open311Rows(db: Kysely<DB>, f: Open311Filter) {
  let query = db
    .selectFrom('need as n')
    .innerJoin('service_category as c', 'c.code', 'n.category_code')
    .leftJoin('unit as p', 'p.id', 'n.provider_unit_id')
    .leftJoin('building as b', 'b.id', 'n.building_id')
    .select([
      'n.id',
      'n.state',
      'c.name_zh',
      'n.category_code',
      'n.description',
      'p.name as provider',
      'n.submitted_at',
      'n.updated_at',
      'n.first_response_due_at',
      'n.resolution_due_at',
      'n.address',
      'b.address as building_address',
      'n.lat',
      'n.lng',
      sql<
        string | null
      >`(SELECT note FROM need_event e WHERE e.need_id = n.id ORDER BY e.id DESC LIMIT 1)`.as('note'),
    ])
    .orderBy('n.id', 'desc')
    .limit(1000)
  if (f.paths.length) query = query.where(() => inAreas('n.area_code', f.paths))
  if (f.serviceCode) query = query.where('n.category_code', '=', f.serviceCode)
  if (f.status === 'open') query = query.where('n.state', 'not in', ['closed', 'rejected', 'duplicate'])
  if (f.status === 'closed') query = query.where('n.state', 'in', ['closed', 'rejected', 'duplicate'])
  if (f.startDate) query = query.where('n.submitted_at', '>=', new Date(f.startDate))
  if (f.endDate) query = query.where('n.submitted_at', '<=', new Date(f.endDate))
  return query.execute()
}

/** Every live offering with its provider and category, for the HSDS package. */
export async function offeringsForExport(db: Kysely<DB>) {
  return db
    .selectFrom('offering as o')
    .innerJoin('unit as u', 'u.id', 'o.provider_unit_id')
    .innerJoin('service_category as c', 'c.code', 'o.category_code')
    .select([
      'o.id',
      'o.provider_unit_id',
      'u.name as org_name',
      'u.uscc',
      'u.kind',
      'o.name',
      'o.description',
      'o.list',
      'c.code',
      'c.name_zh',
      'o.status',
      'o.area_codes',
      'o.building_ids',
      'o.schedule',
      'o.schedule_note',
      'o.eligibility',
      'o.capacity_concurrent',
      'o.contact_name',
      'o.last_verified_on',
    ])
    .where('o.deleted_at', 'is', null)
    .orderBy('o.id')
    .execute()
}

/** Name, address and position of buildings, by id. */
export async function buildingPlaces(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('building')
    .select(['id', 'name', 'address', 'lat', 'lng'])
    .where('id', 'in', ids)
    .execute()
}
