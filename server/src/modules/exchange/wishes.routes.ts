import { ErrorBody, Need, WishWall, WishWallQuery } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { wishDesk, wishWall } from './wishes.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }
const tags = ['exchange']

/** 微心愿: posting, claiming, delivering and confirming go through /api/needs; these are the wish's views. */
export default async function wishRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/wishes/wall',
    {
      // Public: a building's or a street's wishes as a stranger may see them (no names, phones or floors).
      config: { access: 'public' },
      schema: {
        tags,
        summary: '心愿墙 The public wish wall of a building or an area',
        querystring: WishWallQuery,
        response: { 200: WishWall, ...errors },
      },
    },
    async (request) => wishWall(ctx, request.query),
  )
  app.get(
    '/api/wishes/desk',
    {
      config: { access: { permission: 'wish.claim' } },
      schema: {
        tags,
        summary: '认领心愿 Open wishes the caller may claim, and those they hold',
        response: { 200: Type.Object({ open: Type.Array(Need), mine: Type.Array(Need) }), ...errors },
      },
    },
    async (request) => wishDesk(ctx, request, localeFromHeader(request.headers['accept-language'])),
  )
}
