import type { Booking, StationRoom } from '@tongxin/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import { findClash, slotProblem } from '../../lib/slots.ts'

const hhmm = (t: string) => t.slice(0, 5)

export interface RoomRow {
  id: number
  station_id: number
  name: string
  capacity: number
  opens_at: string
  closes_at: string
  station_name: string
  station_kind: string
  area_code: string
}

export const toRoom = (r: RoomRow): StationRoom => ({
  id: r.id,
  stationId: r.station_id,
  stationName: r.station_name,
  stationKind: r.station_kind,
  areaCode: r.area_code,
  name: r.name,
  capacity: r.capacity,
  opensAt: hhmm(r.opens_at),
  closesAt: hhmm(r.closes_at),
})

export function roomQuery(db: Kysely<DB>) {
  return db
    .selectFrom('station_room as r')
    .innerJoin('station as s', 's.id', 'r.station_id')
    .select([
      'r.id',
      'r.station_id',
      'r.name',
      'r.capacity',
      'r.opens_at',
      'r.closes_at',
      's.name as station_name',
      's.kind as station_kind',
      's.area_code',
    ])
    .where('r.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
}

export const toBooking = (b: {
  id: number
  station_room_id: number
  event_id: number | null
  purpose: string
  starts_at: Date
  ends_at: Date
  status: string
}): Booking => ({
  id: b.id,
  stationRoomId: b.station_room_id,
  eventId: b.event_id,
  purpose: b.purpose,
  startsAt: b.starts_at.toISOString(),
  endsAt: b.ends_at.toISOString(),
  status: b.status as Booking['status'],
})

/**
 * Books a room inside the caller's transaction. The room row is locked first, so two requests for one
 * slot take turns and the second sees the first's booking (exactly one wins, on PGlite and PostgreSQL
 * alike — PGlite has no btree_gist for an exclusion constraint). `except` is the booking being moved.
 */
export async function bookRoom(
  trx: Kysely<DB>,
  b: {
    roomId: number
    startsAt: Date
    endsAt: Date
    purpose: string
    eventId: number | null
    by: number | null
    except?: number
  },
): Promise<number> {
  const room = await trx
    .selectFrom('station_room')
    .select(['id', 'opens_at', 'closes_at'])
    .where('id', '=', b.roomId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
  if (!room) throw new AppError('unknown_room', { id: b.roomId })
  const opens = hhmm(room.opens_at)
  const closes = hhmm(room.closes_at)
  // The slot rules are shared with alliance resources (lib/slots.ts); a room keeps the same hours every day.
  const problem = slotProblem(b.startsAt, b.endsAt, { hours: () => [{ opens, closes }] })
  if (problem?.problem === 'ends_before_start') throw new AppError('event_ends_before_start')
  if (problem) throw new AppError('booking_outside_hours', { opens, closes })
  const clash = await findClash(trx, {
    table: 'booking',
    column: 'station_room_id',
    id: b.roomId,
    holding: ['active'],
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    except: b.except,
  })
  if (clash) throw new AppError('booking_overlap', clash)
  if (b.except !== undefined) {
    await trx
      .updateTable('booking')
      .set({ starts_at: b.startsAt, ends_at: b.endsAt, purpose: b.purpose })
      .where('id', '=', b.except)
      .execute()
    return b.except
  }
  const row = await trx
    .insertInto('booking')
    .values({
      station_room_id: b.roomId,
      event_id: b.eventId,
      purpose: b.purpose,
      starts_at: b.startsAt,
      ends_at: b.endsAt,
      booked_by: b.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function cancelBooking(trx: Kysely<DB>, id: number) {
  const res = await trx
    .updateTable('booking')
    .set({ status: 'cancelled' })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw new AppError('booking_not_active')
}

export async function roomBookings(db: Kysely<DB>, roomId: number, from: Date, to: Date) {
  const rows = await db
    .selectFrom('booking')
    .selectAll()
    .where('station_room_id', '=', roomId)
    .where('status', '=', 'active')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .execute()
  return rows.map(toBooking)
}
