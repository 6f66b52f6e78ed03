import { IdParams, PublicQrContent, QrContent, QrContentInput, SurveySlugParams } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { errors } from './http.ts'
import { AUDIO_MAX_BYTES, publicUrl, qrImage, sniffAudio } from './qr.ts'
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
const COLUMNS = [
  'id',
  'slug',
  'area_code',
  'project_id',
  'kind',
  'title',
  'body',
  'audio_type',
  'audio_bytes',
  'plays',
] as const

/** "扫码听红音": short audio or text items, each with a public page and a printable QR code; and survey QR codes. */
export default async function qrRoutes(app: TypedApp, ctx: AppContext) {
  // Audio arrives as a raw body (this plugin only); its real type is decided by its signature, not the header.
  app.addContentTypeParser(/^audio\//, { parseAs: 'buffer', bodyLimit: AUDIO_MAX_BYTES }, (_r, body, done) =>
    done(null, body),
  )
  const contentArea = async (request: FastifyRequest<{ Params: { id: number } }>) => {
    const row = await ctx.db
      .selectFrom('qr_content')
      .select('area_code')
      .where('id', '=', request.params.id)
      .executeTakeFirst()
    if (!row) throw new AppError('not_found')
    return { type: 'area' as const, id: row.area_code }
  }
  const bySlug = async (slug: string) => {
    const row = await ctx.db
      .selectFrom('qr_content')
      .select(COLUMNS)
      .where('slug', '=', slug)
      .executeTakeFirst()
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
      let q = ctx.db
        .selectFrom('qr_content as c')
        .innerJoin('area as a', 'a.code', 'c.area_code')
        .select(COLUMNS.map((c) => `c.${c}` as const))
        .orderBy('c.id')
      if (!city) {
        const paths = await ctx.db.selectFrom('area').select('path').where('code', 'in', areas).execute()
        q = q.where((eb) =>
          eb.or(paths.flatMap((p) => [eb('a.path', '=', p.path), eb('a.path', 'like', `${p.path}/%`)])),
        )
      }
      return { items: (await q.execute()).map(toContent) }
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
        const p = await ctx.db
          .selectFrom('service_project')
          .select('id')
          .where('id', '=', b.projectId)
          .executeTakeFirst()
        if (!p)
          throw new AppError('unknown_ref', {
            ref: { 'zh-CN': `服务项目 ${b.projectId}`, 'en-US': `project ${b.projectId}` },
          })
      }
      const now = ctx.clock.now()
      const row = await ctx.db
        .insertInto('qr_content')
        .values({
          slug: newSlug(),
          area_code: b.areaCode,
          project_id: b.projectId ?? null,
          kind: b.kind,
          title: b.title,
          body: b.body ?? '',
          created_at: now,
          updated_at: now,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow()
      reply.status(201)
      return toContent(row)
    },
  )
  app.put(
    '/api/qr-contents/:id/audio',
    {
      bodyLimit: AUDIO_MAX_BYTES,
      config: { access: { permission: 'survey.manage', scope: contentArea } },
      schema: {
        tags,
        summary: '上传音频 Upload the audio (MP3, M4A, OGG or WAV by signature, up to 5 MB; raw body)',
        params: IdParams,
        response: { 200: QrContent, 413: errors[400], 415: errors[400], ...errors },
      },
    },
    async (request) => {
      const data = request.body as unknown
      const kind = Buffer.isBuffer(data) ? sniffAudio(data) : null
      if (!kind || !Buffer.isBuffer(data)) throw new AppError('qr_audio_invalid')
      const row = await ctx.db
        .updateTable('qr_content')
        .set({ audio: data, audio_type: kind, audio_bytes: data.length, updated_at: ctx.clock.now() })
        .where('id', '=', request.params.id)
        .where('kind', '=', 'audio')
        .returning(COLUMNS)
        .executeTakeFirst()
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
      const row = await ctx.db
        .selectFrom('qr_content')
        .select('slug')
        .where('id', '=', request.params.id)
        .executeTakeFirstOrThrow()
      const img = await qrImage(
        publicUrl(request, `${CONTENT_PAGE}${row.slug}`),
        request.query.format ?? 'svg',
      )
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
    async (request) => {
      const r = await bySlug(request.params.slug)
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
        summary: '音频 The item’s audio',
        params: SurveySlugParams,
        produces: ['audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/wav'],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const r = await ctx.db
        .selectFrom('qr_content')
        .select(['audio', 'audio_type'])
        .where('slug', '=', request.params.slug)
        .executeTakeFirst()
      if (!r?.audio || !r.audio_type) throw new AppError('not_found')
      reply.header('content-type', r.audio_type).header('cache-control', 'public, max-age=3600')
      return Buffer.from(r.audio)
    },
  )
  // Counted when the listener presses play (the page calls this once per page view, on the first play), not
  // when the page loads: a QR scanned and closed is not a listen. Text items count when opened (nothing to play).
  app.post(
    '/api/public/qr/:slug/plays',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '播放计数 Count one play',
        params: SurveySlugParams,
        response: { 200: Type.Object({ plays: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const r = await ctx.db
        .updateTable('qr_content')
        .set((eb) => ({ plays: eb('plays', '+', 1) }))
        .where('slug', '=', request.params.slug)
        .returning('plays')
        .executeTakeFirst()
      if (!r) throw new AppError('not_found')
      return { plays: Number(r.plays) }
    },
  )
}
