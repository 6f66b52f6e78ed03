import { ErrorBody, exchangeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { actOnNeed } from './needs.actions.ts'
import { activeCategories } from './needs.repository.ts'
import { getNeed, postNeed } from './needs.service.ts'
import { areaNeeds, myNeeds, needSummary, orderDesk } from './orders.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['exchange']
const read = { access: { permission: 'exchange.read' } } as const
const post = { access: { permission: 'need.post' } } as const
const manage = { access: { permission: 'need.manage' } } as const

export default async function needRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, exchangeApi, { tags, errors })

  route(
    'GET /api/service-categories',
    { config: read, summary: '服务类别 The managed taxonomy (with SLA hours)' },
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
  route('POST /api/needs', { config: post, summary: '提交需求 Post a need' }, async (request) => {
    const id = await postNeed(ctx, request, request.body)
    return getNeed(ctx, request, id, localeFromHeader(request.headers['accept-language']))
  })
  route('GET /api/needs/mine', { config: post, summary: '我的需求 My needs' }, async (request) =>
    myNeeds(ctx, request, localeFromHeader(request.headers['accept-language']), request.query),
  )
  route(
    'GET /api/needs/orders',
    {
      config: { access: { permission: 'need.claim' } },
      summary: '接单台 Provider order desk: open needs it may take, and its orders',
    },
    async (request) => orderDesk(ctx, request, localeFromHeader(request.headers['accept-language'])),
  )
  route(
    'GET /api/needs',
    { config: manage, summary: '需求总览 Needs of the caller’s areas (staff)' },
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
  route(
    'GET /api/needs/summary',
    { config: manage, summary: '需求统计 Counts by state and category for the overview' },
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
  route(
    'GET /api/needs/:id',
    { config: post, summary: '需求详情与时间线 A need with its timeline' },
    async (request) =>
      getNeed(ctx, request, request.params.id, localeFromHeader(request.headers['accept-language'])),
  )
  route(
    'POST /api/needs/:id/actions',
    {
      config: post,
      summary:
        '接单/派单/办理/评单 Claim, dispatch, start, deliver, close (rate), reopen, reject, mark duplicate',
    },
    async (request) => {
      await actOnNeed(ctx, request, request.params.id, request.body)
      return getNeed(ctx, request, request.params.id, localeFromHeader(request.headers['accept-language']))
    },
  )
}
