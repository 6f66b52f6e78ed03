import {
  IdParams,
  Incubatee,
  IncubateeExit,
  IncubateeInput,
  Incubator,
  IncubatorInput,
  IncubatorSeries,
  IncubatorServiceInput,
  Ok,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../../context.ts'
import { AppError } from '../../../lib/errors.ts'
import type { ScopeRef } from '../../../lib/scope.ts'
import type { TypedApp } from '../../../lib/typed-app.ts'
import { errors, tags } from '../http.ts'
import {
  addService,
  admit,
  createIncubator,
  exit,
  incubateeAreaCode,
  incubatees,
  incubatorAreaCode,
  incubatorSeries,
  listIncubators,
} from './service.ts'

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })

export default async function incubatorRoutes(app: TypedApp, ctx: AppContext) {
  const incubatorArea = async (id: number): Promise<ScopeRef[]> => {
    const area = await incubatorAreaCode(ctx, id)
    return area ? [{ type: 'area', id: area }] : []
  }
  const incubateeArea = async (id: number): Promise<ScopeRef[]> => {
    const area = await incubateeAreaCode(ctx, id)
    return area ? [{ type: 'area', id: area }] : []
  }
  const byId = (r: { params: { id: number } }) => incubatorArea(r.params.id)

  app.get(
    '/api/enterprise/incubators',
    {
      config: { access: { permission: 'incubator.read' } },
      schema: {
        tags,
        summary: '孵化平台 Incubators with figures',
        response: { 200: Type.Object({ items: Type.Array(Incubator) }), ...errors },
      },
    },
    async (request) => ({ items: await listIncubators(ctx, request) }),
  )
  app.get(
    '/api/enterprise/incubators/series',
    {
      config: { access: { permission: 'incubator.read' } },
      schema: {
        tags,
        summary: '孵化数据走势 Month-end figures over time',
        querystring: Type.Object(
          {
            from: DateStr,
            to: Type.Optional(DateStr),
            incubatorId: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: IncubatorSeries, ...errors },
      },
    },
    async (request) => {
      const visible = (await listIncubators(ctx, request)).map((i) => i.id)
      const { incubatorId, from, to } = request.query
      if (incubatorId !== undefined && !visible.includes(incubatorId)) throw new AppError('forbidden_scope')
      return incubatorSeries(ctx, incubatorId ? [incubatorId] : visible, from, to)
    },
  )
  app.post(
    '/api/enterprise/incubators',
    {
      config: {
        access: {
          permission: 'incubator.manage',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '新增孵化平台 Add an incubator',
        body: IncubatorInput,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return { id: await createIncubator(ctx, request, request.body) }
    },
  )
  app.get(
    '/api/enterprise/incubators/:id/incubatees',
    {
      config: { access: { permission: 'incubator.read', scope: byId } },
      schema: {
        tags,
        summary: '在孵与已孵企业 Incubatees',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Incubatee) }), ...errors },
      },
    },
    async (request) => ({ items: await incubatees(ctx, request.params.id) }),
  )
  app.post(
    '/api/enterprise/incubators/:id/incubatees',
    {
      config: { access: { permission: 'incubator.manage', scope: byId } },
      schema: {
        tags,
        summary: '企业入孵 A firm enters',
        params: IdParams,
        body: IncubateeInput,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return { id: await admit(ctx, request, request.params.id, request.body) }
    },
  )
  app.post(
    '/api/enterprise/incubatees/:id/exit',
    {
      config: {
        access: {
          permission: 'incubator.manage',
          scope: (r: { params: { id: number } }) => incubateeArea(r.params.id),
        },
      },
      schema: {
        tags,
        summary: '毕业或离孵 Graduation or leaving',
        params: IdParams,
        body: IncubateeExit,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await exit(ctx, request, request.params.id, request.body)
      return { ok: true as const }
    },
  )
  app.post(
    '/api/enterprise/incubatees/:id/services',
    {
      config: {
        access: {
          permission: 'incubator.manage',
          scope: (r: { params: { id: number } }) => incubateeArea(r.params.id),
        },
      },
      schema: {
        tags,
        summary: '记录孵化服务 Record a service given',
        params: IdParams,
        body: IncubatorServiceInput,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return { id: await addService(ctx, request.params.id, request.body) }
    },
  )
}
