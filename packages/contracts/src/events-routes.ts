/** The events API: events, registration and check-in, the desk, lecturers, campaigns, participation, rooms. */
import Type from 'typebox'
import { IdParams, Page, PageQuery } from './common.ts'
import {
  Booking,
  BookingInput,
  CampaignInput,
  CampaignProgress,
  Event,
  EventCancel,
  EventInput,
  EventListQuery,
  EventUpdate,
  Lecturer,
  LecturerInput,
  Participation,
  ParticipationQuery,
  QrToken,
  RegisterBody,
  Registration,
  ScanBody,
  ScanResult,
  StationRoom,
  StationRoomInput,
  UnreachedMember,
} from './events.ts'
import {
  CheckinBoard,
  CheckinQuery,
  CodeCheckinBody,
  DoorCode,
  ManualCheckinBody,
  RegistrationParams,
} from './events-checkin.ts'
import type { RouteTable } from './route-table.ts'

const AreaQuery = Type.Object(
  { area: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })) },
  { additionalProperties: false },
)
/** A file sent as is (Excel); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
const Items = <T extends Type.TSchema>(item: T) => Type.Object({ items: Type.Array(item) })

export const eventsApi = {
  'GET /api/events': { query: EventListQuery, response: Items(Event) },
  'POST /api/events': {
    body: EventInput,
    response: Type.Object({ ids: Type.Array(Type.Integer()), first: Event }),
    status: 201,
  },
  'GET /api/events/:id': { params: IdParams, response: Event },
  'PATCH /api/events/:id': { params: IdParams, body: EventUpdate, response: Event },
  'POST /api/events/:id/cancel': { params: IdParams, body: EventCancel, response: Event },
  'POST /api/events/:id/registrations': {
    params: IdParams,
    body: RegisterBody,
    response: Event,
    status: 201,
  },
  'DELETE /api/events/:id/registrations/mine': { params: IdParams, response: Event },
  'GET /api/events/:id/registrations': { params: IdParams, response: Items(Registration) },
  'GET /api/events/:id/my-qr': { params: IdParams, response: QrToken },
  'GET /api/events/:id/door-qr': { params: IdParams, response: QrToken },
  'POST /api/events/:id/scans': { params: IdParams, body: ScanBody, response: ScanResult },
  'POST /api/events/door-scans': { body: ScanBody, response: ScanResult },
  'GET /api/events/:id/ics': { params: IdParams, response: Type.String() },
  'POST /api/calendar/feed-token': { response: Type.Object({ token: Type.String(), path: Type.String() }) },
  'GET /api/calendar/:file': {
    params: Type.Object(
      { file: Type.String({ pattern: '^[A-Za-z0-9_-]{20,64}\\.ics$' }) },
      { additionalProperties: false },
    ),
    response: Type.String(),
  },

  // The check-in desk and the door code (docs/events.md).
  'GET /api/events/:id/checkin': { params: IdParams, query: CheckinQuery, response: CheckinBoard },
  'POST /api/events/:id/registrations/:registrationId/checkin': {
    params: RegistrationParams,
    body: ManualCheckinBody,
    response: ScanResult,
  },
  'GET /api/events/:id/registrations/export': { params: IdParams, response: Binary },
  'GET /api/events/:id/door-code': { params: IdParams, response: DoorCode },
  'POST /api/events/:id/door-code': { params: IdParams, response: DoorCode },
  'POST /api/events/:id/code-checkins': { params: IdParams, body: CodeCheckinBody, response: ScanResult },

  // Planning: lecturers, campaigns, participation coverage, station rooms and bookings.
  'GET /api/lecturers': { response: Items(Lecturer) },
  'POST /api/lecturers': { body: LecturerInput, response: Lecturer, status: 201 },
  'GET /api/campaigns': { query: AreaQuery, response: Items(CampaignProgress) },
  'POST /api/campaigns': { body: CampaignInput, response: CampaignProgress, status: 201 },
  'GET /api/campaigns/:id': { params: IdParams, response: CampaignProgress },
  'GET /api/participation': { query: ParticipationQuery, response: Participation },
  'GET /api/participation/unreached': {
    query: Type.Object({ ...ParticipationQuery.properties, ...PageQuery }, { additionalProperties: false }),
    response: Page(UnreachedMember),
  },
  'GET /api/station-rooms': { query: AreaQuery, response: Items(StationRoom) },
  'POST /api/station-rooms': { body: StationRoomInput, response: StationRoom, status: 201 },
  'GET /api/station-rooms/:id/bookings': {
    params: IdParams,
    query: Type.Object(
      { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
      { additionalProperties: false },
    ),
    response: Items(Booking),
  },
  'POST /api/station-rooms/:id/bookings': {
    params: IdParams,
    body: BookingInput,
    response: Booking,
    status: 201,
  },
  'POST /api/bookings/:id/cancel': { params: IdParams, response: Booking },
} as const satisfies RouteTable
