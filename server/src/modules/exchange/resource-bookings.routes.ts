import { ErrorBody, exchangeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
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
const book = { access: { permission: 'resource.book' } } as const

/** Booking the alliance's shared resources (资源预约): book, the owner's queue, approve, decline, cancel. */
export default async function resourceBookingRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, exchangeApi, { tags, errors })
  const ownerScope = (r: { params: { id: number } }) => bookingOwnerRefs(ctx, r.params.id)

  route(
    'GET /api/offerings/:id/bookings',
    { config: book, summary: '资源预约情况 Taken slots of a resource (purpose only for booker and owner)' },
    async (request) =>
      resourceCalendar(
        ctx,
        request,
        request.params.id,
        new Date(request.query.from),
        new Date(request.query.to),
      ),
  )
  route(
    'POST /api/offerings/:id/bookings',
    {
      config: book,
      summary: '预约资源（不可重叠，需审批的待提供方同意）Book a resource; an overlapping slot gets 409',
    },
    async (request) => bookResource(ctx, request, request.params.id, request.body),
  )
  route(
    'GET /api/resource-bookings/mine',
    { config: book, summary: '我的资源预约 My resource bookings' },
    async (request) => myResourceBookings(ctx, request),
  )
  route(
    'GET /api/resource-bookings/queue',
    {
      config: { access: { permission: 'offering.write' } },
      summary: '待审批的资源预约 Bookings waiting for the owner’s decision',
    },
    async (request) => approvalQueue(ctx, request),
  )
  for (const decision of ['approve', 'decline'] as const) {
    route(
      `POST /api/resource-bookings/:id/${decision}`,
      {
        config: { access: { permission: 'offering.write', scope: ownerScope } },
        summary: decision === 'approve' ? '同意预约 Approve a booking' : '拒绝预约 Decline a booking',
      },
      async (request) => decideBooking(ctx, request, request.params.id, decision, request.body.note),
    )
  }
  route(
    'POST /api/resource-bookings/:id/cancel',
    { config: book, summary: '取消资源预约（预约人或提供方）Cancel a resource booking (booker or owner)' },
    async (request) => cancelResourceBooking(ctx, request, request.params.id),
  )
}
