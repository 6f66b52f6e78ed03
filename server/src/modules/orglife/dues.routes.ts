import { ErrorBody, orglifeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { duesPaymentScope, memberScope, orgParamScope, thisYear } from './access.ts'
import { DUES_IMPORT_MAX_BYTES, duesTemplate, importPayments } from './dues.import.ts'
import { deletePayment, listPayments, recordPayments } from './dues.payments.ts'
import { duesReport } from './dues.report.ts'
import { baseColumns, confirmBase, orgDues, revealBase } from './dues.service.ts'
import { errors, tags } from './meetings.routes.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

export default async function duesRoutes(app: TypedApp, ctx: AppContext) {
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: DUES_IMPORT_MAX_BYTES },
    (_r, body, done) => done(null, body),
  )
  const route = contractRoutes(app, orglifeApi, { tags, errors })
  const read = { access: { permission: 'orglife.read', scope: orgParamScope } } as const
  const keep = { access: { permission: 'orglife.record', scope: orgParamScope } } as const

  route(
    'GET /api/orglife/dues/rate',
    {
      config: { access: 'authenticated' },
      summary: '党费计算 The monthly dues for a category and income (2008 rules), to preview in a form',
    },
    async (request) => {
      const c = baseColumns(ctx.secret, request.query.category, request.query.monthlyIncome)
      return { rateBp: c.rate_bp, monthlyCents: c.monthly_cents }
    },
  )
  route(
    'GET /api/orglife/orgs/:id/dues',
    {
      config: read,
      summary:
        '党费 The organisation’s dues for a year: per member the base (masked), months paid and in arrears',
    },
    async (request) => orgDues(ctx, request, request.params.id, request.query.year),
  )
  route(
    'PUT /api/orglife/orgs/:id/dues/bases/:personId',
    { config: keep, summary: '核定党费基数 Confirm a member’s base for a year (income stored encrypted)' },
    async (request) => confirmBase(ctx, request, request.params.id, request.params.personId, request.body),
  )
  route(
    'GET /api/orglife/dues/bases/:personId',
    {
      // The income is personal data: shown unmasked only to roles that read ID numbers, and audited as they are.
      config: { access: { permission: 'person.pii', scope: memberScope(ctx) } },
      summary: '查看党费基数 A member’s income behind the base (personal data, audited)',
    },
    async (request) => revealBase(ctx, request, request.params.personId, request.query.year ?? thisYear(ctx)),
  )
  route(
    'GET /api/orglife/orgs/:id/dues/payments',
    { config: read, summary: '交纳记录 Payments the organisation collected in a year' },
    async (request) =>
      listPayments(ctx.db, { orgId: request.params.id, year: request.query.year ?? thisYear(ctx) }),
  )
  route(
    'POST /api/orglife/orgs/:id/dues/payments',
    {
      config: keep,
      summary: '登记交纳 Record a member’s payment for one or more months (no real payment integration)',
    },
    async (request) => recordPayments(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/orglife/dues/payments/:id',
    {
      config: { access: { permission: 'orglife.record', scope: duesPaymentScope(ctx) } },
      summary: '撤销交纳记录 Remove a payment recorded by mistake (audited)',
    },
    async (request) => {
      await deletePayment(ctx, request, request.params.id)
      return null
    },
  )
  route(
    'GET /api/orglife/orgs/:id/dues/template',
    {
      config: keep,
      summary: '党费导入模板 The payment template with the members filled in (.xlsx)',
      produces: [XLSX],
    },
    async (request, reply) => {
      reply.header('content-type', XLSX).header('content-disposition', attachment('党费交纳导入模板.xlsx'))
      return duesTemplate(ctx, request.params.id)
    },
  )
  route(
    'POST /api/orglife/orgs/:id/dues/import',
    {
      config: keep,
      summary: '导入交纳记录 Check (dryRun=true) or import payments from the template; all or nothing',
      upload: { consumes: [XLSX, 'application/octet-stream'], bodyLimit: DUES_IMPORT_MAX_BYTES },
      errors: { ...errors, 413: ErrorBody, 415: ErrorBody },
    },
    async (request) => {
      const body = request.body as unknown
      if (!Buffer.isBuffer(body))
        throw new AppError('unsupported_media_type', {
          type: String(request.headers['content-type'] ?? 'none'),
        })
      return importPayments(ctx, request, request.params.id, body, {
        dryRun: request.query.dryRun !== false,
        locale: localeFromHeader(request.headers['accept-language']),
        fileName: request.query.fileName ?? 'dues.xlsx',
      })
    },
  )
  route(
    'GET /api/orglife/dues/report',
    {
      config: {
        access: {
          permission: 'orglife.compliance',
          scope: (r: { query: { area?: string } }) => ({ type: 'area', id: r.query.area ?? '310000' }),
        },
      },
      summary: '党费统计 Dues of an area’s organisations for a year, per organisation and per area below',
    },
    async (request) => duesReport(ctx, request.query),
  )
}
