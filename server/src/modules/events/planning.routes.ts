import {
  type CampaignInput,
  ErrorBody,
  eventsApi,
  type Lecturer,
  type ParticipationQuery,
  type StationRoomInput,
} from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
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

/** Lecturers, campaigns, participation coverage, station rooms and bookings. */
export default async function planningRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, eventsApi, { tags: ['events'], errors })
  const roomScope = (r: { params: { id: number } }) => roomRefs(ctx.db, r.params.id)

  route(
    'GET /api/lecturers',
    {
      config: { access: { permission: 'event.read' } },
      summary: '讲师库（四名）Lecturer pool',
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
  route(
    'POST /api/lecturers',
    {
      config: { access: { permission: 'event.manage' } },
      summary: '新增讲师 Add a lecturer',
    },
    async (request) => {
      const row = await createLecturer(ctx, request, request.body)
      return { ...row, kind: row.kind as Lecturer['kind'] }
    },
  )

  route(
    'GET /api/campaigns',
    {
      config: { access: { permission: 'event.read' } },
      summary: '活动计划及进度 Campaigns with progress and forecast',
    },
    async (request) => ({ items: await listCampaigns(ctx, request.query.area) }),
  )
  route(
    'POST /api/campaigns',
    {
      config: {
        access: {
          permission: 'campaign.manage',
          scope: (r: { body: CampaignInput }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      summary: '新建活动计划 Create a campaign',
    },
    async (request) => {
      const id = await createCampaign(ctx, request, request.body)
      return campaignProgress(ctx, id)
    },
  )
  route(
    'GET /api/campaigns/:id',
    {
      config: { access: { permission: 'event.read' } },
      summary: '活动计划进度 One campaign',
    },
    async (request) => campaignProgress(ctx, request.params.id),
  )

  const participationScope = (r: { query: ParticipationQuery }) => participationRefs(ctx, r.query)
  route(
    'GET /api/participation',
    {
      config: { access: { permission: 'participation.read', scope: participationScope } },
      summary: '参学覆盖 Members reached by lectures in a period, and the share of the target group',
    },
    async (request) => participation(ctx, request.query),
  )
  route(
    'GET /api/participation/unreached',
    {
      config: { access: { permission: 'participation.read', scope: participationScope } },
      summary: '未覆盖党员 Members of the target group not yet reached',
    },
    async (request) => unreached(ctx, request, request.query),
  )

  route(
    'GET /api/station-rooms',
    {
      config: { access: { permission: 'event.read' } },
      summary: '阵地房间 Rooms of the stations (党建服务站, 党建微家, 党群服务中心, 生活驿站)',
    },
    async (request) => {
      return { items: (await listRooms(ctx.db, request.query.area)).map(toRoom) }
    },
  )
  route(
    'POST /api/station-rooms',
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
      summary: '新增阵地房间 Add a room to a station',
    },
    async (request) => {
      const room = await createRoom(ctx, request, request.body)
      return toRoom(room)
    },
  )
  route(
    'GET /api/station-rooms/:id/bookings',
    {
      // A booking's purpose is free text about an organisation's own meetings: shown only to those who may
      // book the room themselves (the calendar shows members the events, not the bookings behind them).
      config: { access: { permission: 'event.manage', scope: roomScope } },
      summary: '房间预约 Bookings of a room in a period',
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
  route(
    'POST /api/station-rooms/:id/bookings',
    {
      config: { access: { permission: 'event.manage', scope: roomScope } },
      summary: '预约房间（不可重叠）Book a room; an overlapping booking gets 409',
    },
    async (request) => {
      const id = await createBooking(ctx, request, request.params.id, request.body)
      return toBooking(await bookingById(ctx.db, id))
    },
  )
  route(
    'POST /api/bookings/:id/cancel',
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
      summary: '取消预约（活动的预约随活动取消）Cancel a booking (an event’s goes with the event)',
    },
    async (request) => {
      await cancelOwnBooking(ctx, request, request.params.id)
      return toBooking(await bookingById(ctx.db, request.params.id))
    },
  )
}
