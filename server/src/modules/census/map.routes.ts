import { ErrorBody, MapAnswer, MapQuery } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { areaMap } from './map.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

export async function mapRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/map',
    {
      // The whole area's registry, as its buildings list: its staff (a chief or secretary holds a building or
      // an organisation, not an area, and is refused with forbidden_scope like on other area routes).
      config: {
        access: {
          permission: 'registry.read',
          scope: (r: { query: { area: string } }) => ({ type: 'area', id: r.query.area }),
        },
      },
      schema: {
        tags: ['census'],
        summary: '地图 Buildings, stations, duty points and open needs of an area, with coordinates',
        querystring: MapQuery,
        response: { 200: MapAnswer, ...errors },
      },
    },
    async (request) =>
      areaMap(ctx, request, request.query, localeFromHeader(request.headers['accept-language'])),
  )
}
