import {
  CoverageFigures,
  CoverageQuery,
  DrillQuery,
  DrillRow,
  ErrorBody,
  Gap,
  GapCounts,
  GapQuery,
  JointBranchProposal,
  Page,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { parkAreaCode } from './figures.repository.ts'
import { countGaps, jointBranchProposals, listGaps } from './gaps.service.ts'
import { coverageFigures, drillDown } from './service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }
const tags = ['coverage']
export default async function coverageRoutes(app: TypedApp, ctx: AppContext) {
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
  app.get(
    '/api/coverage',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      schema: {
        tags,
        summary: '党统覆盖统计 Coverage figures for an area or a building',
        querystring: CoverageQuery,
        response: { 200: CoverageFigures, ...errors },
      },
    },
    async (request) => coverageFigures(ctx, request.query),
  )
  app.get(
    '/api/coverage/rows',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      schema: {
        tags,
        summary: '下钻 The rows behind one figure',
        querystring: DrillQuery,
        response: { 200: Page(DrillRow), ...errors },
      },
    },
    async (request) =>
      drillDown(ctx, request, request.query, localeFromHeader(request.headers['accept-language'])),
  )
  app.get(
    '/api/gaps',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      schema: {
        tags,
        summary: '问题清单 Departures from the organisation rules, with the rule and an action',
        querystring: GapQuery,
        response: { 200: Page(Gap), ...errors },
      },
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
  app.get(
    '/api/gaps/counts',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      schema: {
        tags,
        summary: '问题清单计数 How many departures each rule has in the area',
        querystring: Type.Object(
          { area: Type.Optional(CoverageQuery.properties.area) },
          { additionalProperties: false },
        ),
        response: { 200: GapCounts, ...errors },
      },
    },
    async (request) => countGaps(ctx, request.query),
  )
  app.get(
    '/api/gaps/joint-branch-proposals',
    {
      config: { access: { permission: 'coverage.read', scope: target } },
      schema: {
        tags,
        summary: '联合党支部组建建议 Proposed joint branches for small units',
        querystring: Type.Object(
          { area: Type.Optional(CoverageQuery.properties.area) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(JointBranchProposal),
            unplaced: Type.Array(
              Type.Object({ id: Type.Integer(), name: Type.String(), members: Type.Integer() }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      jointBranchProposals(ctx, localeFromHeader(request.headers['accept-language']), request.query.area),
  )
}
