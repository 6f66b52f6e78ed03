import { type Kysely, type SqlBool, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas } from '../../lib/visibility.ts'
import type { coordinatedPoints } from '../volunteers/access.ts'

/*
 * The counts the workbench needs that no module answers yet. Each is narrowed by what the caller passes in
 * (their areas, units, buildings, account): callers derive those from the session's grants only.
 */

const DAY = 86_400_000

/** Needs in the areas (null paths: the whole city), by the SLA conditions of exchange/workflow.ts. */
const needsIn = (paths: string[] | null) =>
  paths === null ? sql<SqlBool>`true` : inAreas('n.area_code', paths)

/** Open needs (a provider or the requester still has to act) that are past due or were escalated. */
export async function needsPastDue(db: Kysely<DB>, paths: string[] | null, now: Date) {
  const overdue = sql<SqlBool>`((n.state IN ('submitted', 'reopened') AND n.first_response_due_at < ${now})
                              OR (n.state IN ('accepted', 'in_progress') AND n.resolution_due_at < ${now}))`
  const escalated = sql<SqlBool>`(n.escalated_at IS NOT NULL
                                AND n.state IN ('submitted', 'reopened', 'accepted', 'in_progress'))`
  const r = await sql<{ any: number; overdue: number; escalated: number }>`
    SELECT count(*) FILTER (WHERE ${overdue} OR ${escalated}) AS any,
           count(*) FILTER (WHERE ${overdue}) AS overdue,
           count(*) FILTER (WHERE ${escalated}) AS escalated
      FROM need n
     WHERE ${needsIn(paths)}`.execute(db)
  const row = r.rows[0]
  return {
    any: Number(row?.any ?? 0),
    overdue: Number(row?.overdue ?? 0),
    escalated: Number(row?.escalated ?? 0),
  }
}

/** Needs delivered in the areas in the last `days` days and in the `days` before. */
export async function needsDelivered(db: Kysely<DB>, paths: string[] | null, now: Date, days: number) {
  return periodCounts(now, days, (from, to) =>
    db
      .selectFrom('need as n')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(() => needsIn(paths))
      .where('n.delivered_at', '>=', from)
      .where('n.delivered_at', '<', to)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  )
}

/** A provider's orders: delivered in the last `days` days and in the `days` before. */
export async function ordersDelivered(db: Kysely<DB>, units: number[], now: Date, days: number) {
  return periodCounts(now, days, (from, to) =>
    db
      .selectFrom('need')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provider_unit_id', 'in', units)
      .where('delivered_at', '>=', from)
      .where('delivered_at', '<', to)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  )
}

/** A provider's average rating of the orders closed in the last `days` days and in the `days` before. */
export async function ordersRating(db: Kysely<DB>, units: number[], now: Date, days: number) {
  return periodCounts(now, days, (from, to) =>
    db
      .selectFrom('need')
      .select(sql<number | null>`round(avg(rating)::numeric, 1)`.as('avg'))
      .where('provider_unit_id', 'in', units)
      .where('rating', 'is not', null)
      .where('closed_at', '>=', from)
      .where('closed_at', '<', to)
      .executeTakeFirstOrThrow()
      .then((r) => (r.avg === null ? null : Number(r.avg))),
  )
}

async function periodCounts<T>(
  now: Date,
  days: number,
  count: (from: Date, to: Date) => Promise<T>,
): Promise<{ current: T; previous: T }> {
  const mid = new Date(now.getTime() - days * DAY)
  const start = new Date(mid.getTime() - days * DAY)
  return { current: await count(mid, now), previous: await count(start, mid) }
}

/** The caller's own needs that were delivered and wait for the caller to confirm and rate them. */
export async function needsToConfirm(db: Kysely<DB>, accountId: number) {
  const r = await db
    .selectFrom('need')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('requester_account_id', '=', accountId)
    .where('state', '=', 'delivered')
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The caller's import jobs that passed their check, have something to write and were not committed. */
export async function importsUnfinished(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('import_job')
    .select(['id', 'kind', 'file_name'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'checked')
    .where(sql<SqlBool>`diff_new + diff_changed > 0`)
    .orderBy('id', 'desc')
    .execute()
}

/** Floors recorded today on each patrol route the account leads or whose building it keeps. */
export async function patrolRoutesToday(
  db: Kysely<DB>,
  accountId: number,
  buildings: number[],
  today: string,
) {
  return db
    .selectFrom('waste_patrol_route as r')
    .innerJoin('building as b', 'b.id', 'r.building_id')
    .select([
      'r.id',
      'r.name',
      'b.name as building_name',
      sql<number>`cardinality(r.floors)`.as('total'),
      sql<number>`(SELECT count(DISTINCT p.floor) FROM waste_patrol p
                    WHERE p.route_id = r.id AND p.patrol_date = ${today}::date AND p.floor = ANY(r.floors))`.as(
        'done',
      ),
    ])
    .where('r.deleted_at', 'is', null)
    .where('b.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('r.lead_account_id', '=', accountId),
        ...(buildings.length ? [eb('r.building_id', 'in', buildings)] : []),
      ]),
    )
    .orderBy('b.name')
    .orderBy('r.name')
    .execute()
}

/** Share of bags sorted right on a building's patrols in the last `days` days and in the `days` before. */
export async function patrolRate(db: Kysely<DB>, buildingId: number, today: string, days: number) {
  const rate = async (fromOffset: number, toOffset: number) => {
    const r = await sql<{ checked: number; right: number }>`
      SELECT coalesce(sum(bags_checked), 0) AS checked, coalesce(sum(bags_right), 0) AS right
        FROM waste_patrol
       WHERE building_id = ${buildingId}
         AND patrol_date > ${today}::date - ${fromOffset}::int AND patrol_date <= ${today}::date - ${toOffset}::int`.execute(
      db,
    )
    const checked = Number(r.rows[0]?.checked ?? 0)
    return checked === 0 ? null : Math.round((Number(r.rows[0]!.right) / checked) * 10_000) / 10_000
  }
  return { current: await rate(days, 0), previous: await rate(2 * days, days) }
}

/** Minutes verified for a volunteer's shifts starting in [from, to). */
export async function verifiedMinutes(db: Kysely<DB>, volunteerId: number, from: Date, to: Date) {
  const r = await db
    .selectFrom('volunteer_signup')
    .select(sql<number>`coalesce(sum(verified_minutes), 0)::int`.as('n'))
    .where('volunteer_id', '=', volunteerId)
    .where('status', '=', 'active')
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The latest census snapshot of an area, with its figures. */
export async function latestSnapshot(db: Kysely<DB>, areaCode: string) {
  return db
    .selectFrom('census_snapshot')
    .select(['taken_on', 'figures'])
    .where('area_code', '=', areaCode)
    .orderBy('taken_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Sign-ups checked out and not yet verified at the points the caller coordinates (volunteers/access.ts). */
export async function hoursToVerify(db: Kysely<DB>, coordinated: ReturnType<typeof coordinatedPoints>) {
  const r = await db
    .selectFrom('volunteer_signup as su')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('su.status', '=', 'active')
    .where('su.checked_out_at', 'is not', null)
    .where('su.verified_at', 'is', null)
    .where('dp.deleted_at', 'is', null)
    .where(coordinated)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
