import type { BookingInput, LecturerInput, StationRoomInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { bookRoom, cancelBooking, roomQuery } from './bookings.ts'

/** Adds a lecturer to the pool, audited. */
export async function createLecturer(ctx: AppContext, request: FastifyRequest, b: LecturerInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await trx
      .insertInto('lecturer')
      .values({
        name: b.name,
        kind: b.kind,
        organisation: b.organisation ?? null,
        title: b.title ?? null,
        topics: b.topics ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, { action: 'lecturer.create', entity: 'lecturer', ids: [l.id] })
    return l
  })
}

/** Adds a room to a station, audited; its opening hours must close after they open. */
export async function createRoom(ctx: AppContext, request: FastifyRequest, b: StationRoomInput) {
  if ((b.opensAt ?? '08:30') >= (b.closesAt ?? '21:00')) {
    throw new AppError('invalid_dates', { later: b.closesAt ?? '21:00', earlier: b.opensAt ?? '08:30' })
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('station_room')
      .values({
        station_id: b.stationId,
        name: b.name,
        capacity: b.capacity,
        opens_at: b.opensAt,
        closes_at: b.closesAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, {
      action: 'station_room.create',
      entity: 'station_room',
      ids: [row.id],
    })
    return row.id
  })
  return roomQuery(ctx.db).where('r.id', '=', id).executeTakeFirstOrThrow()
}

/** Books a room for the caller (no overlap: 409), audited; returns the booking's id. */
export async function createBooking(
  ctx: AppContext,
  request: FastifyRequest,
  roomId: number,
  b: BookingInput,
) {
  const principal = requirePrincipal(request)
  return ctx.db.transaction().execute(async (trx) => {
    const bookingId = await bookRoom(trx, {
      roomId,
      startsAt: new Date(b.startsAt),
      endsAt: new Date(b.endsAt),
      purpose: b.purpose,
      eventId: null,
      by: principal.accountId,
    })
    await writeAudit(trx, request, { action: 'booking.create', entity: 'booking', ids: [bookingId] })
    return bookingId
  })
}

/** Cancels a booking made on its own, audited. */
export async function cancelOwnBooking(ctx: AppContext, request: FastifyRequest, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    // An event's booking goes with the event (cancel or edit the event), or the event would keep a room
    // that someone else may then book.
    const own = await trx
      .selectFrom('booking')
      .select('event_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    if (own.event_id !== null) throw new AppError('booking_of_event', { event: own.event_id })
    await cancelBooking(trx, id)
    await writeAudit(trx, request, { action: 'booking.cancel', entity: 'booking', ids: [id] })
  })
}
