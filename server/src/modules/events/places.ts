import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import type { ScopeRef } from '../../lib/scope.ts'

/**
 * The places an event or a booking names, and which of them the caller must hold. Each place counts on its
 * own (`match: 'all'`): holding the organiser or the building does not lend the room of another street.
 */

export interface RoomPlace {
  id: number
  capacity: number
  area_code: string
  building_id: number | null
}

export async function findRoom(db: Kysely<DB>, roomId: number): Promise<RoomPlace | undefined> {
  return db
    .selectFrom('station_room as r')
    .innerJoin('station as s', 's.id', 'r.station_id')
    .select(['r.id', 'r.capacity', 's.area_code', 's.building_id'])
    .where('r.id', '=', roomId)
    .where('r.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** A room is held with its station: the building the station stands in, else the station's area. */
export const roomRef = (room: { area_code: string; building_id: number | null }): ScopeRef =>
  room.building_id ? { type: 'building', id: String(room.building_id) } : { type: 'area', id: room.area_code }

/** The scope of a room's booking routes (none → 404 for an unknown room). */
export async function roomRefs(db: Kysely<DB>, roomId: number): Promise<ScopeRef[]> {
  const room = await findRoom(db, roomId)
  return room ? [roomRef(room)] : []
}

const unknown = (zh: string, en: string, id: number) =>
  new AppError('unknown_ref', { what: { 'zh-CN': zh, 'en-US': en }, id })

export interface EventVenueInput {
  areaCode?: string
  stationRoomId?: number | null
  buildingId?: number | null
  organiserOrgId?: number | null
  audience?: 'all' | 'buildings' | 'orgs'
  audienceIds?: number[]
}

export interface EventPlace {
  /** The area the event is listed under: the venue's, else the one given. */
  areaCode: string
  buildingId: number | null
  room: RoomPlace | null
  /** What the caller must hold, every one of them. */
  refs: ScopeRef[]
  /** Why the named places do not fit together (checked once the caller is known to hold them). */
  mismatch: AppError | null
}

/**
 * Resolves what an event input names. The organiser organisation stands for the places it reaches (see
 * `orgReaches`), so a secretary may hold an event in the buildings their organisation covers without a grant
 * over each building; any other place must be held in its own right.
 */
export async function resolveEventPlace(db: Kysely<DB>, input: EventVenueInput): Promise<EventPlace> {
  const room = input.stationRoomId ? await findRoom(db, input.stationRoomId) : undefined
  if (input.stationRoomId && !room) throw new AppError('unknown_room', { id: input.stationRoomId })
  const building = input.buildingId
    ? await db
        .selectFrom('building')
        .select(['id', 'area_code'])
        .where('id', '=', input.buildingId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    : undefined
  if (input.buildingId && !building) throw unknown('楼宇', 'building', input.buildingId)
  const org = input.organiserOrgId
    ? await db
        .selectFrom('party_org')
        .select(['id', 'area_code'])
        .where('id', '=', input.organiserOrgId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    : undefined
  if (input.organiserOrgId && !org) throw unknown('党组织', 'party organisation', input.organiserOrgId)
  const area = input.areaCode
    ? await db
        .selectFrom('area')
        .select(['code', 'path'])
        .where('code', '=', input.areaCode)
        .executeTakeFirst()
    : undefined
  if (input.areaCode && !area) throw new AppError('unknown_area', { code: input.areaCode })
  if (!room && !building && !area) throw new AppError('event_venue_required')

  const places: ScopeRef[] = []
  if (room) places.push(roomRef(room))
  if (building && room?.building_id !== building.id)
    places.push({ type: 'building', id: String(building.id) })
  // With a venue the area only narrows where to look for it (the form's area picker); without, it is the place.
  if (!room && !building) places.push({ type: 'area', id: area!.code })

  const refs: ScopeRef[] = []
  if (org) {
    refs.push({ type: 'party_org', id: String(org.id) })
    for (const p of places) if (!(await orgReaches(db, org.id, p))) refs.push(p)
  } else {
    refs.push(...places)
  }
  // A limited audience addresses those people (the event is listed and open to them), so each building or
  // organisation named must be one the caller could hold the event for. One that does not exist is refused
  // as one out of reach (the auth plugin tells only a city-wide caller it is missing).
  for (const audienceRef of audienceRefs(input)) {
    if (org && (await orgReaches(db, org.id, audienceRef))) continue
    refs.push(audienceRef)
  }

  const venueArea = room?.area_code ?? building?.area_code ?? area!.code
  let mismatch: AppError | null = null
  if (room && building && room.building_id !== building.id) {
    mismatch = new AppError('event_room_not_in_building')
  } else if (area && venueArea !== area.code && !(await areaWithin(db, venueArea, area.path))) {
    mismatch = new AppError('event_venue_outside_area', { area: area.code })
  }
  return {
    areaCode: venueArea,
    buildingId: building?.id ?? room?.building_id ?? null,
    room: room ?? null,
    refs,
    mismatch,
  }
}

function audienceRefs(input: EventVenueInput): ScopeRef[] {
  if (input.audience === 'buildings')
    return [...new Set(input.audienceIds)].map((b) => ({ type: 'building', id: String(b) }))
  if (input.audience === 'orgs')
    return [...new Set(input.audienceIds)].map((o) => ({ type: 'party_org', id: String(o) }))
  return []
}

/** Whether area `code` is the area at `path` or lies inside it. */
export async function areaWithin(db: Kysely<DB>, code: string, path: string): Promise<boolean> {
  const row = await db
    .selectFrom('area')
    .select('code')
    .where('code', '=', code)
    .where((eb) => eb.or([eb('path', '=', path), eb('path', 'like', `${path}/%`)]))
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Where an organisation may hold its own events: inside its own area (for an event placed by area, or a
 * room of a station that stands in no building), and in a building that it or an organisation under it
 * covers, whole or through a unit there. Holding the organisation is checked separately (it is one of the refs).
 */
export async function orgReaches(db: Kysely<DB>, orgId: number, place: ScopeRef): Promise<boolean> {
  if (place.type === 'area') {
    const r = await sql<{ ok: boolean }>`
      SELECT EXISTS (
        SELECT 1 FROM party_org o JOIN area oa ON oa.code = o.area_code JOIN area a ON a.code = ${place.id}
         WHERE o.id = ${orgId} AND (a.path = oa.path OR a.path LIKE oa.path || '/%')) AS ok`.execute(db)
    return r.rows[0]?.ok === true
  }
  if (place.type !== 'building') return false
  const buildingId = Number(place.id)
  const r = await sql<{ ok: boolean }>`
    WITH RECURSIVE tree(id) AS (
      SELECT id FROM party_org WHERE id = ${orgId} AND deleted_at IS NULL
      UNION
      SELECT o.id FROM party_org o JOIN tree t ON o.parent_id = t.id WHERE o.deleted_at IS NULL)
    SELECT EXISTS (
      SELECT 1 FROM party_org_coverage c
       WHERE c.party_org_id IN (SELECT id FROM tree)
         AND (c.building_id = ${buildingId}
              OR c.unit_id IN (SELECT id FROM unit WHERE building_id = ${buildingId}
                                 AND deleted_at IS NULL AND left_on IS NULL))) AS ok`.execute(db)
  return r.rows[0]?.ok === true
}
