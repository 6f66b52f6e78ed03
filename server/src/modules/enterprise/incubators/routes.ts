import { enterpriseApi } from '@tongxin/contracts'
import type { AppContext } from '../../../context.ts'
import { contractRoutes } from '../../../lib/contract-routes.ts'
import { AppError } from '../../../lib/errors.ts'
import type { ScopeRef } from '../../../lib/scope.ts'
import type { TypedApp } from '../../../lib/typed-app.ts'
import { errors, tags } from '../http.ts'
import {
  addService,
  admit,
  createIncubator,
  exit,
  incubateeAreaCode,
  incubatees,
  incubatorAreaCode,
  incubatorSeries,
  listIncubators,
} from './service.ts'

export default async function incubatorRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, enterpriseApi, { tags, errors })
  const incubatorArea = async (id: number): Promise<ScopeRef[]> => {
    const area = await incubatorAreaCode(ctx, id)
    return area ? [{ type: 'area', id: area }] : []
  }
  const incubateeArea = async (id: number): Promise<ScopeRef[]> => {
    const area = await incubateeAreaCode(ctx, id)
    return area ? [{ type: 'area', id: area }] : []
  }
  const byId = (r: { params: { id: number } }) => incubatorArea(r.params.id)

  route(
    'GET /api/enterprise/incubators',
    {
      config: { access: { permission: 'incubator.read' } },
      summary: '孵化平台 Incubators with figures',
    },
    async (request) => ({ items: await listIncubators(ctx, request) }),
  )
  route(
    'GET /api/enterprise/incubators/series',
    {
      config: { access: { permission: 'incubator.read' } },
      summary: '孵化数据走势 Month-end figures over time',
    },
    async (request) => {
      const visible = (await listIncubators(ctx, request)).map((i) => i.id)
      const { incubatorId, from, to } = request.query
      if (incubatorId !== undefined && !visible.includes(incubatorId)) throw new AppError('forbidden_scope')
      return incubatorSeries(ctx, incubatorId ? [incubatorId] : visible, from, to)
    },
  )
  route(
    'POST /api/enterprise/incubators',
    {
      config: {
        access: {
          permission: 'incubator.manage',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      summary: '新增孵化平台 Add an incubator',
    },
    async (request) => {
      return { id: await createIncubator(ctx, request, request.body) }
    },
  )
  route(
    'GET /api/enterprise/incubators/:id/incubatees',
    {
      config: { access: { permission: 'incubator.read', scope: byId } },
      summary: '在孵与已孵企业 Incubatees',
    },
    async (request) => ({ items: await incubatees(ctx, request.params.id) }),
  )
  route(
    'POST /api/enterprise/incubators/:id/incubatees',
    {
      config: { access: { permission: 'incubator.manage', scope: byId } },
      summary: '企业入孵 A firm enters',
    },
    async (request) => {
      return { id: await admit(ctx, request, request.params.id, request.body) }
    },
  )
  route(
    'POST /api/enterprise/incubatees/:id/exit',
    {
      config: {
        access: {
          permission: 'incubator.manage',
          scope: (r: { params: { id: number } }) => incubateeArea(r.params.id),
        },
      },
      summary: '毕业或离孵 Graduation or leaving',
    },
    async (request) => {
      await exit(ctx, request, request.params.id, request.body)
      return { ok: true as const }
    },
  )
  route(
    'POST /api/enterprise/incubatees/:id/services',
    {
      config: {
        access: {
          permission: 'incubator.manage',
          scope: (r: { params: { id: number } }) => incubateeArea(r.params.id),
        },
      },
      summary: '记录孵化服务 Record a service given',
    },
    async (request) => {
      return { id: await addService(ctx, request.params.id, request.body) }
    },
  )
}
