import type { Eligibility, ResourceBookingInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import { areasByCode } from '../../lib/scope.ts'
import { findClash, slotProblem, type Window } from '../../lib/slots.ts'
import { visibilityOf } from '../../lib/visibility.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { admits } from './needs.service.ts'
import {
  bookableOffering,
  bookingQuery,
  pendingFor,
  toResourceBooking,
} from './resource-bookings.repository.ts'

/**
 * Booking alliance resources (资源清单): the slot rules are the station rooms' (lib/slots.ts), the
 * offering row is the lock. Who books: anyone signed in with a grant inside an area the resource serves,
 * for a unit of theirs when the resource's eligibility names unit kinds or newly settled firms. Who
 * decides: the owner — whoever may edit the offering (`offering.write` over its provider unit: the unit's
 * provider accounts and staff over the unit's area). A booking's purpose and booker are shown only to the
 * booker and those owners.
 */

const HOLDING = ['pending', 'approved']
export const MAX_BOOKING_HOURS = 24

export const providerRef = (unitId: number): ScopeRef => ({ type: 'unit', id: String(unitId) })

const bookingError = (p: ReturnType<typeof slotProblem>) => {
  if (!p) return null
  if (p.problem === 'ends_before_start') return new AppError('resource_booking_ends_before_start')
  if (p.problem === 'in_past') return new AppError('resource_booking_in_past')
  if (p.windows.length === 0) return new AppError('resource_closed_that_day')
  return new AppError('resource_booking_outside_hours', {
    hours: p.windows.map((w) => `${w.opens}–${w.closes}`).join(', '),
  })
}

/** A weekday's windows from the offering's opening hours; an offering that keeps none is open any time. */
const hoursOf = (schedule: unknown) => {
  const rows = (Array.isArray(schedule) ? schedule : []) as Array<Window & { day: number }>
  if (rows.length === 0) return () => null
  return (weekday: number) =>
    rows.filter((r) => r.day === weekday).map(({ opens, closes }) => ({ opens, closes }))
}

function assertOpen(o: { list: string; bookable: boolean; status: string }) {
  if (o.list !== 'resource' || !o.bookable) throw new AppError('resource_not_bookable')
  if (o.status !== 'active') throw new AppError('resource_paused')
}

/** Whether one of the caller's booking grants lies inside an area the offering serves (none: everywhere). */
async function inServedArea(ctx: AppContext, request: FastifyRequest, areaCodes: string[]) {
  if (areaCodes.length === 0) return true
  const grants = request.grantsFor('resource.book')
  if (grants.some((g) => g.scope_type === 'city')) return true
  const served = [...(await areasByCode(ctx.db, areaCodes)).values()].map((a) => a.path)
  const own = await areasByCode(
    ctx.db,
    grants.map((g) => g.area_code).filter((c): c is string => c !== null),
  )
  return [...own.values()].some((a) => served.some((p) => a.path === p || a.path.startsWith(`${p}/`)))
}

export async function bookResource(
  ctx: AppContext,
  request: FastifyRequest,
  offeringId: number,
  input: ResourceBookingInput,
) {
  const principal = requirePrincipal(request)
  const offering = await bookableOffering(ctx.db, offeringId)
  if (!offering) throw new AppError('not_found')
  assertOpen(offering)
  if (!(await inServedArea(ctx, request, offering.area_codes))) throw new AppError('resource_out_of_area')
  const now = ctx.clock.now()
  // Eligibility that names unit kinds or newly settled firms is about the unit booked for, which must be
  // one the caller acts for (checked before the transaction: `can` reads through ctx.db).
  const eligibility = offering.eligibility as Eligibility
  let unit: { kind: string; settled_on: string | null } | null = null
  if (input.unitId !== undefined) {
    if (!(await request.can('resource.book', { type: 'unit', id: String(input.unitId) })))
      throw new AppError('forbidden_scope')
    unit =
      (await ctx.db
        .selectFrom('unit')
        .select(['kind', 'settled_on'])
        .where('id', '=', input.unitId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()) ?? null
    if (!unit) throw new AppError('forbidden_scope')
  }
  if (!admits(eligibility, unit, now)) throw new AppError('resource_not_eligible')
  const startsAt = new Date(input.startsAt)
  const endsAt = new Date(input.endsAt)
  const problem = bookingError(slotProblem(startsAt, endsAt, { now, hours: hoursOf(offering.schedule) }))
  if (problem) throw problem
  if (endsAt.getTime() - startsAt.getTime() > MAX_BOOKING_HOURS * 3_600_000)
    throw new AppError('resource_booking_too_long', { hours: MAX_BOOKING_HOURS })

  const id = await ctx.db.transaction().execute(async (trx) => {
    // The lock: a second request for an overlapping slot waits here and then sees this booking.
    const locked = await bookableOffering(trx, offeringId, true)
    if (!locked) throw new AppError('not_found')
    assertOpen(locked)
    const clash = await findClash(trx, {
      table: 'resource_booking',
      column: 'offering_id',
      id: offeringId,
      holding: HOLDING,
      startsAt,
      endsAt,
    })
    if (clash) throw new AppError('resource_booking_overlap', clash)
    const row = await trx
      .insertInto('resource_booking')
      .values({
        offering_id: offeringId,
        booked_by: principal.accountId,
        unit_id: input.unitId ?? null,
        purpose: input.purpose.trim(),
        starts_at: startsAt,
        ends_at: endsAt,
        status: locked.booking_needs_approval ? 'pending' : 'approved',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, {
      action: 'resource_booking.create',
      entity: 'resource_booking',
      ids: [row.id],
    })
    return row.id
  })
  return readBooking(ctx, id, principal.accountId, true)
}

async function readBooking(ctx: AppContext, id: number, me: number, open: boolean) {
  const row = await bookingQuery(ctx.db).where('b.id', '=', id).executeTakeFirstOrThrow()
  return toResourceBooking(row, me, open)
}

/** The provider unit a booking's resource belongs to: the scope of approve and decline. */
export async function bookingOwnerRefs(ctx: AppContext, id: number): Promise<ScopeRef[]> {
  const row = await ctx.db
    .selectFrom('resource_booking as b')
    .innerJoin('offering as o', 'o.id', 'b.offering_id')
    .select('o.provider_unit_id')
    .where('b.id', '=', id)
    .executeTakeFirst()
  return row ? [providerRef(row.provider_unit_id)] : []
}

/** Approve or decline a pending booking (the route holds the caller to offering.write over the owner). */
export async function decideBooking(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  decision: 'approve' | 'decline',
  note: string | undefined,
) {
  const principal = requirePrincipal(request)
  await ctx.db.transaction().execute(async (trx) => {
    const b = await trx
      .selectFrom('resource_booking')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (b.status !== 'pending') throw new AppError('resource_booking_not_pending', { status: b.status })
    await trx
      .updateTable('resource_booking')
      .set({
        status: decision === 'approve' ? 'approved' : 'declined',
        decided_by: principal.accountId,
        decided_at: ctx.clock.now(),
        decision_note: note?.trim() || null,
      })
      .where('id', '=', id)
      .execute()
    await writeAudit(trx, request, {
      action: decision === 'approve' ? 'resource_booking.approve' : 'resource_booking.decline',
      entity: 'resource_booking',
      ids: [id],
    })
  })
  return readBooking(ctx, id, principal.accountId, true)
}

/** The booker cancels their own; the owner may cancel any (a broken instrument, a room needed back). */
export async function cancelResourceBooking(ctx: AppContext, request: FastifyRequest, id: number) {
  const principal = requirePrincipal(request)
  const b = await ctx.db
    .selectFrom('resource_booking as b')
    .innerJoin('offering as o', 'o.id', 'b.offering_id')
    .select(['b.booked_by', 'o.provider_unit_id'])
    .where('b.id', '=', id)
    .executeTakeFirst()
  // Someone else's booking is answered as one that does not exist: its id tells a stranger nothing.
  if (
    !b ||
    (b.booked_by !== principal.accountId &&
      !(await request.can('offering.write', providerRef(b.provider_unit_id))))
  )
    throw new AppError('not_found')
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('resource_booking')
      .set({ status: 'cancelled', decided_by: principal.accountId, decided_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('status', 'in', HOLDING)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('resource_booking_not_active')
    await writeAudit(trx, request, {
      action: 'resource_booking.cancel',
      entity: 'resource_booking',
      ids: [id],
    })
  })
  return readBooking(ctx, id, principal.accountId, true)
}

/** A resource's taken slots in a period: times for everyone who may browse, the rest for booker and owner. */
export async function resourceCalendar(
  ctx: AppContext,
  request: FastifyRequest,
  offeringId: number,
  from: Date,
  to: Date,
) {
  const principal = requirePrincipal(request)
  const offering = await bookableOffering(ctx.db, offeringId)
  if (!offering) throw new AppError('not_found')
  const owner = await request.can('offering.write', providerRef(offering.provider_unit_id))
  const rows = await bookingQuery(ctx.db)
    .where('b.offering_id', '=', offeringId)
    .where('b.status', 'in', HOLDING)
    .where('b.starts_at', '<', to)
    .where('b.ends_at', '>', from)
    .orderBy('b.starts_at')
    .limit(500)
    .execute()
  return { items: rows.map((r) => toResourceBooking(r, principal.accountId, owner)), owner }
}

/** The caller's own bookings, latest first. */
export async function myResourceBookings(ctx: AppContext, request: FastifyRequest) {
  const me = requirePrincipal(request).accountId
  const rows = await bookingQuery(ctx.db)
    .where('b.booked_by', '=', me)
    .orderBy('b.starts_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(100)
    .execute()
  return { items: rows.map((r) => toResourceBooking(r, me, true)) }
}

/** Requests waiting for the caller's decision: pending bookings of resources they may edit. */
export async function approvalQueue(ctx: AppContext, request: FastifyRequest) {
  const me = requirePrincipal(request).accountId
  const v = await visibilityOf(ctx.db, request, 'offering.write')
  const rows = await pendingFor(ctx.db, v, 200)
  return { items: rows.map((r) => toResourceBooking(r, me, true)) }
}
