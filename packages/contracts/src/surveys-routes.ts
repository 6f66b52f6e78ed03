/** The surveys API: surveys and their answering, analysis and exports, service projects, and QR content items. */
import Type from 'typebox'
import { IdParams } from './common.ts'
import type { RouteTable } from './route-table.ts'
import {
  ProjectResultInput,
  PublicQrContent,
  QrContent,
  QrContentInput,
  ServiceProject,
  ServiceProjectInput,
  ServiceProjectSummary,
  ServiceProjectUpdate,
  Survey,
  SurveyAnalysis,
  SurveyCrossTab,
  SurveyCrossTabQuery,
  SurveyForm,
  SurveyInput,
  SurveyResponseInput,
  SurveySlugParams,
  SurveySummary,
  SurveyThemes,
  SurveyThemesQuery,
  SurveyUpdate,
} from './surveys.ts'

/** A file answer (a workbook, a QR image, an audio file); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
const Items = <T extends Type.TSchema>(item: T) => Type.Object({ items: Type.Array(item) })

/** The response just recorded: its id only (an anonymous respondent sees no more). */
export const SurveyResponseId = Type.Object({ id: Type.Integer() })
export const QrFormatQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['svg', 'png'])) },
  { additionalProperties: false },
)
export const QrPlays = Type.Object({ plays: Type.Integer(), counted: Type.Boolean() })

export const surveysApi = {
  'GET /api/surveys': { response: Items(SurveySummary) },
  'POST /api/surveys': { body: SurveyInput, response: Survey, status: 201 },
  'GET /api/surveys/:id': { params: IdParams, response: Survey },
  'PUT /api/surveys/:id': { params: IdParams, body: SurveyUpdate, response: Survey },

  // Answering: anonymous surveys through the public routes, identified ones signed in.
  'GET /api/public/surveys/:slug': { params: SurveySlugParams, response: SurveyForm },
  'POST /api/public/surveys/:slug/responses': {
    params: SurveySlugParams,
    body: SurveyResponseInput,
    response: SurveyResponseId,
    status: 201,
  },
  'POST /api/surveys/answer/:slug': {
    params: SurveySlugParams,
    body: SurveyResponseInput,
    response: SurveyResponseId,
    status: 201,
  },

  // Analysis and the Excel exports.
  'GET /api/surveys/:id/analysis': { params: IdParams, response: SurveyAnalysis },
  'GET /api/surveys/:id/crosstab': { params: IdParams, query: SurveyCrossTabQuery, response: SurveyCrossTab },
  'GET /api/surveys/:id/themes': { params: IdParams, query: SurveyThemesQuery, response: SurveyThemes },
  'GET /api/surveys/:id/export/raw': { params: IdParams, response: Binary },
  'GET /api/surveys/:id/export/report': { params: IdParams, response: Binary },

  // Service projects designed from the findings.
  'GET /api/service-projects': { response: Items(ServiceProjectSummary) },
  'POST /api/service-projects': { body: ServiceProjectInput, response: ServiceProject, status: 201 },
  'GET /api/service-projects/:id': { params: IdParams, response: ServiceProject },
  'PUT /api/service-projects/:id': { params: IdParams, body: ServiceProjectUpdate, response: ServiceProject },
  'POST /api/service-projects/:id/results': {
    params: IdParams,
    body: ProjectResultInput,
    response: ServiceProject,
    status: 201,
  },

  // QR content items and the survey's QR code; the audio is a raw upload, and one byte range is answered 206.
  'GET /api/qr-contents': { response: Items(QrContent) },
  'POST /api/qr-contents': { body: QrContentInput, response: QrContent, status: 201 },
  'PUT /api/qr-contents/:id/audio': { params: IdParams, response: QrContent },
  'GET /api/qr-contents/:id/qr': { params: IdParams, query: QrFormatQuery, response: Binary },
  'GET /api/surveys/:id/qr': { params: IdParams, query: QrFormatQuery, response: Binary },
  'GET /api/public/qr/:slug': { params: SurveySlugParams, response: PublicQrContent },
  'GET /api/public/qr/:slug/audio': { params: SurveySlugParams, response: Binary, alsoStatus: 206 },
  'POST /api/public/qr/:slug/plays': { params: SurveySlugParams, response: QrPlays },
} as const satisfies RouteTable
