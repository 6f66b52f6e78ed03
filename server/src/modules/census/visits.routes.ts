import { censusVisitsApi, ErrorBody } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { ATTACHMENT_MAX_BYTES, IMAGE_TYPES } from '../../lib/images.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { freshnessFigures, placeOf, visitPlan } from './freshness.service.ts'
import {
  addPhoto,
  completeFollowUp,
  getVisit,
  listFollowUps,
  listVisits,
  photo,
  recordVisit,
} from './visits.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
// The place (an area, a building, or the caller's grants) is checked in the service: one rule for all reads.
const read = { access: { permission: 'coverage.read' } } as const
const visit = { access: { permission: 'census.visit' } } as const

/** Census visits (微信扫楼, joint visits), follow-ups, and the freshness of 五个清 with the visit plan. */
export async function visitRoutes(app: TypedApp, ctx: AppContext) {
  app.addContentTypeParser(
    [...IMAGE_TYPES],
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
    (_r, body, done) => done(null, body),
  )
  const route = contractRoutes(app, censusVisitsApi, { tags: ['census'], errors })

  route(
    'GET /api/census/freshness',
    {
      config: read,
      summary: '五个清时效 Stale parts of an area or building (default: the caller’s places)',
    },
    async (request) => freshnessFigures(ctx, await placeOf(ctx, request, request.query)),
  )
  route(
    'GET /api/census/plan',
    { config: read, summary: '走访计划 Buildings by the age of their oldest verification; drill by part' },
    async (request) => visitPlan(ctx, await placeOf(ctx, request, request.query), request.query),
  )
  route(
    'GET /api/census/visits',
    { config: read, summary: '走访记录 Visits, newest first' },
    async (request) => listVisits(ctx, request, request.query),
  )
  route(
    'POST /api/census/visits',
    {
      config: visit,
      summary: '登记走访 Record a visit (微信扫楼 or a joint visit) with its findings per part',
    },
    async (request) => recordVisit(ctx, request, request.body),
  )
  route('GET /api/census/visits/:id', { config: read, summary: '走访详情 A visit' }, async (request) =>
    getVisit(ctx, request, request.params.id),
  )
  route(
    'POST /api/census/visits/:id/photos',
    {
      config: visit,
      summary: '上传走访照片 Add a photo (JPEG, PNG or WebP, up to 5 MB; raw body)',
      upload: { consumes: [...IMAGE_TYPES], bodyLimit: ATTACHMENT_MAX_BYTES },
      errors: { ...errors, 413: ErrorBody, 415: ErrorBody },
    },
    async (request) =>
      addPhoto(ctx, request, request.params.id, request.body as unknown, request.headers['content-type']),
  )
  route(
    'GET /api/census/visits/:id/photos/:photoId',
    {
      config: read,
      summary: '走访照片 A visit’s photo',
      // The image route never declared its error answers; they are sent as the error handler writes them.
      errors: {},
    },
    async (request, reply) => {
      const row = await photo(ctx, request, request.params.id, request.params.photoId)
      reply.header('content-type', row.content_type).header('cache-control', 'private, max-age=3600')
      return Buffer.from(row.data)
    },
  )
  route(
    'GET /api/census/followups',
    { config: read, summary: '走访待办 Open follow-ups, the earliest due first' },
    async (request) => listFollowUps(ctx, request, request.query),
  )
  route(
    'POST /api/census/followups/:id/done',
    { config: visit, summary: '完成待办 Mark a follow-up done (with the version read)' },
    async (request) => completeFollowUp(ctx, request, request.params.id, request.body.version),
  )
}
