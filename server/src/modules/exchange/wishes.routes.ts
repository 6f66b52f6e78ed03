import { ErrorBody, exchangeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { wishDesk, wishWall } from './wishes.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }
const tags = ['exchange']

/** 微心愿: posting, claiming, delivering and confirming go through /api/needs; these are the wish's views. */
export default async function wishRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, exchangeApi, { tags, errors })

  route(
    'GET /api/wishes/wall',
    {
      // Public: a building's or a street's wishes as a stranger may see them (no names, phones or floors).
      config: { access: 'public' },
      summary: '心愿墙 The public wish wall of a building or an area',
    },
    async (request) => wishWall(ctx, request.query),
  )
  route(
    'GET /api/wishes/desk',
    {
      config: { access: { permission: 'wish.claim' } },
      summary: '认领心愿 Open wishes the caller may claim, and those they hold',
    },
    async (request) => wishDesk(ctx, request, localeFromHeader(request.headers['accept-language'])),
  )
}
