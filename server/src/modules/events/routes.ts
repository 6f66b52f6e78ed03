import {
  ErrorBody,
  Event,
  EventCancel,
  EventInput,
  EventListQuery,
  EventUpdate,
  IdParams,
  QrToken,
  RegisterBody,
  Registration,
  ScanBody,
  ScanResult,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
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
const tags = ['events']

export default async function eventsRoutes(app: TypedApp, ctx: AppContext) {
  const scope = eventScope(ctx)
  /** Creating an event needs event.manage over every place it names (see places.ts). */
  const createScope = async (r: { body: EventInput }): Promise<ScopeRef[]> =>
    (await resolveEventPlace(ctx.db, r.body)).refs

  app.get(
    '/api/events',
    {
      config: { access: { permission: 'event.read' } },
      schema: {
        tags,
        summary: '活动日历 Events in a period (calendar and list)',
        querystring: EventListQuery,
        response: { 200: Type.Object({ items: Type.Array(Event) }), ...errors },
      },
    },
    async (request) => ({ items: await listEvents(ctx, request, request.query) }),
  )
  app.post(
    '/api/events',
    {
      config: { access: { permission: 'event.manage', scope: createScope, match: 'all' } },
      schema: {
        tags,
        summary: '发布活动 Create an event (or a series with rrule)',
        body: EventInput,
        response: { 201: Type.Object({ ids: Type.Array(Type.Integer()), first: Event }), ...errors },
      },
    },
    async (request, reply) => {
      const ids = await createEvents(ctx, request, request.body)
      reply.status(201)
      return { ids, first: await getEvent(ctx, request, ids[0]!) }
    },
  )
  app.get(
    '/api/events/:id',
    {
      config: { access: { permission: 'event.read' } },
      schema: { tags, summary: '活动详情 One event', params: IdParams, response: { 200: Event, ...errors } },
    },
    async (request) => getEvent(ctx, request, request.params.id),
  )
  app.patch(
    '/api/events/:id',
    {
      config: { access: { permission: 'event.manage', scope } },
      schema: {
        tags,
        summary: '修改活动 Edit an event (optimistic locking)',
        params: IdParams,
        body: EventUpdate,
        response: { 200: Event, ...errors },
      },
    },
    async (request) => {
      await updateEvent(ctx, request, request.params.id, request.body)
      return getEvent(ctx, request, request.params.id)
    },
  )
  app.post(
    '/api/events/:id/cancel',
    {
      config: { access: { permission: 'event.manage', scope } },
      schema: {
        tags,
        summary: '取消活动并通知报名者 Cancel an event; registrants are notified',
        params: IdParams,
        body: EventCancel,
        response: { 200: Event, ...errors },
      },
    },
    async (request) => {
      await cancelEvent(ctx, request, request.params.id, request.body)
      return getEvent(ctx, request, request.params.id)
    },
  )
  app.post(
    '/api/events/:id/registrations',
    {
      config: { access: { permission: 'event.register' } },
      schema: {
        tags,
        summary: '报名（满员进入候补）Register; past capacity goes to the waitlist',
        params: IdParams,
        body: RegisterBody,
        response: { 201: Event, ...errors },
      },
    },
    async (request, reply) => {
      await register(ctx, request, request.params.id, request.body)
      reply.status(201)
      return getEvent(ctx, request, request.params.id)
    },
  )
  app.delete(
    '/api/events/:id/registrations/mine',
    {
      config: { access: { permission: 'event.register' } },
      schema: {
        tags,
        summary: '取消报名（候补自动递补）Cancel my registration; the waitlist moves up',
        params: IdParams,
        response: { 200: Event, ...errors },
      },
    },
    async (request) => {
      await cancelRegistration(ctx, request, request.params.id)
      return getEvent(ctx, request, request.params.id)
    },
  )
  app.get(
    '/api/events/:id/registrations',
    {
      config: { access: { permission: 'event.manage', scope } },
      schema: {
        tags,
        summary: '报名名单 Registrations of an event (organiser)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Registration) }), ...errors },
      },
    },
    async (request) => ({ items: await eventRegistrations(ctx, request.params.id) }),
  )
  app.get(
    '/api/events/:id/my-qr',
    {
      config: { access: { permission: 'event.register' } },
      schema: {
        tags,
        summary: '我的签到码 My signed check-in QR for this event',
        params: IdParams,
        response: { 200: QrToken, ...errors },
      },
    },
    async (request) => myQr(ctx, request, request.params.id),
  )
  app.get(
    '/api/events/:id/door-qr',
    {
      config: { access: { permission: 'event.checkin', scope } },
      schema: {
        tags,
        summary: '现场签到码 The door QR members scan to check themselves in',
        params: IdParams,
        response: { 200: QrToken, ...errors },
      },
    },
    async (request) => doorQr(ctx, request.params.id),
  )
  app.post(
    '/api/events/:id/scans',
    {
      config: { access: { permission: 'event.checkin', scope } },
      schema: {
        tags,
        summary: '扫码签到/签退 Redeem a ticket (entry/exit); a repeated nonce counts once',
        params: IdParams,
        body: ScanBody,
        response: { 200: ScanResult, ...errors },
      },
    },
    async (request) => scanTicket(ctx, request, request.params.id, request.body),
  )
  app.post(
    '/api/events/door-scans',
    {
      config: { access: { permission: 'event.register' } },
      schema: {
        tags,
        summary: '扫现场码签到 Check myself in by scanning the door QR',
        body: ScanBody,
        response: { 200: ScanResult, ...errors },
      },
    },
    async (request) => scanDoor(ctx, request, request.body),
  )
  app.get(
    '/api/events/:id/ics',
    {
      config: { access: { permission: 'event.read' } },
      schema: {
        tags,
        summary: '日历文件 The event as .ics',
        params: IdParams,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const body = await eventIcs(ctx, request.params.id)
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="event-${request.params.id}.ics"`)
      return body
    },
  )
  app.post(
    '/api/calendar/feed-token',
    {
      config: { access: { permission: 'event.read' } },
      schema: {
        tags,
        summary: '生成（重置）个人日历订阅地址 New secret personal calendar feed (the old one stops)',
        response: { 200: Type.Object({ token: Type.String(), path: Type.String() }), ...errors },
      },
    },
    async (request) => {
      const token = await resetFeedToken(ctx, request)
      return { token, path: `/api/calendar/${token}.ics` }
    },
  )
  app.get(
    '/api/calendar/:file',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '个人日历订阅 Personal calendar feed (secret address)',
        params: Type.Object(
          { file: Type.String({ pattern: '^[A-Za-z0-9_-]{20,64}\\.ics$' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String(), 404: ErrorBody, 400: ErrorBody },
      },
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
