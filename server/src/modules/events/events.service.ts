import type { Event, EventInput, EventListQuery, EventUpdate } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { noticeEventCancelled } from '../notifications/flows.people.ts'
import { grantMatcher } from './access.ts'
import { bookRoom, cancelBooking } from './bookings.ts'
import { eventQuery, lecturersOf, myRegistrations, toEvent } from './events.repository.ts'
import { areaWithin, resolveEventPlace } from './places.ts'
import { expandRule } from './recurrence.ts'
import { fillSeats } from './registration.service.ts'

/** A single event lasts at most this long; longer programmes are series. */
export const MAX_EVENT_HOURS = 72

function checkTimes(startsAt: Date, endsAt: Date) {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || endsAt <= startsAt) {
    throw new AppError('event_ends_before_start')
  }
  if (endsAt.getTime() - startsAt.getTime() > MAX_EVENT_HOURS * 3_600_000) {
    throw new AppError('event_too_long', { hours: MAX_EVENT_HOURS })
  }
}

/**
 * Where the event is: the room's station, the building, or the given area (in that order). The route has
 * already checked that the caller holds every place named; here they must also fit together.
 */
export async function placeEvent(ctx: AppContext, input: EventInput) {
  const place = await resolveEventPlace(ctx.db, input)
  if (place.mismatch) throw place.mismatch
  if (place.room && input.capacity > place.room.capacity) {
    throw new AppError('event_capacity_over_room', { capacity: input.capacity, room: place.room.capacity })
  }
  return place
}

async function checkRefs(
  ctx: AppContext,
  input: { campaignId?: number | null; lecturerIds?: number[] },
  areaCode?: string,
) {
  if (input.campaignId) {
    const c = await ctx.db
      .selectFrom('campaign as c')
      .innerJoin('area as a', 'a.code', 'c.area_code')
      .select(['c.id', 'a.path'])
      .where('c.id', '=', input.campaignId)
      .executeTakeFirst()
    if (!c) throw new AppError('unknown_campaign', { id: input.campaignId })
    // An event counts towards a campaign's target, so only an event inside the campaign's area may join it.
    if (areaCode && !(await areaWithin(ctx.db, areaCode, c.path))) {
      throw new AppError('event_outside_campaign', { id: input.campaignId })
    }
  }
  const ids = [...new Set(input.lecturerIds ?? [])]
  if (ids.length > 0) {
    const found = await ctx.db.selectFrom('lecturer').select('id').where('id', 'in', ids).execute()
    const missing = ids.find((id) => !found.some((f) => f.id === id))
    if (missing) throw new AppError('unknown_lecturer', { id: missing })
  }
  return ids
}

/** Creates an event, or every occurrence of a series, with their room bookings: all or nothing. */
export async function createEvents(
  ctx: AppContext,
  request: FastifyRequest,
  input: EventInput,
): Promise<number[]> {
  const principal = requirePrincipal(request)
  const startsAt = new Date(input.startsAt)
  const endsAt = new Date(input.endsAt)
  checkTimes(startsAt, endsAt)
  const audience = input.audience ?? 'all'
  const audienceIds = audience === 'all' ? [] : [...new Set(input.audienceIds ?? [])]
  if (audience !== 'all' && audienceIds.length === 0) throw new AppError('event_audience_ids_required')
  const place = await placeEvent(ctx, input)
  const lecturerIds = await checkRefs(ctx, input, place.areaCode)
  const starts = input.rrule ? expandRule(input.rrule, startsAt) : [startsAt]
  const duration = endsAt.getTime() - startsAt.getTime()
  return ctx.db.transaction().execute(async (trx) => {
    const series = input.rrule
      ? await trx
          .insertInto('event_series')
          .values({ rrule: input.rrule, created_by: principal.accountId })
          .returning('id')
          .executeTakeFirstOrThrow()
      : null
    const ids: number[] = []
    for (const start of starts) {
      const end = new Date(start.getTime() + duration)
      const row = await trx
        .insertInto('event')
        .values({
          series_id: series?.id ?? null,
          campaign_id: input.campaignId ?? null,
          kind: input.kind,
          theme: input.theme,
          title: input.title,
          description: input.description ?? null,
          area_code: place.areaCode,
          station_room_id: input.stationRoomId ?? null,
          building_id: place.buildingId,
          location: input.location ?? null,
          organiser_org_id: input.organiserOrgId ?? null,
          starts_at: start,
          ends_at: end,
          capacity: input.capacity,
          audience,
          audience_ids: audienceIds,
          checkin_margin_minutes: input.checkinMarginMinutes ?? 30,
          created_by: principal.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(row.id)
      if (lecturerIds.length > 0) {
        await trx
          .insertInto('event_lecturer')
          .values(lecturerIds.map((l) => ({ event_id: row.id, lecturer_id: l })))
          .execute()
      }
      if (input.stationRoomId) {
        await bookRoom(trx, {
          roomId: input.stationRoomId,
          startsAt: start,
          endsAt: end,
          purpose: input.title,
          eventId: row.id,
          by: principal.accountId,
        })
      }
    }
    await writeAudit(trx, request, {
      action: 'event.create',
      entity: 'event',
      ids,
      detail: { title: input.title },
    })
    return ids
  })
}

async function lockEvent(trx: Kysely<DB>, id: number, version: number) {
  const e = await trx.selectFrom('event').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!e) throw new AppError('not_found')
  if (e.version !== version) throw new AppError('version_conflict')
  if (e.status === 'cancelled') throw new AppError('event_cancelled')
  return e
}

export async function updateEvent(ctx: AppContext, request: FastifyRequest, id: number, input: EventUpdate) {
  const principal = requirePrincipal(request)
  const lecturerIds = input.lecturerIds ? await checkRefs(ctx, input) : null
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const e = await lockEvent(trx, id, input.version)
    if (e.ends_at < now) throw new AppError('event_over')
    const startsAt = input.startsAt ? new Date(input.startsAt) : e.starts_at
    const endsAt = input.endsAt ? new Date(input.endsAt) : e.ends_at
    checkTimes(startsAt, endsAt)
    const capacity = input.capacity ?? e.capacity
    if (e.station_room_id) {
      const room = await trx
        .selectFrom('station_room')
        .select('capacity')
        .where('id', '=', e.station_room_id)
        .executeTakeFirstOrThrow()
      if (capacity > room.capacity)
        throw new AppError('event_capacity_over_room', { capacity, room: room.capacity })
      const booking = await trx
        .selectFrom('booking')
        .select('id')
        .where('event_id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst()
      await bookRoom(trx, {
        roomId: e.station_room_id,
        startsAt,
        endsAt,
        purpose: input.title ?? e.title,
        eventId: id,
        by: principal.accountId,
        except: booking?.id,
      })
    }
    await trx
      .updateTable('event')
      .set({
        title: input.title ?? e.title,
        description: input.description === undefined ? e.description : input.description,
        theme: input.theme ?? e.theme,
        location: input.location === undefined ? e.location : input.location,
        starts_at: startsAt,
        ends_at: endsAt,
        capacity,
        checkin_margin_minutes: input.checkinMarginMinutes ?? e.checkin_margin_minutes,
        version: e.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute()
    if (lecturerIds) {
      await trx.deleteFrom('event_lecturer').where('event_id', '=', id).execute()
      if (lecturerIds.length > 0) {
        await trx
          .insertInto('event_lecturer')
          .values(lecturerIds.map((l) => ({ event_id: id, lecturer_id: l })))
          .execute()
      }
    }
    // More seats: the waitlist moves up now, in this transaction.
    if (capacity > e.capacity) await fillSeats(ctx, trx, { ...e, capacity }, now)
    await writeAudit(trx, request, { action: 'event.update', entity: 'event', ids: [id] })
  })
}

/** Cancels an event: its booking is released and everyone registered or waiting gets a notification. */
export async function cancelEvent(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: { version: number; reason: string },
) {
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const e = await lockEvent(trx, id, body.version)
    if (e.ends_at < now) throw new AppError('event_over')
    await trx
      .updateTable('event')
      .set({ status: 'cancelled', cancel_reason: body.reason, version: e.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute()
    const bookings = await trx
      .selectFrom('booking')
      .select('id')
      .where('event_id', '=', id)
      .where('status', '=', 'active')
      .execute()
    for (const b of bookings) await cancelBooking(trx, b.id)
    const notified = await noticeEventCancelled(ctx, trx, e, body.reason, now)
    await writeAudit(trx, request, {
      action: 'event.cancel',
      entity: 'event',
      ids: [id],
      detail: { reason: body.reason, notified },
    })
  })
}

export async function getEvent(ctx: AppContext, request: FastifyRequest, id: number): Promise<Event> {
  const principal = requirePrincipal(request)
  const row = await eventQuery(ctx.db).where('e.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  const canManage = (await grantMatcher(ctx.db, request, 'event.manage'))(row)
  const [lecturers, mine] = await Promise.all([
    lecturersOf(ctx.db, [id]),
    myRegistrations(ctx.db, principal.accountId, [id]),
  ])
  return toEvent(row, lecturers.get(id) ?? [], mine.get(id), canManage)
}

/** Events in a period (default: from a week ago on), soonest first; `mine` keeps the caller's own. */
export async function listEvents(
  ctx: AppContext,
  request: FastifyRequest,
  q: EventListQuery,
): Promise<Event[]> {
  const principal = requirePrincipal(request)
  const now = ctx.clock.now()
  const from = q.from ? new Date(q.from) : new Date(now.getTime() - 7 * 86_400_000)
  let query = eventQuery(ctx.db).where('e.ends_at', '>=', from)
  if (q.to) query = query.where('e.starts_at', '<', new Date(q.to))
  if (q.kind) query = query.where('e.kind', '=', q.kind)
  if (q.campaign) query = query.where('e.campaign_id', '=', q.campaign)
  if (q.area) {
    const area = await ctx.db.selectFrom('area').select('path').where('code', '=', q.area).executeTakeFirst()
    if (!area) throw new AppError('unknown_area', { code: q.area })
    query = query.where((eb) => eb.or([eb('a.path', '=', area.path), eb('a.path', 'like', `${area.path}/%`)]))
  }
  if (q.mine) {
    query = query.where('e.id', 'in', (eb) =>
      eb
        .selectFrom('event_registration')
        .select('event_id')
        .where('account_id', '=', principal.accountId)
        .where('status', '<>', 'cancelled'),
    )
  }
  const rows = await query
    .orderBy('e.starts_at')
    .orderBy('e.id')
    .limit(q.limit ?? 200)
    .execute()
  const ids = rows.map((r) => r.id)
  const [lecturers, mine, canManage] = await Promise.all([
    lecturersOf(ctx.db, ids),
    myRegistrations(ctx.db, principal.accountId, ids),
    grantMatcher(ctx.db, request, 'event.manage'),
  ])
  return rows.map((r) => toEvent(r, lecturers.get(r.id) ?? [], mine.get(r.id), canManage(r)))
}
