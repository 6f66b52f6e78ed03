import { type Area, areasApi, ErrorBody } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { areaWithAncestors, listAreas } from './repository.ts'

const toArea = (r: {
  code: string
  name: string
  level: Area['level']
  parent_code: string | null
}): Area => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
})

export default async function areaRoutes(app: TypedApp, ctx: AppContext) {
  const errors = { 400: ErrorBody, 401: ErrorBody }
  const route = contractRoutes(app, areasApi, { tags: ['platform'], errors })
  route(
    'GET /api/areas',
    {
      config: { access: { permission: 'area.read' } },
      summary: '行政区划 Admin areas (children of `parent`, or the districts)',
    },
    async (request) => {
      const { parent, q } = request.query
      return { items: (await listAreas(ctx.db, { parent: parent ?? '310000', q })).map(toArea) }
    },
  )

  route(
    'GET /api/areas/:code',
    {
      config: { access: { permission: 'area.read' } },
      summary: '行政区划详情 Area with its ancestors',
      errors: { ...errors, 404: ErrorBody },
    },
    async (request) => {
      const found = await areaWithAncestors(ctx.db, request.params.code)
      if (!found) throw new AppError('not_found')
      return {
        area: toArea(found.area),
        ancestors: found.ancestors.map(toArea),
        childCount: found.childCount,
      }
    },
  )
}
