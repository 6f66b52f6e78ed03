import { orglifeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { orgParamScope } from './access.ts'
import { myOrglife } from './me.service.ts'
import { errors, tags } from './meetings.routes.ts'
import { orgPoints, pointsRules, updatePointsRule } from './points.service.ts'

export default async function pointsRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, orglifeApi, { tags, errors })

  route(
    'GET /api/orglife/points/rules',
    { config: { access: 'authenticated' }, summary: '积分规则 Points per kind of participation' },
    async () => pointsRules(ctx.db),
  )
  route(
    'PUT /api/orglife/points/rules/:source',
    {
      config: { access: { permission: 'orglife.rules', scope: () => ({ type: 'city' }) } },
      summary: '修改积分规则 Change the points of a kind of participation (city administrator)',
    },
    async (request) => updatePointsRule(ctx, request, request.params.source, request.body),
  )
  route(
    'GET /api/orglife/orgs/:id/points',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      summary: '党员积分 The organisation’s members and their points, by name (encouragement, not a ranking)',
    },
    async (request) => orgPoints(ctx, request, request.params.id, request.query.year),
  )
  route(
    'GET /api/orglife/me',
    {
      config: { access: { permission: 'orglife.self' } },
      summary: '我的组织生活 My meetings, dues and points (the member linked to my account)',
    },
    async (request) => myOrglife(ctx, request, request.query.year),
  )
}
