import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import { roomQuery } from './bookings.ts'

/** The active lecturers, by kind then id. */
export async function activeLecturers(db: Kysely<DB>) {
  return db
    .selectFrom('lecturer')
    .selectAll()
    .where('active', '=', true)
    .orderBy('kind')
    .orderBy('id')
    .execute()
}

/** Up to 500 rooms, of stations in an area and below it when `areaCode` is given (unknown area: 400). */
export async function listRooms(db: Kysely<DB>, areaCode: string | undefined) {
  let q = roomQuery(db)
  if (areaCode) {
    const area = await db.selectFrom('area').select('path').where('code', '=', areaCode).executeTakeFirst()
    if (!area) throw new AppError('unknown_area', { code: areaCode })
    q = q.where('s.area_code', 'in', (eb) =>
      eb
        .selectFrom('area')
        .select('code')
        .where((x) => x.or([x('path', '=', area.path), x('path', 'like', `${area.path}/%`)])),
    )
  }
  return q.orderBy('s.id').orderBy('r.id').limit(500).execute()
}

/** The area of a live station, or undefined: a removed station takes no new rooms, like one that never was. */
export async function liveStationArea(db: Kysely<DB>, stationId: number): Promise<string | undefined> {
  const s = await db
    .selectFrom('station')
    .select('area_code')
    .where('id', '=', stationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return s?.area_code
}

/** Where a booking's room is (its station's area and building), or undefined for an unknown booking. */
export async function bookingPlace(db: Kysely<DB>, bookingId: number) {
  return db
    .selectFrom('booking as b')
    .innerJoin('station_room as r', 'r.id', 'b.station_room_id')
    .innerJoin('station as s', 's.id', 'r.station_id')
    .select(['s.area_code', 's.building_id'])
    .where('b.id', '=', bookingId)
    .executeTakeFirst()
}

export async function bookingById(db: Kysely<DB>, id: number) {
  return db.selectFrom('booking').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}
