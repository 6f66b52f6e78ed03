import {
  MyOrglife,
  OrgIdParams,
  OrgPoints,
  PointsRule,
  PointsRuleUpdate,
  YearQuery,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { orgParamScope } from './access.ts'
import { myOrglife } from './me.service.ts'
import { errors, tags } from './meetings.routes.ts'
import { orgPoints, pointsRules, updatePointsRule } from './points.service.ts'

export default async function pointsRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/orglife/points/rules',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '积分规则 Points per kind of participation',
        response: { 200: Type.Array(PointsRule), ...errors },
      },
    },
    async () => pointsRules(ctx.db),
  )
  app.put(
    '/api/orglife/points/rules/:source',
    {
      config: { access: { permission: 'orglife.rules', scope: () => ({ type: 'city' }) } },
      schema: {
        tags,
        summary: '修改积分规则 Change the points of a kind of participation (city administrator)',
        params: Type.Object(
          { source: Type.Enum(['meeting', 'lecture', 'volunteer', 'patrol', 'wish']) },
          { additionalProperties: false },
        ),
        body: PointsRuleUpdate,
        response: { 200: Type.Array(PointsRule), ...errors },
      },
    },
    async (request) => updatePointsRule(ctx, request, request.params.source, request.body),
  )
  app.get(
    '/api/orglife/orgs/:id/points',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      schema: {
        tags,
        summary:
          '党员积分 The organisation’s members and their points, by name (encouragement, not a ranking)',
        params: OrgIdParams,
        querystring: YearQuery,
        response: { 200: OrgPoints, ...errors },
      },
    },
    async (request) => orgPoints(ctx, request, request.params.id, request.query.year),
  )
  app.get(
    '/api/orglife/me',
    {
      config: { access: { permission: 'orglife.self' } },
      schema: {
        tags,
        summary: '我的组织生活 My meetings, dues and points (the member linked to my account)',
        querystring: YearQuery,
        response: { 200: MyOrglife, ...errors },
      },
    },
    async (request) => myOrglife(ctx, request, request.query.year),
  )
}
