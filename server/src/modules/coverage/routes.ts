import { coverageApi, ErrorBody } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { parkAreaCode } from './figures.repository.ts'
import { countGaps, jointBranchProposals, listGaps } from './gaps.service.ts'
import { coverageFigures, drillDown } from './service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }
export default async function coverageRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, coverageApi, { tags: ['coverage'], errors })
  /**
   * Coverage of a building is its chief's to see, of an area its staff's (default: the whole city); a park
   * is seen by whoever holds its area.
   */
  const target = async (r: {
    query: { area?: string; building?: number; park?: number }
  }): Promise<ScopeRef[]> => {
    if (r.query.building) return [{ type: 'building', id: String(r.query.building) }]
    if (r.query.park) {
      const area = await parkAreaCode(ctx.db, r.query.park)
      return area ? [{ type: 'area', id: area }] : []
    }
    return [{ type: 'area', id: r.query.area ?? '310000' }]
  }
  route(
    'GET /api/coverage',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      summary: '党统覆盖统计 Coverage figures for an area or a building',
    },
    async (request) => coverageFigures(ctx, request.query),
  )
  route(
    'GET /api/coverage/rows',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      summary: '下钻 The rows behind one figure',
    },
    async (request) =>
      drillDown(ctx, request, request.query, localeFromHeader(request.headers['accept-language'])),
  )
  route(
    'GET /api/gaps',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      summary: '问题清单 Departures from the organisation rules, with the rule and an action',
    },
    async (request) => {
      const page = await listGaps(ctx, localeFromHeader(request.headers['accept-language']), request.query)
      // Members not transferred in are listed by name: a read of personal data like the registry's.
      const people = page.items.filter((g) => g.entity === 'person').map((g) => g.id)
      if (people.length > 0)
        await writeAudit(ctx.db, request, {
          action: 'person.list',
          entity: 'person',
          ids: people,
          detail: { via: 'gaps', ...request.query },
        })
      return page
    },
  )
  route(
    'GET /api/gaps/counts',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      summary: '问题清单计数 How many departures each rule has in the area',
    },
    async (request) => countGaps(ctx, request.query),
  )
  route(
    'GET /api/gaps/joint-branch-proposals',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      summary: '联合党支部组建建议 Proposed joint branches for small units',
    },
    async (request) =>
      jointBranchProposals(ctx, localeFromHeader(request.headers['accept-language']), request.query.area),
  )
}
