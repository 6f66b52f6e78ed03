import {
  ErrorBody,
  Freshness,
  FreshnessQuery,
  IdParams,
  Page,
  PlanQuery,
  PlanRow,
  Visit,
  VisitFollowUp,
  VisitFollowUpQuery,
  VisitInput,
  VisitQuery,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { ATTACHMENT_MAX_BYTES } from '../../lib/images.ts'
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
const tags = ['census']
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']
// The place (an area, a building, or the caller's grants) is checked in the service: one rule for all reads.
const read = { access: { permission: 'coverage.read' } } as const
const visit = { access: { permission: 'census.visit' } } as const

/** Census visits (微信扫楼, joint visits), follow-ups, and the freshness of 五个清 with the visit plan. */
export async function visitRoutes(app: TypedApp, ctx: AppContext) {
  app.addContentTypeParser(
    IMAGE_TYPES,
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
    (_r, body, done) => done(null, body),
  )

  app.get(
    '/api/census/freshness',
    {
      config: read,
      schema: {
        tags,
        summary: '五个清时效 Stale parts of an area or building (default: the caller’s places)',
        querystring: FreshnessQuery,
        response: { 200: Freshness, ...errors },
      },
    },
    async (request) => freshnessFigures(ctx, await placeOf(ctx, request, request.query)),
  )
  app.get(
    '/api/census/plan',
    {
      config: read,
      schema: {
        tags,
        summary: '走访计划 Buildings by the age of their oldest verification; drill by part',
        querystring: PlanQuery,
        response: { 200: Page(PlanRow), ...errors },
      },
    },
    async (request) => visitPlan(ctx, await placeOf(ctx, request, request.query), request.query),
  )
  app.get(
    '/api/census/visits',
    {
      config: read,
      schema: {
        tags,
        summary: '走访记录 Visits, newest first',
        querystring: VisitQuery,
        response: { 200: Page(Visit), ...errors },
      },
    },
    async (request) => listVisits(ctx, request, request.query),
  )
  app.post(
    '/api/census/visits',
    {
      config: visit,
      schema: {
        tags,
        summary: '登记走访 Record a visit (微信扫楼 or a joint visit) with its findings per part',
        body: VisitInput,
        response: { 201: Visit, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return recordVisit(ctx, request, request.body)
    },
  )
  app.get(
    '/api/census/visits/:id',
    {
      config: read,
      schema: { tags, summary: '走访详情 A visit', params: IdParams, response: { 200: Visit, ...errors } },
    },
    async (request) => getVisit(ctx, request, request.params.id),
  )
  app.post(
    '/api/census/visits/:id/photos',
    {
      bodyLimit: ATTACHMENT_MAX_BYTES,
      config: visit,
      schema: {
        tags,
        summary: '上传走访照片 Add a photo (JPEG, PNG or WebP, up to 5 MB; raw body)',
        params: IdParams,
        response: {
          201: Type.Object({ id: Type.Integer(), contentType: Type.String(), sizeBytes: Type.Integer() }),
          ...errors,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const saved = await addPhoto(
        ctx,
        request,
        request.params.id,
        request.body,
        request.headers['content-type'],
      )
      reply.status(201)
      return saved
    },
  )
  app.get(
    '/api/census/visits/:id/photos/:photoId',
    {
      config: read,
      schema: {
        tags,
        summary: '走访照片 A visit’s photo',
        params: Type.Object(
          { id: Type.Integer({ minimum: 1 }), photoId: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const row = await photo(ctx, request, request.params.id, request.params.photoId)
      reply.header('content-type', row.content_type).header('cache-control', 'private, max-age=3600')
      return Buffer.from(row.data)
    },
  )
  app.get(
    '/api/census/followups',
    {
      config: read,
      schema: {
        tags,
        summary: '走访待办 Open follow-ups, the earliest due first',
        querystring: VisitFollowUpQuery,
        response: { 200: Page(VisitFollowUp), ...errors },
      },
    },
    async (request) => listFollowUps(ctx, request, request.query),
  )
  app.post(
    '/api/census/followups/:id/done',
    {
      config: visit,
      schema: {
        tags,
        summary: '完成待办 Mark a follow-up done (with the version read)',
        params: IdParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 200: VisitFollowUp, ...errors },
      },
    },
    async (request) => completeFollowUp(ctx, request, request.params.id, request.body.version),
  )
}
