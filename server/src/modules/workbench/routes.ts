import { ErrorBody, Workbench } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { workbench } from './service.ts'

export default async function workbenchRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/workbench',
    {
      // Every signed-in role has a workbench; each card checks the permission it needs.
      config: { access: 'authenticated' },
      schema: {
        tags: ['platform'],
        summary: '工作台 What needs the caller’s action, what is next, and the figures of their scope',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: Workbench, 401: ErrorBody },
      },
    },
    async (request) => workbench(ctx, request, localeFromHeader(request.headers['accept-language'])),
  )
}
