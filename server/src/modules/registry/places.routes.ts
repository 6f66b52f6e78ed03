import { ErrorBody, type ParkInput, registryApi, type StationInput } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import {
  createPark,
  createStation,
  deletePark,
  deleteStation,
  getPark,
  getStation,
  listParks,
  listStations,
  updatePark,
  updateStation,
} from './places.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['registry']
const stationPlace = (body: StationInput): ScopeRef =>
  body.buildingId ? { type: 'building', id: String(body.buildingId) } : { type: 'area', id: body.areaCode }

export default async function placeRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, registryApi, { tags, errors })
  route(
    'GET /api/parks',
    { config: { access: { permission: 'registry.read' } }, summary: '园区 Parks' },
    async (request) => ({ items: await listParks(ctx, request, request.query.area) }),
  )
  route(
    'POST /api/parks',
    {
      config: {
        access: {
          permission: 'registry.write',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      summary: '新建园区 Create a park',
    },
    async (request) => ({ id: await createPark(ctx, request, request.body) }),
  )

  const park = async (r: { params: { id: number } }): Promise<ScopeRef> => ({
    type: 'area',
    id: (await getPark(ctx, r.params.id)).areaCode,
  })
  route(
    'GET /api/parks/:id',
    { config: { access: { permission: 'registry.read', scope: park } }, summary: '园区详情 A park' },
    async (request) => getPark(ctx, request.params.id),
  )
  route(
    'PUT /api/parks/:id',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: async (r: { params: { id: number }; body: ParkInput }) => [
            await park(r),
            { type: 'area', id: r.body.areaCode },
          ],
        },
      },
      summary: '修改园区 Rename or move a park',
    },
    async (request) => updatePark(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/parks/:id',
    {
      config: { access: { permission: 'registry.write', scope: park } },
      summary: '删除园区 Delete an empty park (history kept)',
    },
    async (request) => {
      await deletePark(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )

  const station = async (r: { params: { id: number } }): Promise<ScopeRef> => {
    const s = await getStation(ctx, r.params.id)
    return s.buildingId ? { type: 'building', id: String(s.buildingId) } : { type: 'area', id: s.areaCode }
  }
  route(
    'GET /api/stations',
    {
      config: { access: { permission: 'registry.read' } },
      summary: '阵地 Stations: 党建服务站, 党建微家, 党群服务中心, 生活驿站',
    },
    async (request) => ({ items: await listStations(ctx, request, request.query) }),
  )
  route(
    'POST /api/stations',
    {
      config: {
        access: { permission: 'registry.write', scope: (r: { body: StationInput }) => stationPlace(r.body) },
      },
      summary: '新建阵地 Create a station',
    },
    async (request) => createStation(ctx, request, request.body),
  )
  route(
    'PUT /api/stations/:id',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: async (r: { params: { id: number }; body: StationInput }) => [
            await station(r),
            stationPlace(r.body),
          ],
        },
      },
      summary: '修改阵地 Update a station',
    },
    async (request) => updateStation(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/stations/:id',
    {
      config: { access: { permission: 'registry.write', scope: station } },
      summary: '删除阵地 Delete a station',
    },
    async (request) => {
      await deleteStation(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
}
