import { censusApi, ErrorBody } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { mapRoutes } from './map.routes.ts'
import { snapshotAreaCode } from './repository.ts'
import { compareSnapshots, completenessPage, listSnapshots, takeSnapshot } from './service.ts'
import { visitRoutes } from './visits.routes.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }
const area = (r: { query: { area?: string } }) => ({ type: 'area' as const, id: r.query.area ?? '310000' })

export default async function censusRoutes(app: TypedApp, ctx: AppContext) {
  await visitRoutes(app, ctx)
  await mapRoutes(app, ctx)
  const route = contractRoutes(app, censusApi, { tags: ['census'], errors })
  route(
    'GET /api/census/completeness',
    {
      config: { access: { permission: 'coverage.read', scope: area } },
      summary: '五个清 Census completeness of each in-scope building',
    },
    async (request) =>
      completenessPage(ctx, request.query, localeFromHeader(request.headers['accept-language'])),
  )
  route(
    'GET /api/census/snapshots',
    {
      config: { access: { permission: 'coverage.read', scope: area } },
      summary: '普查快照 Snapshots of an area',
    },
    async (request) => ({ items: await listSnapshots(ctx, request.query.area ?? '310000') }),
  )
  route(
    'POST /api/census/snapshots',
    {
      config: {
        access: {
          permission: 'census.snapshot',
          scope: (r: { body: { area: string } }) => ({ type: 'area', id: r.body.area }),
        },
      },
      summary: '冻结快照 Freeze the figures of an area as of today',
    },
    async (request) => {
      return takeSnapshot(ctx, request, request.body.area, request.body.label ?? null)
    },
  )
  route(
    'GET /api/census/snapshots/compare',
    {
      config: {
        access: {
          permission: 'coverage.read',
          scope: async (r: { query: { from: number } }) => {
            const area = await snapshotAreaCode(ctx.db, r.query.from)
            return area ? [{ type: 'area' as const, id: area }] : []
          },
        },
      },
      summary: '快照对比 Change between two snapshots (or a snapshot and now)',
    },
    async (request) => compareSnapshots(ctx, request.query.from, request.query.to ?? null),
  )
}
