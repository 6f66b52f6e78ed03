import { orglifeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { floatingScope, orgParamScope } from './access.ts'
import { endFloating, orgFloating, registerFloating } from './floating.service.ts'
import { errors, tags } from './meetings.routes.ts'

export default async function floatingRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, orglifeApi, { tags, errors })

  route(
    'GET /api/orglife/orgs/:id/floating',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      summary: '流动党员 Floating members registered here, and members of this organisation away',
    },
    async (request) => orgFloating(ctx, request, request.params.id),
  )
  route(
    'POST /api/orglife/orgs/:id/floating',
    {
      config: { access: { permission: 'orglife.record', scope: orgParamScope } },
      summary: '登记流动党员 Register a floating member coming here, or a member going away',
    },
    async (request) => registerFloating(ctx, request, request.params.id, request.body),
  )
  route(
    'POST /api/orglife/floating/:id/end',
    {
      config: { access: { permission: 'orglife.record', scope: floatingScope(ctx) } },
      summary: '结束登记 End a floating registration (returned, moved on)',
    },
    async (request) => endFloating(ctx, request, request.params.id, request.body),
  )
}
