/** Census visits, follow-ups, freshness and the visit plan; the area map (server/src/modules/census). */
import Type from 'typebox'
import {
  Freshness,
  FreshnessQuery,
  PlanQuery,
  PlanRow,
  Visit,
  VisitFollowUp,
  VisitFollowUpQuery,
  VisitInput,
  VisitQuery,
} from './census.ts'
import { IdParams, Page } from './common.ts'
import { MapAnswer, MapQuery } from './map.ts'
import type { RouteTable } from './route-table.ts'

/** A file answer (a photo); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
export const VisitPhotoParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }), photoId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const VisitPhotoSaved = Type.Object({
  id: Type.Integer(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
})
export const FollowUpDoneBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)

export const censusVisitsApi = {
  'GET /api/census/freshness': { query: FreshnessQuery, response: Freshness },
  'GET /api/census/plan': { query: PlanQuery, response: Page(PlanRow) },
  'GET /api/census/visits': { query: VisitQuery, response: Page(Visit) },
  'POST /api/census/visits': { body: VisitInput, response: Visit, status: 201 },
  'GET /api/census/visits/:id': { params: IdParams, response: Visit },
  /** The body is the image itself (JPEG, PNG or WebP), sent raw. */
  'POST /api/census/visits/:id/photos': { params: IdParams, response: VisitPhotoSaved, status: 201 },
  'GET /api/census/visits/:id/photos/:photoId': { params: VisitPhotoParams, response: Binary },
  'GET /api/census/followups': { query: VisitFollowUpQuery, response: Page(VisitFollowUp) },
  'POST /api/census/followups/:id/done': {
    params: IdParams,
    body: FollowUpDoneBody,
    response: VisitFollowUp,
  },
} as const satisfies RouteTable

export const mapApi = {
  'GET /api/map': { query: MapQuery, response: MapAnswer },
} as const satisfies RouteTable
