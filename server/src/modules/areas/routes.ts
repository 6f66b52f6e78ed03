import { Area, AreaCode, AreaDetail, AreaListQuery, ErrorBody } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'

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
  app.get(
    '/api/areas',
    {
      config: { access: { permission: 'area.read' } },
      schema: {
        tags: ['platform'],
        summary: '行政区划 Admin areas (children of `parent`, or the districts)',
        querystring: AreaListQuery,
        response: { 200: Type.Object({ items: Type.Array(Area) }), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const { parent, q } = request.query
      let query = ctx.db
        .selectFrom('area')
        .select(['code', 'name', 'level', 'parent_code'])
        .orderBy('code')
        .limit(500)
      if (q) query = query.where('name', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      else query = query.where('parent_code', '=', parent ?? '310000')
      return { items: (await query.execute()).map(toArea) }
    },
  )

  app.get(
    '/api/areas/:code',
    {
      config: { access: { permission: 'area.read' } },
      schema: {
        tags: ['platform'],
        summary: '行政区划详情 Area with its ancestors',
        params: Type.Object({ code: AreaCode }),
        response: { 200: AreaDetail, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const area = await ctx.db
        .selectFrom('area')
        .select(['code', 'name', 'level', 'parent_code', 'path'])
        .where('code', '=', request.params.code)
        .executeTakeFirst()
      if (!area) throw new AppError('not_found')
      const ancestorCodes = area.path.split('/').slice(0, -1)
      const ancestors = ancestorCodes.length
        ? await ctx.db
            .selectFrom('area')
            .select(['code', 'name', 'level', 'parent_code'])
            .where('code', 'in', ancestorCodes)
            .orderBy('path')
            .execute()
        : []
      const { n } = await ctx.db
        .selectFrom('area')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_code', '=', area.code)
        .executeTakeFirstOrThrow()
      return { area: toArea(area), ancestors: ancestors.map(toArea), childCount: Number(n) }
    },
  )
}
