import type { Booking, StationRoom } from '@tongxin/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'

const SHANGHAI_MS = 8 * 3_600_000
/** '2026-11-26 14:05' in Shanghai local time. */
export const shanghaiLocal = (d: Date) => new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 16)
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
  if (b.endsAt <= b.startsAt) throw new AppError('event_ends_before_start')
  const from = shanghaiLocal(b.startsAt)
  const to = shanghaiLocal(b.endsAt)
  const opens = hhmm(room.opens_at)
  const closes = hhmm(room.closes_at)
  if (from.slice(0, 10) !== to.slice(0, 10) || from.slice(11) < opens || to.slice(11) > closes) {
    throw new AppError('booking_outside_hours', { opens, closes })
  }
  const clash = await trx
    .selectFrom('booking')
    .select(['starts_at', 'ends_at'])
    .where('station_room_id', '=', b.roomId)
    .where('status', '=', 'active')
    .where('starts_at', '<', b.endsAt)
    .where('ends_at', '>', b.startsAt)
    .$if(b.except !== undefined, (q) => q.where('id', '<>', b.except!))
    .executeTakeFirst()
  if (clash) {
    throw new AppError('booking_overlap', {
      from: shanghaiLocal(clash.starts_at).replace('T', ' '),
      to: shanghaiLocal(clash.ends_at).slice(11),
    })
  }
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
