import { ErrorBody, registryApi, type UnitInput } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { createUnit, deleteUnit, getUnit, listUnitPage, updateUnit } from './units.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['registry']
const unit = (request: { params: { id: number } }): ScopeRef => ({
  type: 'unit',
  id: String(request.params.id),
})
/** Where a unit is being put: its building, or its area when it is outside buildings. */
const placement = (body: { buildingId?: number | null; areaCode?: string }): ScopeRef =>
  body.buildingId
    ? { type: 'building', id: String(body.buildingId) }
    : { type: 'area', id: body.areaCode ?? '' }

export default async function unitRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, registryApi, { tags, errors })
  route(
    'GET /api/units',
    {
      config: { access: { permission: 'registry.read' } },
      summary: '入驻单位 Units (search: name, pinyin, initials, USCC; sort: name, employees, floor, members)',
    },
    async (request) => listUnitPage(ctx, request, request.query),
  )
  route(
    'GET /api/units/:id',
    { config: { access: { permission: 'registry.read', scope: unit } }, summary: '单位详情 Unit' },
    async (request) => getUnit(ctx, request.params.id),
  )
  route(
    'POST /api/units',
    {
      config: {
        access: { permission: 'registry.write', scope: (r: { body: UnitInput }) => placement(r.body) },
      },
      summary: '新建单位 Create a unit',
    },
    async (request) => createUnit(ctx, request, request.body),
  )
  route(
    'PUT /api/units/:id',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: (r: { params: { id: number }; body: UnitInput }) => [unit(r), placement(r.body)],
        },
      },
      summary: '修改单位 Update (send the version you read)',
    },
    async (request) => updateUnit(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/units/:id',
    { config: { access: { permission: 'registry.write', scope: unit } }, summary: '删除单位 Soft delete' },
    async (request) => {
      await deleteUnit(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
}
