import type { Event, Lecturer } from '@tongxin/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** Seats are taken by people registered or already checked in; no-shows keep theirs (the event is over). */
export const SEATED = ['registered', 'attended', 'no_show'] as const
export const ACTIVE = ['registered', 'waitlisted', 'attended', 'no_show'] as const

export function eventQuery(db: Kysely<DB>) {
  return db
    .selectFrom('event as e')
    .innerJoin('area as a', 'a.code', 'e.area_code')
    .leftJoin('campaign as c', 'c.id', 'e.campaign_id')
    .leftJoin('station_room as r', 'r.id', 'e.station_room_id')
    .leftJoin('station as s', 's.id', 'r.station_id')
    .leftJoin('building as b', 'b.id', 'e.building_id')
    .selectAll('e')
    .select([
      'a.name as area_name',
      'a.path as area_path',
      'c.name as campaign_name',
      sql<string | null>`coalesce(s.name || ' · ' || r.name, b.name)`.as('venue_name'),
      sql<number>`(SELECT count(*) FROM event_registration x WHERE x.event_id = e.id AND x.status IN ('registered','attended','no_show'))::int`.as(
        'registered',
      ),
      sql<number>`(SELECT count(*) FROM event_registration x WHERE x.event_id = e.id AND x.status = 'waitlisted')::int`.as(
        'waitlisted',
      ),
      sql<number>`(SELECT count(*) FROM event_registration x WHERE x.event_id = e.id AND x.status = 'attended')::int`.as(
        'attended',
      ),
    ])
}

export type EventRow = Awaited<ReturnType<ReturnType<typeof eventQuery>['executeTakeFirstOrThrow']>>

export async function lecturersOf(db: Kysely<DB>, eventIds: number[]): Promise<Map<number, Lecturer[]>> {
  const map = new Map<number, Lecturer[]>()
  if (eventIds.length === 0) return map
  const rows = await db
    .selectFrom('event_lecturer as el')
    .innerJoin('lecturer as l', 'l.id', 'el.lecturer_id')
    .select(['el.event_id', 'l.id', 'l.name', 'l.kind', 'l.organisation', 'l.title', 'l.topics'])
    .where('el.event_id', 'in', eventIds)
    .orderBy('l.id')
    .execute()
  for (const r of rows) {
    const list = map.get(r.event_id) ?? []
    list.push({
      id: r.id,
      name: r.name,
      kind: r.kind as Lecturer['kind'],
      organisation: r.organisation,
      title: r.title,
      topics: r.topics,
    })
    map.set(r.event_id, list)
  }
  return map
}

export interface MineRow {
  id: number
  event_id: number
  status: string
  inside: boolean
  position: number | null
}

/** The caller's live registration per event, with the place in the waitlist. */
export async function myRegistrations(
  db: Kysely<DB>,
  accountId: number,
  eventIds: number[],
): Promise<Map<number, MineRow>> {
  const map = new Map<number, MineRow>()
  if (eventIds.length === 0) return map
  const rows = await db
    .selectFrom('event_registration as r')
    .select([
      'r.id',
      'r.event_id',
      'r.status',
      'r.inside',
      sql<
        number | null
      >`CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM event_registration w WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.id <= r.id)::int END`.as(
        'position',
      ),
    ])
    .where('r.account_id', '=', accountId)
    .where('r.event_id', 'in', eventIds)
    .where('r.status', '<>', 'cancelled')
    .execute()
  for (const r of rows) map.set(r.event_id, r)
  return map
}

export function toEvent(
  r: EventRow,
  lecturers: Lecturer[],
  mine: MineRow | undefined,
  canManage: boolean,
): Event {
  return {
    id: r.id,
    version: r.version,
    seriesId: r.series_id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    kind: r.kind as Event['kind'],
    theme: r.theme as Event['theme'],
    title: r.title,
    description: r.description,
    areaCode: r.area_code,
    areaName: r.area_name,
    stationRoomId: r.station_room_id,
    venueName: r.venue_name,
    buildingId: r.building_id,
    location: r.location,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    capacity: r.capacity,
    registered: r.registered,
    waitlisted: r.waitlisted,
    attended: r.attended,
    audience: r.audience as Event['audience'],
    audienceIds: r.audience_ids.map(Number),
    status: r.status as Event['status'],
    cancelReason: r.cancel_reason,
    checkinMarginMinutes: r.checkin_margin_minutes,
    lecturers,
    mine: mine
      ? {
          id: mine.id,
          status: mine.status as NonNullable<Event['mine']>['status'],
          waitlistPosition: mine.position,
          inside: mine.inside,
        }
      : null,
    canManage,
  }
}
