/** The waste API: lookup, dictionary and quiz; patrol routes, patrols and stars; assessments and demonstration. */
import Type from 'typebox'
import { IdParams, Page } from './common.ts'
import type { RouteTable } from './route-table.ts'
import {
  Assessment,
  AssessmentCriterion,
  AssessmentQuery,
  BuildingStars,
  DemoCandidate,
  DesignationInput,
  Patrol,
  PatrolCorrection,
  PatrolHistoryEntry,
  PatrolInput,
  PatrolQuery,
  PatrolRoute,
  PatrolRouteInput,
  PatrolRouteQuery,
  PatrolRouteUpdate,
  QuizQuery,
  QuizQuestion,
  RevocationInput,
  StarsQuery,
  StreetRule,
  StreetRuleInput,
  WasteAssessmentInput,
  WasteExamples,
  WasteItem,
  WasteItemInput,
  WasteItemListQuery,
  WasteItemUpdate,
  WasteLookupQuery,
  WasteLookupResult,
  WasteMiss,
  WasteMissQuery,
} from './waste.ts'

/** A file answer (a workbook or a photo); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
/** A street or other area by its code, for the rules and the demonstration candidates. */
export const WasteAreaParams = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6,12}$' }) },
  { additionalProperties: false },
)
export const AssessmentCriteriaQuery = Type.Object(
  {
    buildingId: Type.Integer({ minimum: 1 }),
    month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
  },
  { additionalProperties: false },
)
export const AssessmentExportQuery = Type.Object(
  { buildingId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const PatrolPhotoSaved = Type.Object({ contentType: Type.String(), sizeBytes: Type.Integer() })

export const wasteApi = {
  // Lookup, dictionary and quiz (server/src/modules/waste/routes.ts).
  'GET /api/waste/lookup': { query: WasteLookupQuery, response: WasteLookupResult },
  'GET /api/waste/examples': { response: WasteExamples },
  'GET /api/waste/items': { query: WasteItemListQuery, response: Page(WasteItem) },
  'GET /api/waste/items/:id': { params: IdParams, response: WasteItem },
  'POST /api/waste/items': { body: WasteItemInput, response: WasteItem, status: 201 },
  'PUT /api/waste/items/:id': { params: IdParams, body: WasteItemUpdate, response: WasteItem },
  'GET /api/waste/misses': { query: WasteMissQuery, response: Type.Array(WasteMiss) },
  'GET /api/waste/quiz': { query: QuizQuery, response: Type.Array(QuizQuestion) },
  // Patrol routes, patrols, stars and street rules (patrols.routes.ts).
  'GET /api/waste/routes': { query: PatrolRouteQuery, response: Type.Array(PatrolRoute) },
  'POST /api/waste/routes': { body: PatrolRouteInput, response: PatrolRoute, status: 201 },
  'PUT /api/waste/routes/:id': { params: IdParams, body: PatrolRouteUpdate, response: PatrolRoute },
  'POST /api/waste/patrols': { body: PatrolInput, response: Patrol, status: 201 },
  'GET /api/waste/patrols': { query: PatrolQuery, response: Page(Patrol) },
  'GET /api/waste/patrols/:id': { params: IdParams, response: Patrol },
  'PUT /api/waste/patrols/:id': { params: IdParams, body: PatrolCorrection, response: Patrol },
  'GET /api/waste/patrols/:id/history': { params: IdParams, response: Type.Array(PatrolHistoryEntry) },
  /** The body is the image itself (JPEG, PNG or WebP), sent raw. */
  'PUT /api/waste/patrols/:id/photo': { params: IdParams, response: PatrolPhotoSaved },
  'GET /api/waste/patrols/:id/photo': { params: IdParams, response: Binary },
  'GET /api/waste/buildings/:id/stars': { params: IdParams, query: StarsQuery, response: BuildingStars },
  'GET /api/waste/board/:id': { params: IdParams, response: BuildingStars },
  'GET /api/waste/rules/:code': { params: WasteAreaParams, response: StreetRule },
  'PUT /api/waste/rules/:code': { params: WasteAreaParams, body: StreetRuleInput, response: StreetRule },
  // Monthly assessments and demonstration buildings (assessments.routes.ts).
  'GET /api/waste/assessments': { query: AssessmentQuery, response: Type.Array(Assessment) },
  'GET /api/waste/assessments/criteria': {
    query: AssessmentCriteriaQuery,
    response: Type.Array(AssessmentCriterion),
  },
  'PUT /api/waste/assessments': { body: WasteAssessmentInput, response: Assessment },
  'GET /api/waste/assessments/export': { query: AssessmentExportQuery, response: Binary },
  'GET /api/waste/demonstration/:code': { params: WasteAreaParams, response: Type.Array(DemoCandidate) },
  'POST /api/waste/demonstration': { body: DesignationInput, response: DemoCandidate },
  'POST /api/waste/demonstration/buildings/:id/revoke': {
    params: IdParams,
    body: RevocationInput,
    response: DemoCandidate,
  },
} as const satisfies RouteTable
