import type { Readable } from 'node:stream'
import { ErrorBody, GAP_RULES, IdParams, IMPORT_KINDS, IMPORT_MAX_BYTES, ImportJob } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { KIND_SPECS } from './columns.ts'
import { EXPORT_LISTS, exportCoverage, exportList } from './exports.ts'
import { exportGaps } from './gap-export.ts'
import { commitJob, dryRun, getJob } from './service.ts'
import { templateWorkbook } from './templates.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['imports']
/** A binary body or reply, for the OpenAPI document; Fastify sends Buffers and streams as they are. */
const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' })
const KindParams = Type.Object({ kind: Type.Enum([...IMPORT_KINDS]) }, { additionalProperties: false })
const AreaQuery = Type.Object(
  { area: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })) },
  { additionalProperties: false },
)

/** RFC 6266 / 5987: a Chinese file name survives every browser. */
const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

export default async function importRoutes(app: TypedApp, ctx: AppContext) {
  /** The date in Shanghai, for file names. */
  const today = () => shanghaiDate(ctx.clock.now()).replace(/-/g, '')
  // Only this plugin's routes take raw workbooks; everywhere else the API stays JSON-only.
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  )

  app.get(
    '/api/imports/templates/:kind',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags,
        summary: '导入模板 Download the import template of a kind (.xlsx)',
        params: KindParams,
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const { kind } = request.params
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`${KIND_SPECS[kind].sheet}导入模板.xlsx`))
      return templateWorkbook(kind)
    },
  )

  app.post(
    '/api/imports/:kind',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      config: { access: { permission: 'registry.import' } },
      // Refuse before reading 30 MB: who may import is known from the session, the size from the header.
      preParsing: async (request, _reply, payload) => {
        requirePrincipal(request)
        if (request.grantsFor('registry.import').length === 0) throw new AppError('forbidden')
        if (Number(request.headers['content-length'] ?? 0) > IMPORT_MAX_BYTES)
          throw new AppError('body_too_large', { limit: '30 MiB' })
        return payload
      },
      schema: {
        tags,
        summary: '导入检查 Dry run: check every row and diff against the registry (stores the job)',
        description:
          'Body: the .xlsx file itself (content-type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/octet-stream). Nothing is written to the registry.',
        params: KindParams,
        consumes: [XLSX, 'application/octet-stream'],
        querystring: Type.Object(
          { fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: ImportJob, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (request, reply) => {
      const body = request.body as unknown
      if (!Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', {
          type: String(request.headers['content-type'] ?? 'none'),
        })
      }
      const fileName = request.query.fileName ?? `${KIND_SPECS[request.params.kind].sheet}.xlsx`
      const job = await dryRun(ctx, request, request.params.kind, body, fileName)
      reply.status(201)
      return job
    },
  )

  app.get(
    '/api/imports/:id',
    {
      config: { access: { permission: 'registry.import' } },
      schema: {
        tags,
        summary: '导入任务 An import job: status, progress while committing, errors and diff',
        params: IdParams,
        response: { 200: ImportJob, ...errors },
      },
    },
    async (request) => getJob(ctx, request, request.params.id),
  )

  app.post(
    '/api/imports/:id/commit',
    {
      config: { access: { permission: 'registry.import' } },
      schema: {
        tags,
        summary: '提交导入 Commit a checked job, all rows or none',
        description:
          'Files of up to 2,000 rows are committed within the request (200). Larger ones continue in the background (202, status committing): poll GET /api/imports/{id} for processedRows.',
        params: IdParams,
        response: { 200: ImportJob, 202: ImportJob, ...errors },
      },
    },
    async (request, reply) => {
      const { job, background } = await commitJob(ctx, request, request.params.id)
      reply.status(background ? 202 : 200)
      return job
    },
  )

  app.get(
    '/api/exports/coverage',
    {
      config: {
        access: {
          permission: 'coverage.read',
          scope: (r: { query: { area?: string } }) => ({ type: 'area', id: r.query.area ?? '310000' }),
        },
      },
      schema: {
        tags,
        summary: '导出覆盖统计 The coverage report as a workbook (figures + units by category)',
        querystring: AreaQuery,
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const stream = await exportCoverage(ctx, request, request.query.area)
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          attachment(`党组织覆盖统计_${request.query.area ?? '310000'}_${today()}.xlsx`),
        )
      return reply.send(stream)
    },
  )

  app.get(
    '/api/exports/gaps',
    {
      config: {
        access: {
          permission: 'coverage.read',
          scope: (r: { query: { area?: string } }) => ({ type: 'area', id: r.query.area ?? '310000' }),
        },
      },
      schema: {
        tags,
        summary: '导出问题清单 The gap list as a workbook (rule, row, facts, proposed action)',
        querystring: Type.Object(
          {
            area: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })),
            rule: Type.Optional(Type.Enum([...GAP_RULES])),
          },
          { additionalProperties: false },
        ),
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const stream = await exportGaps(ctx, request, request.query)
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          attachment(`问题清单_${request.query.area ?? '310000'}_${today()}.xlsx`),
        )
      return reply.send(stream)
    },
  )

  app.get(
    '/api/exports/:list',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags,
        summary: '导出名单 A registry list as a workbook shaped like its import template',
        params: Type.Object({ list: Type.Enum([...EXPORT_LISTS]) }, { additionalProperties: false }),
        querystring: AreaQuery,
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const { list } = request.params
      const stream = await exportList(ctx, request, list, request.query.area)
      const name = { buildings: '楼宇', units: '单位', party_orgs: '党组织', people: '党员' }[list]
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`${name}_${request.query.area ?? '全部'}_${today()}.xlsx`))
      return reply.send(stream)
    },
  )
}
