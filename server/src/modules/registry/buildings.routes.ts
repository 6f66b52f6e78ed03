import { ErrorBody, registryApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { buildingAreaCode } from './buildings.repository.ts'
import {
  buildingDetail,
  createBuilding,
  deleteBuilding,
  listBuildingPage,
  removeChief,
  setChief,
  updateBuilding,
} from './buildings.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['registry']
const building = (request: { params: { id: number } }) => ({
  type: 'building' as const,
  id: String(request.params.id),
})

export default async function buildingRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, registryApi, { tags, errors })
  const write = { access: { permission: 'registry.write', scope: building } } as const

  route(
    'GET /api/buildings',
    {
      config: { access: { permission: 'registry.read' } },
      summary: '楼宇列表 Buildings (search: name, pinyin, initials)',
    },
    async (request) => listBuildingPage(ctx, request, request.query),
  )
  route(
    'GET /api/buildings/:id',
    {
      config: { access: { permission: 'registry.read', scope: building } },
      summary: '楼宇详情 Building page: floors, units, organisations, 五个清',
    },
    async (request) =>
      buildingDetail(ctx, request.params.id, localeFromHeader(request.headers['accept-language'])),
  )
  route(
    'POST /api/buildings',
    {
      config: {
        access: {
          permission: 'registry.write',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      summary: '新建楼宇 Create a building',
    },
    async (request) => createBuilding(ctx, request, request.body),
  )
  route(
    'PUT /api/buildings/:id',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          // Moving a building to another area needs that area too; editing it in place needs the building only.
          scope: async (r: { params: { id: number }; body: { areaCode: string } }) => {
            const current = await buildingAreaCode(ctx.db, r.params.id)
            return current !== undefined && current !== r.body.areaCode
              ? [building(r), { type: 'area' as const, id: r.body.areaCode }]
              : [building(r)]
          },
        },
      },
      summary: '修改楼宇 Update (send the version you read)',
    },
    async (request) => updateBuilding(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/buildings/:id',
    { config: write, summary: '删除楼宇 Soft delete (history kept)' },
    async (request) => {
      await deleteBuilding(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
  route(
    'PUT /api/buildings/:id/chief',
    { config: write, summary: '设置楼长 Set the building chief (a person or a unit)' },
    async (request) => setChief(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/buildings/:id/chief',
    { config: write, summary: '取消楼长 Remove the building chief' },
    async (request) => removeChief(ctx, request, request.params.id, request.query.version),
  )
}
