import { ErrorBody, mapApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { areaMap } from './map.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

export async function mapRoutes(app: TypedApp, ctx: AppContext) {
  contractRoutes(app, mapApi, { tags: ['census'], errors })(
    'GET /api/map',
    {
      // The whole area's registry, as its buildings list: its staff (a chief or secretary holds a building or
      // an organisation, not an area, and is refused with forbidden_scope like on other area routes).
      config: {
        access: {
          permission: 'registry.read',
          scope: (r: { query: { area: string } }) => ({ type: 'area', id: r.query.area }),
        },
      },
      summary: '地图 Buildings, stations, duty points and open needs of an area, with coordinates',
    },
    async (request) =>
      areaMap(ctx, request, request.query, localeFromHeader(request.headers['accept-language'])),
  )
}
