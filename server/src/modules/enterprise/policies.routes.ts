import {
  EligibilityRule,
  IdParams,
  NotifyResult,
  Ok,
  Policy,
  PolicyInput,
  PolicyUnits,
  RuleCheck,
  RuleField,
  UnitAttributesInput,
  UnitPolicies,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
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
  const policyArea = async (r: { params: { id: number } }) => {
    const areaCode = await policyAreaCode(ctx.db, r.params.id)
    return areaCode === undefined ? [] : [{ type: 'area' as const, id: areaCode }]
  }
  app.get(
    '/api/enterprise/fields',
    {
      config: { access: { permission: 'policy.read' } },
      schema: {
        tags,
        summary: '条件字段 Fields rules may use',
        response: { 200: Type.Object({ items: Type.Array(RuleField) }), ...errors },
      },
    },
    async (request) => ({ items: await fieldList(ctx.db, lang(request)) }),
  )
  app.post(
    '/api/enterprise/rules/check',
    {
      config: { access: { permission: 'policy.read' } },
      schema: {
        tags,
        summary: '校验并解释申报条件 Validate and explain a rule',
        body: Type.Object({ rule: EligibilityRule }, { additionalProperties: false }),
        response: { 200: RuleCheck, ...errors },
      },
    },
    async (request) => checkRule(ctx, request.body.rule, lang(request)),
  )
  app.get(
    '/api/enterprise/policies',
    {
      config: { access: { permission: 'policy.read' } },
      schema: {
        tags,
        summary: '政策库 The policy library',
        querystring: Type.Object(
          { inEffect: Type.Optional(Type.Boolean()), q: Type.Optional(Type.String({ maxLength: 50 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Policy) }), ...errors },
      },
    },
    async (request) => ({ items: await listPolicies(ctx, request, lang(request), request.query) }),
  )
  app.post(
    '/api/enterprise/policies',
    {
      config: {
        access: {
          permission: 'policy.manage',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '新增政策 Add a policy',
        body: PolicyInput,
        response: { 201: Policy, ...errors },
      },
    },
    async (request, reply) => {
      const p = await savePolicy(ctx, request, request.body, lang(request))
      reply.status(201)
      return p
    },
  )
  app.get(
    '/api/enterprise/policies/:id',
    {
      config: { access: { permission: 'policy.read' } },
      schema: { tags, summary: '政策详情 A policy', params: IdParams, response: { 200: Policy, ...errors } },
    },
    async (request) => getPolicy(ctx, request.params.id, lang(request)),
  )
  app.put(
    '/api/enterprise/policies/:id',
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
      schema: {
        tags,
        summary: '修改政策 Edit a policy',
        params: IdParams,
        body: PolicyInput,
        response: { 200: Policy, ...errors },
      },
    },
    async (request) => savePolicy(ctx, request, request.body, lang(request), request.params.id),
  )
  app.get(
    '/api/enterprise/policies/:id/units',
    {
      config: { access: { permission: 'policy.manage' } },
      schema: {
        tags,
        summary: '符合条件的单位 Units that qualify (in your scope)',
        params: IdParams,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: PolicyUnits, ...errors },
      },
    },
    async (request) =>
      policyUnits(ctx, request, request.params.id, lang(request), request.query.limit ?? 100),
  )
  app.post(
    '/api/enterprise/policies/:id/notify',
    {
      config: { access: { permission: 'policy.manage' } },
      schema: {
        tags,
        summary: '通知符合条件的单位 Notify qualifying units',
        params: IdParams,
        response: { 200: NotifyResult, ...errors },
      },
    },
    async (request) => notifyPolicy(ctx, request, request.params.id),
  )
  app.get(
    '/api/enterprise/units/:id/policies',
    {
      config: {
        access: {
          permission: 'policy.read',
          scope: (r: { params: { id: number } }) => ({ type: 'unit', id: String(r.params.id) }),
        },
      },
      schema: {
        tags,
        summary: '本单位可申报的政策 Policies for a unit',
        params: IdParams,
        response: { 200: UnitPolicies, ...errors },
      },
    },
    async (request) => unitPolicies(ctx, request.params.id, lang(request)),
  )
  app.put(
    '/api/enterprise/units/:id/attributes',
    {
      config: {
        access: {
          permission: 'registry.write',
          scope: (r: { params: { id: number } }) => ({ type: 'unit', id: String(r.params.id) }),
        },
      },
      schema: {
        tags,
        summary: '单位自定义信息 Set custom facts of a unit',
        params: IdParams,
        body: UnitAttributesInput,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await setAttributes(ctx, request, request.params.id, request.body.values)
      return { ok: true as const }
    },
  )
}
