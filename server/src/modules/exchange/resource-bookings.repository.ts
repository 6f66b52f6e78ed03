import type { ResourceBooking } from '@tongxin/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Visibility } from '../../lib/visibility.ts'

/** A booking with what its views show: the resource, its provider, the booker and the unit booked for. */
export function bookingQuery(db: Kysely<DB>) {
  return db
    .selectFrom('resource_booking as b')
    .innerJoin('offering as o', 'o.id', 'b.offering_id')
    .innerJoin('unit as p', 'p.id', 'o.provider_unit_id')
    .innerJoin('account as a', 'a.id', 'b.booked_by')
    .leftJoin('unit as bu', 'bu.id', 'b.unit_id')
    .select([
      'b.id',
      'b.offering_id',
      'o.name as offering_name',
      'o.provider_unit_id',
      'p.name as provider_name',
      'b.booked_by',
      'a.display_name as booker_name',
      'bu.name as unit_name',
      'b.purpose',
      'b.starts_at',
      'b.ends_at',
      'b.status',
      'b.decision_note',
    ])
}
export type BookingRow = Awaited<ReturnType<ReturnType<typeof bookingQuery>['executeTakeFirstOrThrow']>>

/** `open`: whether the caller may read the booking's purpose and who made it (booker, owner, staff). */
export const toResourceBooking = (r: BookingRow, me: number, open: boolean): ResourceBooking => {
  const shown = open || r.booked_by === me
  return {
    id: r.id,
    offeringId: r.offering_id,
    offeringName: r.offering_name,
    providerName: r.provider_name,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: r.status as ResourceBooking['status'],
    mine: r.booked_by === me,
    purpose: shown ? r.purpose : null,
    bookedBy: shown ? r.booker_name : null,
    unitName: shown ? r.unit_name : null,
    decisionNote: shown ? r.decision_note : null,
  }
}

/** The offering as booking needs it, locked when `lock` (the one row two bookings of a slot take turns on). */
export async function bookableOffering(db: Kysely<DB>, id: number, lock = false) {
  return db
    .selectFrom('offering')
    .select([
      'id',
      'list',
      'bookable',
      'booking_needs_approval',
      'status',
      'area_codes',
      'schedule',
      'eligibility',
      'provider_unit_id',
    ])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst()
}

/** Pending bookings of the resources whose provider unit lies in what the caller may manage. */
export async function pendingFor(db: Kysely<DB>, v: Visibility, limit: number) {
  if (!v.all && v.areaPaths.length === 0 && v.buildingIds.length === 0 && v.unitIds.length === 0) return []
  return bookingQuery(db)
    .where('b.status', '=', 'pending')
    .$if(!v.all, (q) =>
      q.where((eb) =>
        eb.or([
          ...(v.unitIds.length > 0 ? [eb('p.id', 'in', v.unitIds)] : []),
          ...(v.buildingIds.length > 0 ? [eb('p.building_id', 'in', v.buildingIds)] : []),
          ...v.areaPaths.map(
            (path) =>
              sql<boolean>`EXISTS (SELECT 1 FROM area pa WHERE pa.code = p.area_code
                             AND (pa.path = ${path} OR pa.path LIKE ${`${path}/%`}))`,
          ),
        ]),
      ),
    )
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .limit(limit)
    .execute()
}
