import { type QrContent, type QrContentInput, surveysApi } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { errors } from './http.ts'
import { countPlay, giveListenerCookie } from './plays.service.ts'
import {
  insertQrContent,
  listQrContents,
  projectExists,
  qrAudio,
  qrContentArea,
  qrContentBySlug,
  qrContentSlug,
  setQrAudio,
} from './qr.repository.ts'
import { byteRange, publicUrl, qrImage, sizeLabel, sniffAudio } from './qr.ts'
import { newSlug, surveyFor } from './surveys.service.ts'

/** The empty body of a 416 (a byte range beyond the audio's end). */
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })
/** Web pages the QR codes open (see web/src/features/surveys/modules.tsx). */
export const SURVEY_PAGE = '/survey/'
export const CONTENT_PAGE = '/listen/'

type Row = {
  id: number
  slug: string
  area_code: string
  project_id: number | null
  kind: string
  title: string
  body: string
  audio_type: string | null
  audio_bytes: number | null
  plays: number
}
const toContent = (r: Row): QrContent => ({
  id: r.id,
  slug: r.slug,
  areaCode: r.area_code,
  projectId: r.project_id,
  kind: r.kind as QrContent['kind'],
  title: r.title,
  body: r.body,
  audioType: r.audio_type,
  audioBytes: r.audio_bytes,
  plays: Number(r.plays),
})
/** "扫码听红音": short audio or text items, each with a public page and a printable QR code; and survey QR codes. */
export default async function qrRoutes(app: TypedApp, ctx: AppContext) {
  const maxBytes = ctx.config.listen.audioMaxBytes
  // Audio arrives as a raw body (this plugin only) under whatever type the client claims: its real type is
  // decided by its signature, so a wrong or generic header gets the specific answer, not a 415.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_r, body, done) =>
    done(null, body),
  )
  const contentArea = async (request: FastifyRequest<{ Params: { id: number } }>) => {
    const areaCode = await qrContentArea(ctx.db, request.params.id)
    if (areaCode === undefined) throw new AppError('not_found')
    return { type: 'area' as const, id: areaCode }
  }
  const route = contractRoutes(app, surveysApi, { tags: ['surveys'], errors })
  const manage = { access: { permission: 'survey.manage' } } as const
  const open = { access: 'public' } as const
  const bySlug = async (slug: string) => {
    const row = await qrContentBySlug(ctx.db, slug)
    if (!row) throw new AppError('not_found')
    return row
  }

  route(
    'GET /api/qr-contents',
    { config: manage, summary: '扫码内容列表 QR content items of the caller’s areas' },
    async (request) => {
      const grants = request.grantsFor('survey.manage')
      const city = grants.some((g) => g.scope_type === 'city')
      const areas = [...new Set(grants.filter((g) => g.scope_type === 'area').map((g) => g.scope_id!))]
      if (!city && areas.length === 0) return { items: [] }
      return { items: (await listQrContents(ctx.db, city ? null : areas)).map(toContent) }
    },
  )
  route(
    'POST /api/qr-contents',
    {
      config: {
        access: {
          permission: 'survey.manage',
          scope: (request: FastifyRequest<{ Body: QrContentInput }>) => ({
            type: 'area',
            id: request.body.areaCode,
          }),
        },
      },
      summary: '新建扫码内容 Create an audio or text item',
    },
    async (request) => {
      const b = request.body
      if (b.projectId) {
        const p = await projectExists(ctx.db, b.projectId)
        if (!p)
          throw new AppError('unknown_ref', {
            ref: { 'zh-CN': `服务项目 ${b.projectId}`, 'en-US': `project ${b.projectId}` },
          })
      }
      const now = ctx.clock.now()
      const row = await insertQrContent(ctx.db, {
        slug: newSlug(),
        areaCode: b.areaCode,
        projectId: b.projectId ?? null,
        kind: b.kind,
        title: b.title,
        body: b.body ?? '',
        now,
      })
      return toContent(row)
    },
  )
  route(
    'PUT /api/qr-contents/:id/audio',
    {
      config: { access: { permission: 'survey.manage', scope: contentArea } },
      summary:
        '上传音频 Upload the audio (MP3, AAC, M4A, OGG, WAV or WebM by signature, up to TONGXIN_LISTEN_AUDIO_MAX_MB; raw body)',
      upload: {
        bodyLimit: maxBytes,
        // Refused by its declared length before a byte is read (a body without one is cut off at the same limit).
        preParsing: async (request) => {
          if (Number(request.headers['content-length'] ?? 0) > maxBytes)
            throw new AppError('qr_audio_too_large', { limit: sizeLabel(maxBytes) })
        },
      },
      errors: { 413: errors[400], ...errors },
    },
    async (request) => {
      const data = request.body as unknown
      const kind = Buffer.isBuffer(data) ? sniffAudio(data) : null
      if (!kind || !Buffer.isBuffer(data)) throw new AppError('qr_audio_invalid')
      if (data.length > maxBytes) throw new AppError('qr_audio_too_large', { limit: sizeLabel(maxBytes) })
      const row = await setQrAudio(ctx.db, request.params.id, data, kind, ctx.clock.now())
      if (!row) throw new AppError('qr_not_audio_item')
      return toContent(row)
    },
  )
  route(
    'GET /api/qr-contents/:id/qr',
    {
      config: { access: { permission: 'survey.manage', scope: contentArea } },
      summary: '内容二维码 Printable QR code of the item’s public page (SVG or PNG)',
      produces: ['image/svg+xml', 'image/png'],
    },
    async (request, reply) => {
      const slug = await qrContentSlug(ctx.db, request.params.id)
      const img = await qrImage(publicUrl(request, `${CONTENT_PAGE}${slug}`), request.query.format ?? 'svg')
      reply.header('content-type', img.type)
      return img.body
    },
  )
  route(
    'GET /api/surveys/:id/qr',
    {
      config: { access: { permission: 'survey.analyse' } },
      summary: '问卷二维码 QR code of the answering page (SVG or PNG)',
      produces: ['image/svg+xml', 'image/png'],
    },
    async (request, reply) => {
      const survey = await surveyFor(ctx, request, request.params.id, 'survey.analyse')
      const img = await qrImage(
        publicUrl(request, `${SURVEY_PAGE}${survey.slug}`),
        request.query.format ?? 'svg',
      )
      reply.header('content-type', img.type)
      return img.body
    },
  )

  route(
    'GET /api/public/qr/:slug',
    { config: open, summary: '扫码内容页 The public page of an item' },
    async (request, reply) => {
      const r = await bySlug(request.params.slug)
      giveListenerCookie(ctx, request, reply)
      return {
        slug: r.slug,
        kind: r.kind as QrContent['kind'],
        title: r.title,
        body: r.body,
        hasAudio: r.audio_type !== null,
        plays: Number(r.plays),
      }
    },
  )
  route(
    'GET /api/public/qr/:slug/audio',
    {
      config: open,
      summary: '音频 The item’s audio (one byte range on request, as mobile players ask)',
      produces: ['audio/mpeg', 'audio/aac', 'audio/mp4', 'audio/ogg', 'audio/wav', 'audio/webm'],
      errors: { 416: Binary, ...errors },
    },
    async (request, reply) => {
      const r = await qrAudio(ctx.db, request.params.slug)
      if (!r?.audio || !r.audio_type) throw new AppError('not_found')
      const data = Buffer.from(r.audio)
      reply
        .header('content-type', r.audio_type)
        .header('cache-control', 'public, max-age=3600')
        .header('accept-ranges', 'bytes')
      const range = byteRange(request.headers.range, data.length)
      if (range === 'unsatisfiable') {
        reply.status(416).header('content-range', `bytes */${data.length}`)
        return Buffer.alloc(0)
      }
      if (!range) return data
      reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${data.length}`)
      return data.subarray(range.start, range.end + 1)
    },
  )
  // Counted when playback starts (the audio's play, or reading the text aloud), not when the page loads: a QR
  // scanned and closed is not a listen. Repeats are throttled per listener and per address (plays.service.ts).
  route(
    'POST /api/public/qr/:slug/plays',
    { config: open, summary: '播放计数 Count one play (once per listener per window)' },
    async (request) => countPlay(ctx, request, request.params.slug),
  )
}
