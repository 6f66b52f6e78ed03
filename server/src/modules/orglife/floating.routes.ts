import { Floating, FloatingEnd, FloatingInput, IdParams, OrgIdParams } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { floatingScope, orgParamScope } from './access.ts'
import { endFloating, orgFloating, registerFloating } from './floating.service.ts'
import { errors, tags } from './meetings.routes.ts'

export default async function floatingRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/orglife/orgs/:id/floating',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      schema: {
        tags,
        summary: '流动党员 Floating members registered here, and members of this organisation away',
        params: OrgIdParams,
        response: { 200: Type.Array(Floating), ...errors },
      },
    },
    async (request) => orgFloating(ctx, request, request.params.id),
  )
  app.post(
    '/api/orglife/orgs/:id/floating',
    {
      config: { access: { permission: 'orglife.record', scope: orgParamScope } },
      schema: {
        tags,
        summary: '登记流动党员 Register a floating member coming here, or a member going away',
        params: OrgIdParams,
        body: FloatingInput,
        response: { 201: Floating, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return registerFloating(ctx, request, request.params.id, request.body)
    },
  )
  app.post(
    '/api/orglife/floating/:id/end',
    {
      config: { access: { permission: 'orglife.record', scope: floatingScope(ctx) } },
      schema: {
        tags,
        summary: '结束登记 End a floating registration (returned, moved on)',
        params: IdParams,
        body: FloatingEnd,
        response: { 200: Floating, ...errors },
      },
    },
    async (request) => endFloating(ctx, request, request.params.id, request.body),
  )
}
