import {
  Booking,
  BookingInput,
  CampaignInput,
  CampaignProgress,
  ErrorBody,
  IdParams,
  Lecturer,
  LecturerInput,
  Page,
  PageQuery,
  Participation,
  ParticipationQuery,
  StationRoom,
  StationRoomInput,
  UnreachedMember,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { roomBookings, toBooking, toRoom } from './bookings.ts'
import { campaignProgress, createCampaign, listCampaigns } from './campaigns.service.ts'
import { participation, participationRefs, unreached } from './participation.service.ts'
import { roomRef, roomRefs } from './places.ts'
import {
  activeLecturers,
  bookingById,
  bookingPlace,
  listRooms,
  liveStationArea,
} from './planning.repository.ts'
import { cancelOwnBooking, createBooking, createLecturer, createRoom } from './planning.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['events']
const AreaQuery = Type.Object(
  { area: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })) },
  { additionalProperties: false },
)

/** Lecturers, campaigns, participation coverage, station rooms and bookings. */
export default async function planningRoutes(app: TypedApp, ctx: AppContext) {
  const roomScope = (r: { params: { id: number } }) => roomRefs(ctx.db, r.params.id)

  app.get(
    '/api/lecturers',
    {
      config: { access: { permission: 'event.read' } },
      schema: {
        tags,
        summary: '讲师库（四名）Lecturer pool',
        response: { 200: Type.Object({ items: Type.Array(Lecturer) }), ...errors },
      },
    },
    async () => {
      const rows = await activeLecturers(ctx.db)
      return {
        items: rows.map((l) => ({
          id: l.id,
          name: l.name,
          kind: l.kind as Lecturer['kind'],
          organisation: l.organisation,
          title: l.title,
          topics: l.topics,
        })),
      }
    },
  )
  app.post(
    '/api/lecturers',
    {
      config: { access: { permission: 'event.manage' } },
      schema: {
        tags,
        summary: '新增讲师 Add a lecturer',
        body: LecturerInput,
        response: { 201: Lecturer, ...errors },
      },
    },
    async (request, reply) => {
      const row = await createLecturer(ctx, request, request.body)
      reply.status(201)
      return { ...row, kind: row.kind as Lecturer['kind'] }
    },
  )

  app.get(
    '/api/campaigns',
    {
      config: { access: { permission: 'event.read' } },
      schema: {
        tags,
        summary: '活动计划及进度 Campaigns with progress and forecast',
        querystring: AreaQuery,
        response: { 200: Type.Object({ items: Type.Array(CampaignProgress) }), ...errors },
      },
    },
    async (request) => ({ items: await listCampaigns(ctx, request.query.area) }),
  )
  app.post(
    '/api/campaigns',
    {
      config: {
        access: {
          permission: 'campaign.manage',
          scope: (r: { body: CampaignInput }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '新建活动计划 Create a campaign',
        body: CampaignInput,
        response: { 201: CampaignProgress, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createCampaign(ctx, request, request.body)
      reply.status(201)
      return campaignProgress(ctx, id)
    },
  )
  app.get(
    '/api/campaigns/:id',
    {
      config: { access: { permission: 'event.read' } },
      schema: {
        tags,
        summary: '活动计划进度 One campaign',
        params: IdParams,
        response: { 200: CampaignProgress, ...errors },
      },
    },
    async (request) => campaignProgress(ctx, request.params.id),
  )

  const participationScope = (r: { query: ParticipationQuery }) => participationRefs(ctx, r.query)
  app.get(
    '/api/participation',
    {
      config: { access: { permission: 'participation.read', scope: participationScope } },
      schema: {
        tags,
        summary: '参学覆盖 Members reached by lectures in a period, and the share of the target group',
        querystring: ParticipationQuery,
        response: { 200: Participation, ...errors },
      },
    },
    async (request) => participation(ctx, request.query),
  )
  app.get(
    '/api/participation/unreached',
    {
      config: { access: { permission: 'participation.read', scope: participationScope } },
      schema: {
        tags,
        summary: '未覆盖党员 Members of the target group not yet reached',
        querystring: Type.Object(
          { ...ParticipationQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: Page(UnreachedMember), ...errors },
      },
    },
    async (request) => unreached(ctx, request, request.query),
  )

  app.get(
    '/api/station-rooms',
    {
      config: { access: { permission: 'event.read' } },
      schema: {
        tags,
        summary: '阵地房间 Rooms of the stations (党建服务站, 党建微家, 党群服务中心, 生活驿站)',
        querystring: AreaQuery,
        response: { 200: Type.Object({ items: Type.Array(StationRoom) }), ...errors },
      },
    },
    async (request) => {
      return { items: (await listRooms(ctx.db, request.query.area)).map(toRoom) }
    },
  )
  app.post(
    '/api/station-rooms',
    {
      config: {
        access: {
          permission: 'station.manage',
          scope: async (r: { body: StationRoomInput }): Promise<ScopeRef[]> => {
            const areaCode = await liveStationArea(ctx.db, r.body.stationId)
            return areaCode === undefined ? [] : [{ type: 'area', id: areaCode }]
          },
        },
      },
      schema: {
        tags,
        summary: '新增阵地房间 Add a room to a station',
        body: StationRoomInput,
        response: { 201: StationRoom, ...errors },
      },
    },
    async (request, reply) => {
      const room = await createRoom(ctx, request, request.body)
      reply.status(201)
      return toRoom(room)
    },
  )
  app.get(
    '/api/station-rooms/:id/bookings',
    {
      // A booking's purpose is free text about an organisation's own meetings: shown only to those who may
      // book the room themselves (the calendar shows members the events, not the bookings behind them).
      config: { access: { permission: 'event.manage', scope: roomScope } },
      schema: {
        tags,
        summary: '房间预约 Bookings of a room in a period',
        params: IdParams,
        querystring: Type.Object(
          { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Booking) }), ...errors },
      },
    },
    async (request) => ({
      items: await roomBookings(
        ctx.db,
        request.params.id,
        new Date(request.query.from),
        new Date(request.query.to),
      ),
    }),
  )
  app.post(
    '/api/station-rooms/:id/bookings',
    {
      config: { access: { permission: 'event.manage', scope: roomScope } },
      schema: {
        tags,
        summary: '预约房间（不可重叠）Book a room; an overlapping booking gets 409',
        params: IdParams,
        body: BookingInput,
        response: { 201: Booking, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createBooking(ctx, request, request.params.id, request.body)
      reply.status(201)
      return toBooking(await bookingById(ctx.db, id))
    },
  )
  app.post(
    '/api/bookings/:id/cancel',
    {
      config: {
        access: {
          permission: 'event.manage',
          scope: async (r: { params: { id: number } }): Promise<ScopeRef[]> => {
            const b = await bookingPlace(ctx.db, r.params.id)
            return b ? [roomRef(b)] : []
          },
        },
      },
      schema: {
        tags,
        summary: '取消预约（活动的预约随活动取消）Cancel a booking (an event’s goes with the event)',
        params: IdParams,
        response: { 200: Booking, ...errors },
      },
    },
    async (request) => {
      await cancelOwnBooking(ctx, request, request.params.id)
      return toBooking(await bookingById(ctx.db, request.params.id))
    },
  )
}
