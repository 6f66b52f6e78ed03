import { ErrorBody, IMPORT_MAX_BYTES, importsApi } from '@tongxin/contracts'
import type { preParsingAsyncHookHandler } from 'fastify'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { KIND_SPECS } from './columns.ts'
import { exportCoverage, exportList } from './exports.ts'
import { exportGaps } from './gap-export.ts'
import { commitJob, dryRun, getJob } from './service.ts'
import { templateWorkbook } from './templates.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

/** RFC 6266 / 5987: a Chinese file name survives every browser. */
const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

// Refuse before reading 30 MB: who may import is known from the session, the size from the header.
const mayUpload: preParsingAsyncHookHandler = async (request, _reply, payload) => {
  requirePrincipal(request)
  if (request.grantsFor('registry.import').length === 0) throw new AppError('forbidden')
  if (Number(request.headers['content-length'] ?? 0) > IMPORT_MAX_BYTES)
    throw new AppError('body_too_large', { limit: '30 MiB' })
  return payload
}

const areaScope = (r: { query: { area?: string } }): ScopeRef => ({
  type: 'area',
  id: r.query.area ?? '310000',
})

export default async function importRoutes(app: TypedApp, ctx: AppContext) {
  /** The date in Shanghai, for file names. */
  const today = () => shanghaiDate(ctx.clock.now()).replace(/-/g, '')
  // Only this plugin's routes take raw workbooks; everywhere else the API stays JSON-only.
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  )
  const route = contractRoutes(app, importsApi, { tags: ['imports'], errors })
  const importer = { access: { permission: 'registry.import' } } as const

  route(
    'GET /api/imports/templates/:kind',
    {
      config: { access: { permission: 'registry.read' } },
      summary: '导入模板 Download the import template of a kind (.xlsx)',
      produces: [XLSX],
    },
    async (request, reply) => {
      const { kind } = request.params
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`${KIND_SPECS[kind].sheet}导入模板.xlsx`))
      return templateWorkbook(kind)
    },
  )

  route(
    'POST /api/imports/:kind',
    {
      config: importer,
      summary: '导入检查 Dry run: check every row and diff against the registry (stores the job)',
      description:
        'Body: the .xlsx file itself (content-type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/octet-stream). Nothing is written to the registry.',
      errors: { ...errors, 413: ErrorBody, 415: ErrorBody },
      upload: {
        consumes: [XLSX, 'application/octet-stream'],
        bodyLimit: IMPORT_MAX_BYTES,
        preParsing: mayUpload,
      },
    },
    async (request) => {
      const body = request.body as unknown
      if (!Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', {
          type: String(request.headers['content-type'] ?? 'none'),
        })
      }
      const fileName = request.query.fileName ?? `${KIND_SPECS[request.params.kind].sheet}.xlsx`
      return dryRun(ctx, request, request.params.kind, body, fileName)
    },
  )

  route(
    'GET /api/imports/:id',
    {
      config: importer,
      summary: '导入任务 An import job: status, progress while committing, errors and diff',
    },
    async (request) => getJob(ctx, request, request.params.id),
  )

  route(
    'POST /api/imports/:id/commit',
    {
      config: importer,
      summary: '提交导入 Commit a checked job, all rows or none',
      description:
        'Files of up to 2,000 rows are committed within the request (200). Larger ones continue in the background (202, status committing): poll GET /api/imports/{id} for processedRows.',
    },
    async (request, reply) => {
      const { job, background } = await commitJob(ctx, request, request.params.id)
      if (background) reply.status(202)
      return job
    },
  )

  route(
    'GET /api/exports/coverage',
    {
      config: { access: { permission: 'coverage.read', scope: areaScope } },
      summary: '导出覆盖统计 The coverage report as a workbook (figures + units by category)',
      produces: [XLSX],
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

  route(
    'GET /api/exports/gaps',
    {
      config: { access: { permission: 'coverage.read', scope: areaScope } },
      summary: '导出问题清单 The gap list as a workbook (rule, row, facts, proposed action)',
      produces: [XLSX],
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

  route(
    'GET /api/exports/:list',
    {
      config: { access: { permission: 'registry.read' } },
      summary: '导出名单 A registry list as a workbook shaped like its import template',
      produces: [XLSX],
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
