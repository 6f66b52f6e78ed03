import {
  CountedPage,
  ErrorBody,
  IdParams,
  Need,
  NeedActionBody,
  NeedInput,
  NeedListQuery,
  NeedSummary,
  PageQuery,
  ServiceCategory,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { actOnNeed } from './needs.actions.ts'
import { activeCategories } from './needs.repository.ts'
import { getNeed, postNeed } from './needs.service.ts'
import { areaNeeds, myNeeds, needSummary, orderDesk } from './orders.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['exchange']

export default async function needRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/service-categories',
    {
      config: { access: { permission: 'exchange.read' } },
      schema: {
        tags,
        summary: '服务类别 The managed taxonomy (with SLA hours)',
        response: { 200: Type.Object({ items: Type.Array(ServiceCategory) }), ...errors },
      },
    },
    async (request) => {
      const zh = localeFromHeader(request.headers['accept-language']) === 'zh-CN'
      const rows = await activeCategories(ctx.db)
      return {
        items: rows.map((r) => ({
          code: r.code,
          name: zh ? r.name_zh : r.name_en,
          parentCode: r.parent_code,
          firstResponseHours: r.first_response_hours,
          resolutionHours: r.resolution_hours,
          newEnterpriseOnly: r.new_enterprise_only,
        })),
      }
    },
  )
  app.post(
    '/api/needs',
    {
      config: { access: { permission: 'need.post' } },
      schema: { tags, summary: '提交需求 Post a need', body: NeedInput, response: { 201: Need, ...errors } },
    },
    async (request, reply) => {
      const id = await postNeed(ctx, request, request.body)
      reply.status(201)
      return getNeed(ctx, request, id, localeFromHeader(request.headers['accept-language']))
    },
  )
  app.get(
    '/api/needs/mine',
    {
      config: { access: { permission: 'need.post' } },
      schema: {
        tags,
        summary: '我的需求 My needs',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: CountedPage(Need), ...errors },
      },
    },
    async (request) =>
      myNeeds(ctx, request, localeFromHeader(request.headers['accept-language']), request.query),
  )
  app.get(
    '/api/needs/orders',
    {
      config: { access: { permission: 'need.claim' } },
      schema: {
        tags,
        summary: '接单台 Provider order desk: open needs it may take, and its orders',
        response: { 200: Type.Object({ open: Type.Array(Need), mine: Type.Array(Need) }), ...errors },
      },
    },
    async (request) => orderDesk(ctx, request, localeFromHeader(request.headers['accept-language'])),
  )
  app.get(
    '/api/needs',
    {
      config: { access: { permission: 'need.manage' } },
      schema: {
        tags,
        summary: '需求总览 Needs of the caller’s areas (staff)',
        querystring: NeedListQuery,
        response: { 200: CountedPage(Need), ...errors },
      },
    },
    async (request) => {
      if (
        request.query.area &&
        !(await request.can('need.manage', { type: 'area', id: request.query.area }))
      ) {
        throw new AppError('forbidden_scope')
      }
      return areaNeeds(ctx, request, localeFromHeader(request.headers['accept-language']), request.query)
    },
  )
  app.get(
    '/api/needs/summary',
    {
      config: { access: { permission: 'need.manage' } },
      schema: {
        tags,
        summary: '需求统计 Counts by state and category for the overview',
        querystring: Type.Object(
          { area: Type.Optional(Type.String({ maxLength: 12 })) },
          { additionalProperties: false },
        ),
        response: { 200: NeedSummary, ...errors },
      },
    },
    async (request) => {
      if (
        request.query.area &&
        !(await request.can('need.manage', { type: 'area', id: request.query.area }))
      ) {
        throw new AppError('forbidden_scope')
      }
      return needSummary(
        ctx,
        request,
        localeFromHeader(request.headers['accept-language']),
        request.query.area,
      )
    },
  )
  app.get(
    '/api/needs/:id',
    {
      config: { access: { permission: 'need.post' } },
      schema: {
        tags,
        summary: '需求详情与时间线 A need with its timeline',
        params: IdParams,
        response: { 200: Need, ...errors },
      },
    },
    async (request) =>
      getNeed(ctx, request, request.params.id, localeFromHeader(request.headers['accept-language'])),
  )
  app.post(
    '/api/needs/:id/actions',
    {
      config: { access: { permission: 'need.post' } },
      schema: {
        tags,
        summary:
          '接单/派单/办理/评单 Claim, dispatch, start, deliver, close (rate), reopen, reject, mark duplicate',
        params: IdParams,
        body: NeedActionBody,
        response: { 200: Need, ...errors },
      },
    },
    async (request) => {
      await actOnNeed(ctx, request, request.params.id, request.body)
      return getNeed(ctx, request, request.params.id, localeFromHeader(request.headers['accept-language']))
    },
  )
}
