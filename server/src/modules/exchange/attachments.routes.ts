import { ErrorBody, exchangeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import { ATTACHMENT_MAX_BYTES, IMAGE_TYPES, sniffImage } from '../../lib/images.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { attachmentOf, countAttachments, insertAttachment } from './attachments.repository.ts'
import { needQuery } from './needs.repository.ts'
import { relationTo } from './needs.service.ts'

const MAX_PER_NEED = 6

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
}

/** Photos on a need (a broken lamp, a blocked bin room): images only, size-limited, visible to its parties. */
export default async function attachmentRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, exchangeApi, { tags: ['exchange'], errors })
  // Images arrive as raw bodies; anything else is refused by its declared type before it is read.
  app.addContentTypeParser(
    [...IMAGE_TYPES],
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
    (_req, body, done) => done(null, body),
  )

  const relation = async (request: Parameters<typeof relationTo>[1], id: number) => {
    const row = await needQuery(ctx.db).where('n.id', '=', id).executeTakeFirst()
    if (!row) throw new AppError('not_found')
    return relationTo(ctx, request, row)
  }

  route(
    'POST /api/needs/:id/attachments',
    {
      config: { access: { permission: 'need.post' } },
      summary: '上传图片 Attach a photo (JPEG, PNG or WebP, up to 5 MB; raw body)',
      upload: { bodyLimit: ATTACHMENT_MAX_BYTES },
    },
    async (request) => {
      const rel = await relation(request, request.params.id)
      if (!rel.requester && !rel.holder) throw new AppError('not_requester')
      const data = request.body as unknown
      if (!Buffer.isBuffer(data) || data.length === 0) throw new AppError('attachment_not_image')
      const kind = sniffImage(data)
      if (!kind || kind !== request.headers['content-type']) throw new AppError('attachment_not_image')
      if ((await countAttachments(ctx.db, request.params.id)) >= MAX_PER_NEED)
        throw new AppError('attachment_limit', { max: MAX_PER_NEED })
      const row = await insertAttachment(ctx.db, request.params.id, kind, data)
      requirePrincipal(request)
      return { id: row.id, contentType: row.content_type, sizeBytes: row.size_bytes }
    },
  )

  route(
    'GET /api/needs/:id/attachments/:attachmentId',
    {
      config: { access: { permission: 'need.post' } },
      summary: '查看图片 A need’s photo',
      // The image route never declared its error answers; they are sent as the error handler writes them.
      errors: {},
    },
    async (request, reply) => {
      const rel = await relation(request, request.params.id)
      if (!rel.requester && !rel.holder && !rel.staff && !rel.candidate) throw new AppError('forbidden_scope')
      const row = await attachmentOf(ctx.db, request.params.id, request.params.attachmentId)
      if (!row) throw new AppError('not_found')
      reply.header('content-type', row.content_type).header('cache-control', 'private, max-age=3600')
      return row.data
    },
  )
}
