import {
  DeleteQuery,
  ErrorBody,
  IdParams,
  Ok,
  Park,
  ParkInput,
  STATION_KINDS,
  Station,
  StationInput,
  withVersion,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
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
  app.get(
    '/api/parks',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags,
        summary: '园区 Parks',
        querystring: Type.Object(
          { area: Type.Optional(Type.String({ maxLength: 12 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Park) }), ...errors },
      },
    },
    async (request) => ({ items: await listParks(ctx, request, request.query.area) }),
  )
  app.post(
    '/api/parks',
    {
      config: {
        access: {
          permission: 'registry.write',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '新建园区 Create a park',
        body: ParkInput,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return { id: await createPark(ctx, request, request.body) }
    },
  )

  const park = async (r: { params: { id: number } }): Promise<ScopeRef> => ({
    type: 'area',
    id: (await getPark(ctx, r.params.id)).areaCode,
  })
  app.get(
    '/api/parks/:id',
    {
      config: { access: { permission: 'registry.read', scope: park } },
      schema: { tags, summary: '园区详情 A park', params: IdParams, response: { 200: Park, ...errors } },
    },
    async (request) => getPark(ctx, request.params.id),
  )
  app.put(
    '/api/parks/:id',
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
      schema: {
        tags,
        summary: '修改园区 Rename or move a park',
        params: IdParams,
        body: withVersion(ParkInput),
        response: { 200: Park, ...errors },
      },
    },
    async (request) => updatePark(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/parks/:id',
    {
      config: { access: { permission: 'registry.write', scope: park } },
      schema: {
        tags,
        summary: '删除园区 Delete an empty park (history kept)',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: Ok, ...errors },
      },
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
  app.get(
    '/api/stations',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags,
        summary: '阵地 Stations: 党建服务站, 党建微家, 党群服务中心, 生活驿站',
        querystring: Type.Object(
          {
            area: Type.Optional(Type.String({ maxLength: 12 })),
            kind: Type.Optional(Type.Enum([...STATION_KINDS])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Station) }), ...errors },
      },
    },
    async (request) => ({ items: await listStations(ctx, request, request.query) }),
  )
  app.post(
    '/api/stations',
    {
      config: {
        access: { permission: 'registry.write', scope: (r: { body: StationInput }) => stationPlace(r.body) },
      },
      schema: {
        tags,
        summary: '新建阵地 Create a station',
        body: StationInput,
        response: { 201: Station, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createStation(ctx, request, request.body)
    },
  )
  app.put(
    '/api/stations/:id',
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
      schema: {
        tags,
        summary: '修改阵地 Update a station',
        params: IdParams,
        body: withVersion(StationInput),
        response: { 200: Station, ...errors },
      },
    },
    async (request) => updateStation(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/stations/:id',
    {
      config: { access: { permission: 'registry.write', scope: station } },
      schema: {
        tags,
        summary: '删除阵地 Delete a station',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await deleteStation(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
}
