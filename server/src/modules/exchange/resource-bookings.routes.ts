import {
  ErrorBody,
  IdParams,
  ResourceBooking,
  ResourceBookingDecision,
  ResourceBookingInput,
  ResourceBookingRange,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import {
  approvalQueue,
  bookingOwnerRefs,
  bookResource,
  cancelResourceBooking,
  decideBooking,
  myResourceBookings,
  resourceCalendar,
} from './resource-bookings.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['exchange']
const Items = Type.Object({ items: Type.Array(ResourceBooking) })

/** Booking the alliance's shared resources (资源预约): book, the owner's queue, approve, decline, cancel. */
export default async function resourceBookingRoutes(app: TypedApp, ctx: AppContext) {
  const ownerScope = (r: { params: { id: number } }) => bookingOwnerRefs(ctx, r.params.id)

  app.get(
    '/api/offerings/:id/bookings',
    {
      config: { access: { permission: 'resource.book' } },
      schema: {
        tags,
        summary: '资源预约情况 Taken slots of a resource (purpose only for booker and owner)',
        params: IdParams,
        querystring: ResourceBookingRange,
        response: {
          200: Type.Object({ items: Type.Array(ResourceBooking), owner: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (request) =>
      resourceCalendar(
        ctx,
        request,
        request.params.id,
        new Date(request.query.from),
        new Date(request.query.to),
      ),
  )
  app.post(
    '/api/offerings/:id/bookings',
    {
      config: { access: { permission: 'resource.book' } },
      schema: {
        tags,
        summary: '预约资源（不可重叠，需审批的待提供方同意）Book a resource; an overlapping slot gets 409',
        params: IdParams,
        body: ResourceBookingInput,
        response: { 201: ResourceBooking, ...errors },
      },
    },
    async (request, reply) => {
      const booking = await bookResource(ctx, request, request.params.id, request.body)
      reply.status(201)
      return booking
    },
  )
  app.get(
    '/api/resource-bookings/mine',
    {
      config: { access: { permission: 'resource.book' } },
      schema: { tags, summary: '我的资源预约 My resource bookings', response: { 200: Items, ...errors } },
    },
    async (request) => myResourceBookings(ctx, request),
  )
  app.get(
    '/api/resource-bookings/queue',
    {
      config: { access: { permission: 'offering.write' } },
      schema: {
        tags,
        summary: '待审批的资源预约 Bookings waiting for the owner’s decision',
        response: { 200: Items, ...errors },
      },
    },
    async (request) => approvalQueue(ctx, request),
  )
  for (const decision of ['approve', 'decline'] as const) {
    app.post(
      `/api/resource-bookings/:id/${decision}`,
      {
        config: { access: { permission: 'offering.write', scope: ownerScope } },
        schema: {
          tags,
          summary: decision === 'approve' ? '同意预约 Approve a booking' : '拒绝预约 Decline a booking',
          params: IdParams,
          body: ResourceBookingDecision,
          response: { 200: ResourceBooking, ...errors },
        },
      },
      async (request) => decideBooking(ctx, request, request.params.id, decision, request.body.note),
    )
  }
  app.post(
    '/api/resource-bookings/:id/cancel',
    {
      config: { access: { permission: 'resource.book' } },
      schema: {
        tags,
        summary: '取消资源预约（预约人或提供方）Cancel a resource booking (booker or owner)',
        params: IdParams,
        response: { 200: ResourceBooking, ...errors },
      },
    },
    async (request) => cancelResourceBooking(ctx, request, request.params.id),
  )
}
