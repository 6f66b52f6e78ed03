import { ErrorBody, workbenchApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { workbench } from './service.ts'

export default async function workbenchRoutes(app: TypedApp, ctx: AppContext) {
  contractRoutes(app, workbenchApi, { tags: ['platform'], errors: { 401: ErrorBody } })(
    'GET /api/workbench',
    {
      // Every signed-in role has a workbench; each card checks the permission it needs.
      config: { access: 'authenticated' },
      summary: '工作台 What needs the caller’s action, what is next, and the figures of their scope',
    },
    async (request) => workbench(ctx, request, localeFromHeader(request.headers['accept-language'])),
  )
}
