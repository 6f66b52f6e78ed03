import { enterpriseApi } from '@tongxin/contracts'
import type { AppContext } from '../../../context.ts'
import { contractRoutes } from '../../../lib/contract-routes.ts'
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
  const route = contractRoutes(app, enterpriseApi, { tags, errors })
  const parkArea = async (r: { body: { parkId: number } }): Promise<ScopeRef[]> => {
    const area = await parkAreaCode(ctx, r.body.parkId)
    return area ? [{ type: 'area', id: area }] : []
  }
  route(
    'GET /api/enterprise/desk/settings/:areaCode',
    {
      config: {
        access: {
          permission: 'desk.operate',
          scope: (r: { params: { areaCode: string } }) => ({ type: 'area', id: r.params.areaCode }),
        },
      },
      summary: '新落户期限 The newly-settled period of an area',
    },
    async (request) => ({
      areaCode: request.params.areaCode,
      newlySettledDays: await periodFor(ctx, request.params.areaCode),
    }),
  )
  route(
    'PUT /api/enterprise/desk/settings',
    {
      config: {
        access: {
          permission: 'desk.operate',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      summary: '设置新落户期限 Set the period',
    },
    async (request) => {
      await saveSetting(ctx, request, request.body.areaCode, request.body.newlySettledDays)
      return { ok: true as const }
    },
  )
  route(
    'GET /api/enterprise/desk/teams',
    {
      config: { access: { permission: 'desk.operate' } },
      summary: '园区服务团队 Park service teams',
    },
    async (request) => ({ items: await teams(ctx, request) }),
  )
  route(
    'POST /api/enterprise/desk/teams',
    {
      config: { access: { permission: 'desk.operate', scope: parkArea } },
      summary: '加入园区服务团队 Add a provider to a park team',
    },
    async (request) => {
      await addTeamMember(ctx, request, request.body.parkId, request.body.providerUnitId)
      return { ok: true as const }
    },
  )
  route(
    'GET /api/enterprise/desk/newcomers',
    {
      config: { access: { permission: 'desk.operate' } },
      summary: '新落户企业 Newly settled units',
    },
    async (request) => ({ items: await newcomers(ctx, request) }),
  )
  route(
    'POST /api/enterprise/desk/needs',
    {
      config: {
        access: {
          permission: 'desk.operate',
          scope: (r: { body: { unitId: number } }) => ({ type: 'unit', id: String(r.body.unitId) }),
        },
      },
      summary: '24小时专窗受理 Post a desk need (an exchange need in the 24 h category)',
    },
    async (request) => {
      return { needId: await postDeskNeed(ctx, request, request.body) }
    },
  )
  route(
    'GET /api/enterprise/desk/items',
    {
      config: { access: { permission: 'desk.operate' } },
      summary: '专窗事项与倒计时 Desk items with the SLA countdown',
    },
    async (request) => ({ items: await deskItems(ctx, request, request.query.all ?? false) }),
  )
}
