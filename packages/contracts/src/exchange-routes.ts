/**
 * The exchange API (资源对接): needs and their photos, the three lists and alliances, resource bookings,
 * matchmaking rounds, wishes and the open-format exports.
 */
import Type from 'typebox'
import { CountedPage, IdParams, Ok, Page, PageQuery } from './common.ts'
import {
  Alliance,
  AllianceInput,
  AllianceMemberInput,
  AllianceQuery,
  AllianceUpdate,
  Need,
  NeedActionBody,
  NeedInput,
  NeedListQuery,
  NeedSummary,
  Offering,
  OfferingInput,
  OfferingQuery,
  ServiceCategory,
  WishWall,
  WishWallQuery,
} from './exchange.ts'
import {
  CandidatesQuery,
  ConfirmBody,
  FollowUpPatch,
  Round,
  RoundCandidates,
  RoundInput,
  RoundPatch,
  RoundSummary,
} from './matching.ts'
import { VersionBody } from './registry.ts'
import {
  ResourceBooking,
  ResourceBookingDecision,
  ResourceBookingInput,
  ResourceBookingRange,
} from './resource-bookings.ts'
import type { RouteTable } from './route-table.ts'

/** A file answer (a photo, the workbook, the CSV package); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })

export const MyNeedsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
export const NeedSummaryQuery = Type.Object(
  { area: Type.Optional(Type.String({ maxLength: 12 })) },
  { additionalProperties: false },
)
/** Open needs a provider may take, and those it holds (the order desk; the wish desk for wishes). */
export const NeedDesk = Type.Object({ open: Type.Array(Need), mine: Type.Array(Need) })
export const OfferingUpdate = Type.Object(
  { ...OfferingInput.properties, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const NeedAttachment = Type.Object({
  id: Type.Integer(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
})
export const NeedAttachmentParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  attachmentId: Type.Integer({ minimum: 1 }),
})
export const ResourceCalendar = Type.Object({ items: Type.Array(ResourceBooking), owner: Type.Boolean() })
export const ResourceBookingList = Type.Object({ items: Type.Array(ResourceBooking) })
export const RoundListQuery = Type.Object({ area: Type.Optional(Type.String({ maxLength: 12 })) })

/** Open311 GeoReport v2: a need as a `requests.json` row, without requester or contact. */
export const Open311Request = Type.Object({
  service_request_id: Type.String(),
  status: Type.Enum(['open', 'closed']),
  status_notes: Type.Union([Type.String(), Type.Null()]),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String(),
  agency_responsible: Type.Union([Type.String(), Type.Null()]),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  long: Type.Union([Type.Number(), Type.Null()]),
})
export const Open311Query = Type.Object(
  {
    service_code: Type.Optional(Type.String({ maxLength: 42 })),
    status: Type.Optional(Type.Enum(['open', 'closed'])),
    start_date: Type.Optional(Type.String({ format: 'date-time' })),
    end_date: Type.Optional(Type.String({ format: 'date-time' })),
    area: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
)
export const OfferingsWorkbookQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ maxLength: 12 })),
    alliance: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)

export const exchangeApi = {
  // Needs (需求): posting, the desks and the staff's overview, one need and its actions.
  'GET /api/service-categories': { response: Type.Object({ items: Type.Array(ServiceCategory) }) },
  'POST /api/needs': { body: NeedInput, response: Need, status: 201 },
  'GET /api/needs/mine': { query: MyNeedsQuery, response: CountedPage(Need) },
  'GET /api/needs/orders': { response: NeedDesk },
  'GET /api/needs': { query: NeedListQuery, response: CountedPage(Need) },
  'GET /api/needs/summary': { query: NeedSummaryQuery, response: NeedSummary },
  'GET /api/needs/:id': { params: IdParams, response: Need },
  'POST /api/needs/:id/actions': { params: IdParams, body: NeedActionBody, response: Need },

  // The three lists (服务/资源/活动清单) and the alliances.
  'GET /api/offerings': { query: OfferingQuery, response: Page(Offering) },
  'GET /api/offerings/:id': { params: IdParams, response: Offering },
  'POST /api/offerings': { body: OfferingInput, response: Offering, status: 201 },
  'PUT /api/offerings/:id': { params: IdParams, body: OfferingUpdate, response: Offering },
  'GET /api/alliances': { query: AllianceQuery, response: Type.Object({ items: Type.Array(Alliance) }) },
  'GET /api/alliances/:id': { params: IdParams, response: Alliance },
  'POST /api/alliances': { body: AllianceInput, response: Alliance, status: 201 },
  'PUT /api/alliances/:id': { params: IdParams, body: AllianceUpdate, response: Alliance },
  'POST /api/alliances/:id/members': { params: IdParams, body: AllianceMemberInput, response: Ok },

  // Exports: the lists' workbook, Open311 requests and the HSDS-style CSV package.
  'GET /api/exports/offerings.xlsx': { query: OfferingsWorkbookQuery, response: Binary },
  'GET /api/open311/v2/requests.json': { query: Open311Query, response: Type.Array(Open311Request) },
  'GET /api/exports/offerings-hsds.zip': { response: Binary },

  // A need's photos: a raw image body up, the image down.
  'POST /api/needs/:id/attachments': { params: IdParams, response: NeedAttachment, status: 201 },
  'GET /api/needs/:id/attachments/:attachmentId': { params: NeedAttachmentParams, response: Binary },

  // 微心愿: the public wall and the claimer's desk.
  'GET /api/wishes/wall': { query: WishWallQuery, response: WishWall },
  'GET /api/wishes/desk': { response: NeedDesk },

  // Resource bookings (资源预约).
  'GET /api/offerings/:id/bookings': {
    params: IdParams,
    query: ResourceBookingRange,
    response: ResourceCalendar,
  },
  'POST /api/offerings/:id/bookings': {
    params: IdParams,
    body: ResourceBookingInput,
    response: ResourceBooking,
    status: 201,
  },
  'GET /api/resource-bookings/mine': { response: ResourceBookingList },
  'GET /api/resource-bookings/queue': { response: ResourceBookingList },
  'POST /api/resource-bookings/:id/approve': {
    params: IdParams,
    body: ResourceBookingDecision,
    response: ResourceBooking,
  },
  'POST /api/resource-bookings/:id/decline': {
    params: IdParams,
    body: ResourceBookingDecision,
    response: ResourceBooking,
  },
  'POST /api/resource-bookings/:id/cancel': { params: IdParams, response: ResourceBooking },

  // Matchmaking rounds (相亲会) and their follow-ups.
  'GET /api/matching/candidates': { query: CandidatesQuery, response: RoundCandidates },
  'GET /api/matching/rounds': {
    query: RoundListQuery,
    response: Type.Object({ items: Type.Array(RoundSummary) }),
  },
  'POST /api/matching/rounds': { body: RoundInput, response: Round, status: 201 },
  'GET /api/matching/rounds/:id': { params: IdParams, response: Round },
  'PATCH /api/matching/rounds/:id': { params: IdParams, body: RoundPatch, response: Round },
  /** A small round is solved at once (200); a large one is queued for the background solver (202). */
  'POST /api/matching/rounds/:id/solve': {
    params: IdParams,
    body: VersionBody,
    response: Round,
    alsoStatus: 202,
  },
  'POST /api/matching/rounds/:id/confirm': { params: IdParams, body: ConfirmBody, response: Round },
  'POST /api/matching/rounds/:id/close': { params: IdParams, body: VersionBody, response: Round },
  'PATCH /api/matching/follow-ups/:id': {
    params: IdParams,
    body: FollowUpPatch,
    response: Type.Null(),
    status: 204,
  },
} as const satisfies RouteTable
