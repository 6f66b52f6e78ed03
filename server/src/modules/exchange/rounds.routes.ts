import {
  CandidatesQuery,
  ConfirmBody,
  ErrorBody,
  FollowUpPatch,
  IdParams,
  Round,
  RoundCandidates,
  RoundInput,
  RoundPatch,
  RoundSummary,
  VersionBody,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
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
  const manageRound = { permission: 'matching.manage' as const, scope: roundArea }

  app.get(
    '/api/matching/candidates',
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
      schema: {
        tags,
        summary: '对接候选 Units, communities, buildings and open needs of an area for a new round',
        querystring: CandidatesQuery,
        response: { 200: RoundCandidates, ...errors },
      },
    },
    async (request) => roundCandidates(ctx, request.query.area, request.query.allianceId),
  )
  app.get(
    '/api/matching/rounds',
    {
      config: { access: { permission: 'matching.manage' } },
      schema: {
        tags,
        summary: '对接轮次 Matchmaking rounds in the caller’s areas',
        querystring: Type.Object({ area: Type.Optional(Type.String({ maxLength: 12 })) }),
        response: { 200: Type.Object({ items: Type.Array(RoundSummary) }), ...errors },
      },
    },
    async (request) => {
      const area = request.query.area
      if (area && !(await request.can('matching.manage', { type: 'area', id: area })))
        throw new AppError('forbidden_scope')
      return { items: await listRounds(ctx, request, area) }
    },
  )
  app.post(
    '/api/matching/rounds',
    {
      config: {
        access: {
          permission: 'matching.manage',
          scope: (r: FastifyRequest<{ Body: RoundInput }>) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '新建对接轮次 Create a round (providers, targets, preferences, pins)',
        body: RoundInput,
        response: { 201: Round, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createRound(ctx, request, request.body)
      reply.status(201)
      return roundDetail(ctx, id)
    },
  )
  app.get(
    '/api/matching/rounds/:id',
    {
      config: { access: manageRound },
      schema: {
        tags,
        summary: '对接轮次详情 A round: input, proposal with reasons and changes, agreements',
        params: IdParams,
        response: { 200: Round, ...errors },
      },
    },
    async (request) => roundDetail(ctx, request.params.id),
  )
  app.patch(
    '/api/matching/rounds/:id',
    {
      config: { access: manageRound },
      schema: {
        tags,
        summary: '修改对接轮次 Replace sections of the input (back to draft)',
        params: IdParams,
        body: RoundPatch,
        response: { 200: Round, ...errors },
      },
    },
    async (request) => {
      await patchRound(ctx, request, request.params.id, request.body)
      return roundDetail(ctx, request.params.id)
    },
  )
  app.post(
    '/api/matching/rounds/:id/solve',
    {
      config: { access: manageRound },
      schema: {
        tags,
        summary: '求解 Solve now (200) or, for a large round, queue it for the background solver (202)',
        params: IdParams,
        body: VersionBody,
        response: { 200: Round, 202: Round, ...errors },
      },
    },
    async (request, reply) => {
      const outcome = await solveRound(ctx, request, request.params.id, request.body.version)
      reply.status(outcome === 'queued' ? 202 : 200)
      return roundDetail(ctx, request.params.id)
    },
  )
  app.post(
    '/api/matching/rounds/:id/confirm',
    {
      config: { access: manageRound },
      schema: {
        tags,
        summary: '确认方案 Confirm the current proposal into agreements with monthly follow-ups',
        params: IdParams,
        body: ConfirmBody,
        response: { 200: Round, ...errors },
      },
    },
    async (request) => {
      await confirmRound(ctx, request, request.params.id, request.body)
      return roundDetail(ctx, request.params.id)
    },
  )
  app.post(
    '/api/matching/rounds/:id/close',
    {
      config: { access: manageRound },
      schema: {
        tags,
        summary: '结束对接轮次 Close a confirmed round',
        params: IdParams,
        body: VersionBody,
        response: { 200: Round, ...errors },
      },
    },
    async (request) => {
      await closeRound(ctx, request, request.params.id, request.body.version)
      return roundDetail(ctx, request.params.id)
    },
  )
  app.patch(
    '/api/matching/follow-ups/:id',
    {
      config: { access: { permission: 'matching.manage', scope: followUpArea } },
      schema: {
        tags,
        summary: '回访记录 Mark a follow-up done (or not) with a note',
        params: IdParams,
        body: FollowUpPatch,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await updateFollowUp(ctx, request, request.params.id, request.body)
      reply.status(204)
      return null
    },
  )
}
