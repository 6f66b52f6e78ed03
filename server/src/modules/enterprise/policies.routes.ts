import { enterpriseApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { errors, tags } from './http.ts'
import { policyAreaCode } from './policies.repository.ts'
import {
  checkRule,
  fieldList,
  getPolicy,
  listPolicies,
  notifyPolicy,
  policyUnits,
  savePolicy,
  setAttributes,
  unitPolicies,
} from './policies.service.ts'

const lang = (r: { headers: Record<string, unknown> }) =>
  localeFromHeader(r.headers['accept-language'] as string | undefined)

export default async function policyRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, enterpriseApi, { tags, errors })
  const policyArea = async (r: { params: { id: number } }) => {
    const areaCode = await policyAreaCode(ctx.db, r.params.id)
    return areaCode === undefined ? [] : [{ type: 'area' as const, id: areaCode }]
  }
  route(
    'GET /api/enterprise/fields',
    {
      config: { access: { permission: 'policy.read' } },
      summary: '条件字段 Fields rules may use',
    },
    async (request) => ({ items: await fieldList(ctx.db, lang(request)) }),
  )
  route(
    'POST /api/enterprise/rules/check',
    {
      config: { access: { permission: 'policy.read' } },
      summary: '校验并解释申报条件 Validate and explain a rule',
    },
    async (request) => checkRule(ctx, request.body.rule, lang(request)),
  )
  route(
    'GET /api/enterprise/policies',
    {
      config: { access: { permission: 'policy.read' } },
      summary: '政策库 The policy library',
    },
    async (request) => ({ items: await listPolicies(ctx, request, lang(request), request.query) }),
  )
  route(
    'POST /api/enterprise/policies',
    {
      config: {
        access: {
          permission: 'policy.manage',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      summary: '新增政策 Add a policy',
    },
    async (request) => savePolicy(ctx, request, request.body, lang(request)),
  )
  route(
    'GET /api/enterprise/policies/:id',
    {
      config: { access: { permission: 'policy.read' } },
      summary: '政策详情 A policy',
    },
    async (request) => getPolicy(ctx, request.params.id, lang(request)),
  )
  route(
    'PUT /api/enterprise/policies/:id',
    {
      config: {
        access: {
          permission: 'policy.manage',
          match: 'all',
          scope: async (r: { params: { id: number }; body: { areaCode: string } }) => {
            const current = await policyArea(r)
            return current.length ? [...current, { type: 'area' as const, id: r.body.areaCode }] : []
          },
        },
      },
      summary: '修改政策 Edit a policy',
    },
    async (request) => savePolicy(ctx, request, request.body, lang(request), request.params.id),
  )
  route(
    'GET /api/enterprise/policies/:id/units',
    {
      config: { access: { permission: 'policy.manage' } },
      summary: '符合条件的单位 Units that qualify (in your scope)',
    },
    async (request) =>
      policyUnits(ctx, request, request.params.id, lang(request), request.query.limit ?? 100),
  )
  route(
    'POST /api/enterprise/policies/:id/notify',
    {
      config: { access: { permission: 'policy.manage' } },
      summary: '通知符合条件的单位 Notify qualifying units',
    },
    async (request) => notifyPolicy(ctx, request, request.params.id),
  )
  route(
    'GET /api/enterprise/units/:id/policies',
    {
      config: {
        access: {
          permission: 'policy.read',
          scope: (r: { params: { id: number } }) => ({ type: 'unit', id: String(r.params.id) }),
        },
      },
      summary: '本单位可申报的政策 Policies for a unit',
    },
    async (request) => unitPolicies(ctx, request.params.id, lang(request)),
  )
  route(
    'PUT /api/enterprise/units/:id/attributes',
    {
      config: {
        access: {
          permission: 'registry.write',
          scope: (r: { params: { id: number } }) => ({ type: 'unit', id: String(r.params.id) }),
        },
      },
      summary: '单位自定义信息 Set custom facts of a unit',
    },
    async (request) => {
      await setAttributes(ctx, request, request.params.id, request.body.values)
      return { ok: true as const }
    },
  )
}
