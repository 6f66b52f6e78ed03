import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas } from '../../lib/visibility.ts'

export function needQuery(db: Kysely<DB>) {
  return db
    .selectFrom('need as n')
    .innerJoin('service_category as c', 'c.code', 'n.category_code')
    .innerJoin('area as a', 'a.code', 'n.area_code')
    .leftJoin('building as b', 'b.id', 'n.building_id')
    .leftJoin('unit as pu', 'pu.id', 'n.provider_unit_id')
    .leftJoin('unit as ru', 'ru.id', 'n.requester_unit_id')
    .leftJoin('account as pa', 'pa.id', 'n.provider_account_id')
    .select([
      'n.id',
      'n.version',
      'n.category_code',
      'c.name_zh as category_zh',
      'c.name_en as category_en',
      'n.description',
      'n.area_code',
      'a.name as area_name',
      'n.building_id',
      'b.name as building_name',
      'n.floor',
      'n.address',
      'n.lat',
      'n.lng',
      'n.requester_account_id',
      'n.requester_unit_id',
      'ru.name as requester_unit_name',
      'n.contact_name',
      'n.contact_phone',
      'n.state',
      'n.provider_unit_id',
      'n.provider_account_id',
      // A unit's name, or the person's own name when a member took a wish in person.
      (eb) => eb.fn.coalesce('pu.name', 'pa.display_name').as('provider_name'),
      'n.duplicate_of',
      'n.submitted_at',
      'n.first_response_due_at',
      'n.resolution_due_at',
      'n.accepted_at',
      'n.delivered_at',
      'n.closed_at',
      'n.escalated_at',
      'n.rating',
      'n.rating_comment',
      'n.updated_at',
    ])
}

export type NeedRow = Awaited<ReturnType<ReturnType<typeof needQuery>['executeTakeFirstOrThrow']>>

/**
 * The needs a list shows: inside `paths` (null: everywhere, the city's staff; empty: nowhere), or posted by
 * `requester`, under the filters. One WHERE for the page and its total, so the two cannot drift.
 */
export interface NeedFilters {
  paths?: string[] | null
  requester?: number
  state?: string
  category?: string
  /** Overdue as of this instant. */
  overdueAt?: Date
}

function visibleNeeds(db: Kysely<DB>, f: NeedFilters) {
  let query = needQuery(db)
  if (f.paths) {
    const paths = f.paths
    query = query.where(() => (paths.length ? inAreas('n.area_code', paths) : sql<boolean>`false`))
  }
  if (f.requester !== undefined) query = query.where('n.requester_account_id', '=', f.requester)
  if (f.state) query = query.where('n.state', '=', f.state)
  if (f.category) query = query.where('n.category_code', '=', f.category)
  if (f.overdueAt) {
    const now = f.overdueAt
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('n.state', 'in', ['submitted', 'reopened']), eb('n.first_response_due_at', '<', now)]),
        eb.and([eb('n.state', 'in', ['accepted', 'in_progress']), eb('n.resolution_due_at', '<', now)]),
      ]),
    )
  }
  return query
}

/** Newest first, before the cursor's id. */
export async function listNeeds(db: Kysely<DB>, f: NeedFilters & { beforeId?: number; limit: number }) {
  let query = visibleNeeds(db, f).orderBy('n.id', 'desc').limit(f.limit)
  if (f.beforeId) query = query.where('n.id', '<', f.beforeId)
  return query.execute()
}

export async function countNeeds(db: Kysely<DB>, f: NeedFilters): Promise<number> {
  const row = await visibleNeeds(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function needEvents(db: Kysely<DB>, needId: number) {
  return db
    .selectFrom('need_event as e')
    .leftJoin('account as ac', 'ac.id', 'e.account_id')
    .select(['e.id', 'e.from_state', 'e.to_state', 'e.note', 'e.at', 'ac.display_name'])
    .where('e.need_id', '=', needId)
    .orderBy('e.id')
    .execute()
}

/** The provider's active offerings per category: what it may take orders for, and how many at once. */
export async function providerCapacity(db: Kysely<DB>, unitId: number, categoryCode: string) {
  return db
    .selectFrom('offering')
    .select(['id', 'capacity_concurrent', 'area_codes', 'eligibility'])
    .where('provider_unit_id', '=', unitId)
    .where('category_code', '=', categoryCode)
    .where('status', '=', 'active')
    .where('deleted_at', 'is', null)
    .execute()
}

/** Orders a provider holds in one category: an offering's capacity counts its own category only. */
export async function openOrdersOf(db: Kysely<DB>, unitId: number, categoryCode: string): Promise<number> {
  const row = await db
    .selectFrom('need')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('provider_unit_id', '=', unitId)
    .where('category_code', '=', categoryCode)
    .where('state', 'in', ['accepted', 'in_progress'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Whether `areaCode` lies inside any of `scopeCodes` (itself or below it). */
export async function areaWithin(db: Kysely<DB>, areaCode: string, scopeCodes: string[]): Promise<boolean> {
  if (scopeCodes.length === 0) return true
  const row = await sql<{ ok: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM area inner_a, area scope_a
       WHERE inner_a.code = ${areaCode} AND scope_a.code = ANY(${scopeCodes}::text[])
         AND (inner_a.path = scope_a.path OR inner_a.path LIKE scope_a.path || '/%')) AS ok`.execute(db)
  return row.rows[0]?.ok === true
}

/**
 * Marks every overdue need as escalated and returns them. The conditional UPDATE is the "run once"
 * guarantee: with several instances sweeping at once, each need is returned to exactly one of them.
 */
export async function escalateOverdue(db: Kysely<DB>, now: Date) {
  return db
    .updateTable('need')
    .set({ escalated_at: now })
    .where('escalated_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', ['submitted', 'reopened']), eb('first_response_due_at', '<', now)]),
        eb.and([eb('state', 'in', ['accepted', 'in_progress']), eb('resolution_due_at', '<', now)]),
      ]),
    )
    .returning(['id', 'area_code', 'state', 'category_code', 'description'])
    .execute()
}

/** The active service categories (the managed taxonomy), by code. */
export async function activeCategories(db: Kysely<DB>) {
  return db.selectFrom('service_category').selectAll().where('active', '=', true).orderBy('code').execute()
}
