import { ErrorBody, type EventInput, eventsApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { eventScope } from './access.ts'
import { eventIcs, personalFeed, resetFeedToken } from './calendar.ts'
import checkinRoutes from './checkin.routes.ts'
import { doorQr, myQr, scanDoor, scanTicket } from './checkin.service.ts'
import { cancelEvent, createEvents, getEvent, listEvents, updateEvent } from './events.service.ts'
import { resolveEventPlace } from './places.ts'
import planningRoutes from './planning.routes.ts'
import { cancelRegistration, eventRegistrations, register } from './registration.service.ts'

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  410: ErrorBody,
}

/** Paths, methods and schemas: `eventsApi` in packages/contracts (the web calls the same table). */
export default async function eventsRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, eventsApi, { tags: ['events'], errors })
  const scope = eventScope(ctx)
  /** Creating an event needs event.manage over every place it names (see places.ts). */
  const createScope = async (r: { body: EventInput }): Promise<ScopeRef[]> =>
    (await resolveEventPlace(ctx.db, r.body)).refs

  route(
    'GET /api/events',
    {
      config: { access: { permission: 'event.read' } },
      summary: '活动日历 Events in a period (calendar and list)',
    },
    async (request) => ({ items: await listEvents(ctx, request, request.query) }),
  )
  route(
    'POST /api/events',
    {
      config: { access: { permission: 'event.manage', scope: createScope, match: 'all' } },
      summary: '发布活动 Create an event (or a series with rrule)',
    },
    async (request) => {
      const ids = await createEvents(ctx, request, request.body)
      return { ids, first: await getEvent(ctx, request, ids[0]!) }
    },
  )
  route(
    'GET /api/events/:id',
    { config: { access: { permission: 'event.read' } }, summary: '活动详情 One event' },
    async (request) => getEvent(ctx, request, request.params.id),
  )
  route(
    'PATCH /api/events/:id',
    {
      config: { access: { permission: 'event.manage', scope } },
      summary: '修改活动 Edit an event (optimistic locking)',
    },
    async (request) => {
      await updateEvent(ctx, request, request.params.id, request.body)
      return getEvent(ctx, request, request.params.id)
    },
  )
  route(
    'POST /api/events/:id/cancel',
    {
      config: { access: { permission: 'event.manage', scope } },
      summary: '取消活动并通知报名者 Cancel an event; registrants are notified',
    },
    async (request) => {
      await cancelEvent(ctx, request, request.params.id, request.body)
      return getEvent(ctx, request, request.params.id)
    },
  )
  route(
    'POST /api/events/:id/registrations',
    {
      config: { access: { permission: 'event.register' } },
      summary: '报名（满员进入候补）Register; past capacity goes to the waitlist',
    },
    async (request) => {
      await register(ctx, request, request.params.id, request.body)
      return getEvent(ctx, request, request.params.id)
    },
  )
  route(
    'DELETE /api/events/:id/registrations/mine',
    {
      config: { access: { permission: 'event.register' } },
      summary: '取消报名（候补自动递补）Cancel my registration; the waitlist moves up',
    },
    async (request) => {
      await cancelRegistration(ctx, request, request.params.id)
      return getEvent(ctx, request, request.params.id)
    },
  )
  route(
    'GET /api/events/:id/registrations',
    {
      config: { access: { permission: 'event.manage', scope } },
      summary: '报名名单 Registrations of an event (organiser)',
    },
    async (request) => ({ items: await eventRegistrations(ctx, request.params.id) }),
  )
  route(
    'GET /api/events/:id/my-qr',
    {
      config: { access: { permission: 'event.register' } },
      summary: '我的签到码 My signed check-in QR for this event',
    },
    async (request) => myQr(ctx, request, request.params.id),
  )
  route(
    'GET /api/events/:id/door-qr',
    {
      config: { access: { permission: 'event.checkin', scope } },
      summary: '现场签到码 The door QR members scan to check themselves in',
    },
    async (request) => doorQr(ctx, request.params.id),
  )
  route(
    'POST /api/events/:id/scans',
    {
      config: { access: { permission: 'event.checkin', scope } },
      summary: '扫码签到/签退 Redeem a ticket (entry/exit); a repeated nonce counts once',
    },
    async (request) => scanTicket(ctx, request, request.params.id, request.body),
  )
  route(
    'POST /api/events/door-scans',
    {
      config: { access: { permission: 'event.register' } },
      summary: '扫现场码签到 Check myself in by scanning the door QR',
    },
    async (request) => scanDoor(ctx, request, request.body),
  )
  route(
    'GET /api/events/:id/ics',
    { config: { access: { permission: 'event.read' } }, summary: '日历文件 The event as .ics' },
    async (request, reply) => {
      const body = await eventIcs(ctx, request.params.id)
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="event-${request.params.id}.ics"`)
      return body
    },
  )
  route(
    'POST /api/calendar/feed-token',
    {
      config: { access: { permission: 'event.read' } },
      summary: '生成（重置）个人日历订阅地址 New secret personal calendar feed (the old one stops)',
    },
    async (request) => {
      const token = await resetFeedToken(ctx, request)
      return { token, path: `/api/calendar/${token}.ics` }
    },
  )
  route(
    'GET /api/calendar/:file',
    {
      config: { access: 'public' },
      summary: '个人日历订阅 Personal calendar feed (secret address)',
      errors: { 404: ErrorBody, 400: ErrorBody },
    },
    async (request, reply) => {
      const body = await personalFeed(ctx, request.params.file.replace(/\.ics$/, ''))
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
      return body
    },
  )
  await planningRoutes(app, ctx)
  await checkinRoutes(app, ctx)
}
