import {
  Building,
  BuildingInput,
  ChiefInput,
  DeleteQuery,
  ErrorBody,
  IdParams,
  Ok,
  registryApi,
  withVersion,
} from '@tongxin/contracts'
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
  app.post(
    '/api/buildings',
    {
      config: {
        access: {
          permission: 'registry.write',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '新建楼宇 Create a building',
        body: BuildingInput,
        response: { 201: Building, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createBuilding(ctx, request, request.body)
    },
  )
  app.put(
    '/api/buildings/:id',
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
      schema: {
        tags,
        summary: '修改楼宇 Update (send the version you read)',
        params: IdParams,
        body: withVersion(BuildingInput),
        response: { 200: Building, ...errors },
      },
    },
    async (request) => updateBuilding(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/buildings/:id',
    {
      config: { access: { permission: 'registry.write', scope: building } },
      schema: {
        tags,
        summary: '删除楼宇 Soft delete (history kept)',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await deleteBuilding(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
  app.put(
    '/api/buildings/:id/chief',
    {
      config: { access: { permission: 'registry.write', scope: building } },
      schema: {
        tags,
        summary: '设置楼长 Set the building chief (a person or a unit)',
        params: IdParams,
        body: ChiefInput,
        response: { 200: Building, ...errors },
      },
    },
    async (request) => setChief(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/buildings/:id/chief',
    {
      config: { access: { permission: 'registry.write', scope: building } },
      schema: {
        tags,
        summary: '取消楼长 Remove the building chief',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: Building, ...errors },
      },
    },
    async (request) => removeChief(ctx, request, request.params.id, request.query.version),
  )
}
