import { ErrorBody, exchangeApi, type RoundInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { followUpAreaCode, roundAreaCode } from './rounds.repository.ts'
import {
  closeRound,
  confirmRound,
  createRound,
  patchRound,
  solveRound,
  updateFollowUp,
} from './rounds.service.ts'
import { listRounds, roundCandidates, roundDetail } from './rounds.view.ts'

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
}
const tags = ['exchange']

/** Matchmaking rounds (相亲会): staff of an area run them; every round route is scoped to the round's area. */
export default async function exchangeRoundRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, exchangeApi, { tags, errors })
  const roundArea = async (request: FastifyRequest): Promise<ScopeRef[]> => {
    const { id } = request.params as { id: number }
    const areaCode = await roundAreaCode(ctx.db, id)
    return areaCode === undefined ? [] : [{ type: 'area', id: areaCode }]
  }
  const followUpArea = async (request: FastifyRequest): Promise<ScopeRef[]> => {
    const { id } = request.params as { id: number }
    const areaCode = await followUpAreaCode(ctx.db, id)
    return areaCode === undefined ? [] : [{ type: 'area', id: areaCode }]
  }
  const manageRound = { access: { permission: 'matching.manage' as const, scope: roundArea } }

  route(
    'GET /api/matching/candidates',
    {
      config: {
        access: {
          permission: 'matching.manage',
          scope: (r: FastifyRequest<{ Querystring: { area: string } }>) => ({
            type: 'area',
            id: r.query.area,
          }),
        },
      },
      summary: '对接候选 Units, communities, buildings and open needs of an area for a new round',
    },
    async (request) => roundCandidates(ctx, request.query.area, request.query.allianceId),
  )
  route(
    'GET /api/matching/rounds',
    {
      config: { access: { permission: 'matching.manage' } },
      summary: '对接轮次 Matchmaking rounds in the caller’s areas',
    },
    async (request) => {
      const area = request.query.area
      if (area && !(await request.can('matching.manage', { type: 'area', id: area })))
        throw new AppError('forbidden_scope')
      return { items: await listRounds(ctx, request, area) }
    },
  )
  route(
    'POST /api/matching/rounds',
    {
      config: {
        access: {
          permission: 'matching.manage',
          scope: (r: FastifyRequest<{ Body: RoundInput }>) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      summary: '新建对接轮次 Create a round (providers, targets, preferences, pins)',
    },
    async (request) => {
      const id = await createRound(ctx, request, request.body)
      return roundDetail(ctx, id)
    },
  )
  route(
    'GET /api/matching/rounds/:id',
    {
      config: manageRound,
      summary: '对接轮次详情 A round: input, proposal with reasons and changes, agreements',
    },
    async (request) => roundDetail(ctx, request.params.id),
  )
  route(
    'PATCH /api/matching/rounds/:id',
    { config: manageRound, summary: '修改对接轮次 Replace sections of the input (back to draft)' },
    async (request) => {
      await patchRound(ctx, request, request.params.id, request.body)
      return roundDetail(ctx, request.params.id)
    },
  )
  route(
    'POST /api/matching/rounds/:id/solve',
    {
      config: manageRound,
      summary: '求解 Solve now (200) or, for a large round, queue it for the background solver (202)',
    },
    async (request, reply) => {
      const outcome = await solveRound(ctx, request, request.params.id, request.body.version)
      reply.status(outcome === 'queued' ? 202 : 200)
      return roundDetail(ctx, request.params.id)
    },
  )
  route(
    'POST /api/matching/rounds/:id/confirm',
    {
      config: manageRound,
      summary: '确认方案 Confirm the current proposal into agreements with monthly follow-ups',
    },
    async (request) => {
      await confirmRound(ctx, request, request.params.id, request.body)
      return roundDetail(ctx, request.params.id)
    },
  )
  route(
    'POST /api/matching/rounds/:id/close',
    { config: manageRound, summary: '结束对接轮次 Close a confirmed round' },
    async (request) => {
      await closeRound(ctx, request, request.params.id, request.body.version)
      return roundDetail(ctx, request.params.id)
    },
  )
  route(
    'PATCH /api/matching/follow-ups/:id',
    {
      config: { access: { permission: 'matching.manage', scope: followUpArea } },
      summary: '回访记录 Mark a follow-up done (or not) with a note',
    },
    async (request) => {
      await updateFollowUp(ctx, request, request.params.id, request.body)
      return null
    },
  )
}
