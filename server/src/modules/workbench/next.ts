import type { Event, WorkbenchNext } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { listEvents } from '../events/events.service.ts'
import { mySignups } from '../volunteers/shifts.service.ts'
import { patrolRoutesToday } from './repository.ts'
import { heldBuildings } from './scope.ts'

/** "What is next" for the caller: their next shift, their next event, the next one they run, today's patrol. */

const DAY = 86_400_000
/** How far ahead the events the caller runs are looked for (the calendar's own list, capped). */
const ORGANISED_AHEAD_DAYS = 30
const PATROLS_SHOWN = 3

const none = { detail: null, eventKind: null, startsAt: null, endsAt: null, progress: null }

function eventItem(kind: 'event' | 'organised_event', e: Event): WorkbenchNext {
  return {
    ...none,
    kind,
    title: e.title,
    detail: e.venueName ?? e.location ?? e.areaName,
    eventKind: e.kind,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    link: `/events/${e.id}`,
  }
}

export async function nextItems(ctx: AppContext, request: FastifyRequest): Promise<WorkbenchNext[]> {
  const now = ctx.clock.now()
  const items: WorkbenchNext[] = []

  if (request.grantsFor('volunteer.self').length > 0) {
    // Signed up, not yet over: a shift in progress is still "next" until it ends.
    const [shift] = await mySignups(ctx, request, 'upcoming')
    if (shift)
      items.push({
        ...none,
        kind: 'shift',
        title: shift.pointName,
        detail: shift.roleName,
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
        link: '/my-volunteering',
      })
  }

  let mine: Event | undefined
  if (request.grantsFor('event.read').length > 0) {
    const events = await listEvents(ctx, request, { mine: true, from: now.toISOString(), limit: 20 })
    mine = events.find(
      (e) => e.status === 'scheduled' && (e.mine?.status === 'registered' || e.mine?.status === 'waitlisted'),
    )
    if (mine) items.push(eventItem('event', mine))
  }

  if (request.grantsFor('event.manage').length > 0) {
    const to = new Date(now.getTime() + ORGANISED_AHEAD_DAYS * DAY).toISOString()
    const events = await listEvents(ctx, request, { from: now.toISOString(), to, limit: 500 })
    const run = events.find((e) => e.canManage && e.status === 'scheduled' && e.id !== mine?.id)
    if (run) items.push(eventItem('organised_event', run))
  }

  if (request.grantsFor('waste.patrol').length > 0) {
    // Routes the caller leads, and for a chief every route of their building.
    const routes = await patrolRoutesToday(
      ctx.db,
      requirePrincipal(request).accountId,
      heldBuildings(request, 'waste.organise'),
      shanghaiDate(now),
    )
    for (const r of routes.slice(0, PATROLS_SHOWN))
      items.push({
        ...none,
        kind: 'patrol',
        title: r.name,
        detail: r.building_name,
        progress: { done: Number(r.done), total: Number(r.total) },
        link: '/waste-patrol',
      })
  }
  return items
}
