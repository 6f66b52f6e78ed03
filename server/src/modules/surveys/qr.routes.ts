import { IdParams, PublicQrContent, QrContent, QrContentInput, SurveySlugParams } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
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

const tags = ['surveys']
const Binary = Type.Unsafe<Buffer | string>({ type: 'string', format: 'binary' })
const FormatQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['svg', 'png'])) },
  { additionalProperties: false },
)
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
  const bySlug = async (slug: string) => {
    const row = await qrContentBySlug(ctx.db, slug)
    if (!row) throw new AppError('not_found')
    return row
  }

  app.get(
    '/api/qr-contents',
    {
      config: { access: { permission: 'survey.manage' } },
      schema: {
        tags,
        summary: '扫码内容列表 QR content items of the caller’s areas',
        response: { 200: Type.Object({ items: Type.Array(QrContent) }), ...errors },
      },
    },
    async (request) => {
      const grants = request.grantsFor('survey.manage')
      const city = grants.some((g) => g.scope_type === 'city')
      const areas = [...new Set(grants.filter((g) => g.scope_type === 'area').map((g) => g.scope_id!))]
      if (!city && areas.length === 0) return { items: [] }
      return { items: (await listQrContents(ctx.db, city ? null : areas)).map(toContent) }
    },
  )
  app.post(
    '/api/qr-contents',
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
      schema: {
        tags,
        summary: '新建扫码内容 Create an audio or text item',
        body: QrContentInput,
        response: { 201: QrContent, ...errors },
      },
    },
    async (request, reply) => {
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
      reply.status(201)
      return toContent(row)
    },
  )
  app.put(
    '/api/qr-contents/:id/audio',
    {
      bodyLimit: maxBytes,
      config: { access: { permission: 'survey.manage', scope: contentArea } },
      // Refused by its declared length before a byte is read (a body without one is cut off at the same limit).
      preParsing: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > maxBytes)
          throw new AppError('qr_audio_too_large', { limit: sizeLabel(maxBytes) })
      },
      schema: {
        tags,
        summary:
          '上传音频 Upload the audio (MP3, AAC, M4A, OGG, WAV or WebM by signature, up to TONGXIN_LISTEN_AUDIO_MAX_MB; raw body)',
        params: IdParams,
        response: { 200: QrContent, 413: errors[400], ...errors },
      },
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
  app.get(
    '/api/qr-contents/:id/qr',
    {
      config: { access: { permission: 'survey.manage', scope: contentArea } },
      schema: {
        tags,
        summary: '内容二维码 Printable QR code of the item’s public page (SVG or PNG)',
        params: IdParams,
        querystring: FormatQuery,
        produces: ['image/svg+xml', 'image/png'],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const slug = await qrContentSlug(ctx.db, request.params.id)
      const img = await qrImage(publicUrl(request, `${CONTENT_PAGE}${slug}`), request.query.format ?? 'svg')
      reply.header('content-type', img.type)
      return img.body
    },
  )
  app.get(
    '/api/surveys/:id/qr',
    {
      config: { access: { permission: 'survey.analyse' } },
      schema: {
        tags,
        summary: '问卷二维码 QR code of the answering page (SVG or PNG)',
        params: IdParams,
        querystring: FormatQuery,
        produces: ['image/svg+xml', 'image/png'],
        response: { 200: Binary, ...errors },
      },
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

  app.get(
    '/api/public/qr/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '扫码内容页 The public page of an item',
        params: SurveySlugParams,
        response: { 200: PublicQrContent, ...errors },
      },
    },
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
  app.get(
    '/api/public/qr/:slug/audio',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '音频 The item’s audio (one byte range on request, as mobile players ask)',
        params: SurveySlugParams,
        produces: ['audio/mpeg', 'audio/aac', 'audio/mp4', 'audio/ogg', 'audio/wav', 'audio/webm'],
        response: { 200: Binary, 206: Binary, 416: Binary, ...errors },
      },
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
  app.post(
    '/api/public/qr/:slug/plays',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '播放计数 Count one play (once per listener per window)',
        params: SurveySlugParams,
        response: { 200: Type.Object({ plays: Type.Integer(), counted: Type.Boolean() }), ...errors },
      },
    },
    async (request) => countPlay(ctx, request, request.params.slug),
  )
}
