import {
  DeskItem,
  DeskNeedInput,
  DeskSetting,
  Newcomer,
  Ok,
  ServiceTeam,
  ServiceTeamInput,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import type { ScopeRef } from '../../../lib/scope.ts'
import type { TypedApp } from '../../../lib/typed-app.ts'
import { errors, tags } from '../http.ts'
import {
  addTeamMember,
  deskItems,
  newcomers,
  parkAreaCode,
  periodFor,
  postDeskNeed,
  saveSetting,
  teams,
} from './service.ts'

export default async function deskRoutes(app: TypedApp, ctx: AppContext) {
  const parkArea = async (r: { body: { parkId: number } }): Promise<ScopeRef[]> => {
    const area = await parkAreaCode(ctx, r.body.parkId)
    return area ? [{ type: 'area', id: area }] : []
  }
  app.get(
    '/api/enterprise/desk/settings/:areaCode',
    {
      config: {
        access: {
          permission: 'desk.operate',
          scope: (r: { params: { areaCode: string } }) => ({ type: 'area', id: r.params.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '新落户期限 The newly-settled period of an area',
        params: Type.Object({ areaCode: Type.String({ maxLength: 12 }) }),
        response: { 200: DeskSetting, ...errors },
      },
    },
    async (request) => ({
      areaCode: request.params.areaCode,
      newlySettledDays: await periodFor(ctx, request.params.areaCode),
    }),
  )
  app.put(
    '/api/enterprise/desk/settings',
    {
      config: {
        access: {
          permission: 'desk.operate',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '设置新落户期限 Set the period',
        body: DeskSetting,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await saveSetting(ctx, request, request.body.areaCode, request.body.newlySettledDays)
      return { ok: true as const }
    },
  )
  app.get(
    '/api/enterprise/desk/teams',
    {
      config: { access: { permission: 'desk.operate' } },
      schema: {
        tags,
        summary: '园区服务团队 Park service teams',
        response: { 200: Type.Object({ items: Type.Array(ServiceTeam) }), ...errors },
      },
    },
    async (request) => ({ items: await teams(ctx, request) }),
  )
  app.post(
    '/api/enterprise/desk/teams',
    {
      config: { access: { permission: 'desk.operate', scope: parkArea } },
      schema: {
        tags,
        summary: '加入园区服务团队 Add a provider to a park team',
        body: ServiceTeamInput,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await addTeamMember(ctx, request, request.body.parkId, request.body.providerUnitId)
      return { ok: true as const }
    },
  )
  app.get(
    '/api/enterprise/desk/newcomers',
    {
      config: { access: { permission: 'desk.operate' } },
      schema: {
        tags,
        summary: '新落户企业 Newly settled units',
        response: { 200: Type.Object({ items: Type.Array(Newcomer) }), ...errors },
      },
    },
    async (request) => ({ items: await newcomers(ctx, request) }),
  )
  app.post(
    '/api/enterprise/desk/needs',
    {
      config: {
        access: {
          permission: 'desk.operate',
          scope: (r: { body: { unitId: number } }) => ({ type: 'unit', id: String(r.body.unitId) }),
        },
      },
      schema: {
        tags,
        summary: '24小时专窗受理 Post a desk need (an exchange need in the 24 h category)',
        body: DeskNeedInput,
        response: { 201: Type.Object({ needId: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return { needId: await postDeskNeed(ctx, request, request.body) }
    },
  )
  app.get(
    '/api/enterprise/desk/items',
    {
      config: { access: { permission: 'desk.operate' } },
      schema: {
        tags,
        summary: '专窗事项与倒计时 Desk items with the SLA countdown',
        querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(DeskItem) }), ...errors },
      },
    },
    async (request) => ({ items: await deskItems(ctx, request, request.query.all ?? false) }),
  )
}
