import type { Readable } from 'node:stream'
import {
  DuesBaseInput,
  DuesBaseReveal,
  DuesImportResult,
  DuesRate,
  DuesRateQuery,
  DuesReport,
  DuesReportQuery,
  ErrorBody,
  IdParams,
  OrgDues,
  OrgIdParams,
  Payment,
  PaymentInput,
  YearQuery,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
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
const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' })
const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

export default async function duesRoutes(app: TypedApp, ctx: AppContext) {
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: DUES_IMPORT_MAX_BYTES },
    (_r, body, done) => done(null, body),
  )
  const keep = { access: { permission: 'orglife.record', scope: orgParamScope } } as const

  app.get(
    '/api/orglife/dues/rate',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '党费计算 The monthly dues for a category and income (2008 rules), to preview in a form',
        querystring: DuesRateQuery,
        response: { 200: DuesRate, ...errors },
      },
    },
    async (request) => {
      const c = baseColumns(ctx.secret, request.query.category, request.query.monthlyIncome)
      return { rateBp: c.rate_bp, monthlyCents: c.monthly_cents }
    },
  )
  app.get(
    '/api/orglife/orgs/:id/dues',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      schema: {
        tags,
        summary:
          '党费 The organisation’s dues for a year: per member the base (masked), months paid and in arrears',
        params: OrgIdParams,
        querystring: YearQuery,
        response: { 200: OrgDues, ...errors },
      },
    },
    async (request) => orgDues(ctx, request, request.params.id, request.query.year),
  )
  app.put(
    '/api/orglife/orgs/:id/dues/bases/:personId',
    {
      config: keep,
      schema: {
        tags,
        summary: '核定党费基数 Confirm a member’s base for a year (income stored encrypted)',
        params: Type.Object(
          { id: Type.Integer({ minimum: 1 }), personId: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        body: DuesBaseInput,
        response: { 200: DuesRate, ...errors },
      },
    },
    async (request) => confirmBase(ctx, request, request.params.id, request.params.personId, request.body),
  )
  app.get(
    '/api/orglife/dues/bases/:personId',
    {
      // The income is personal data: shown unmasked only to roles that read ID numbers, and audited as they are.
      config: { access: { permission: 'person.pii', scope: memberScope(ctx) } },
      schema: {
        tags,
        summary: '查看党费基数 A member’s income behind the base (personal data, audited)',
        params: Type.Object({ personId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        querystring: YearQuery,
        response: { 200: DuesBaseReveal, ...errors },
      },
    },
    async (request) => revealBase(ctx, request, request.params.personId, request.query.year ?? thisYear(ctx)),
  )
  app.get(
    '/api/orglife/orgs/:id/dues/payments',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      schema: {
        tags,
        summary: '交纳记录 Payments the organisation collected in a year',
        params: OrgIdParams,
        querystring: YearQuery,
        response: { 200: Type.Array(Payment), ...errors },
      },
    },
    async (request) =>
      listPayments(ctx.db, { orgId: request.params.id, year: request.query.year ?? thisYear(ctx) }),
  )
  app.post(
    '/api/orglife/orgs/:id/dues/payments',
    {
      config: keep,
      schema: {
        tags,
        summary: '登记交纳 Record a member’s payment for one or more months (no real payment integration)',
        params: OrgIdParams,
        body: PaymentInput,
        response: { 201: Type.Array(Payment), ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return recordPayments(ctx, request, request.params.id, request.body)
    },
  )
  app.delete(
    '/api/orglife/dues/payments/:id',
    {
      config: { access: { permission: 'orglife.record', scope: duesPaymentScope(ctx) } },
      schema: {
        tags,
        summary: '撤销交纳记录 Remove a payment recorded by mistake (audited)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deletePayment(ctx, request, request.params.id)
      reply.status(204)
      return null
    },
  )
  app.get(
    '/api/orglife/orgs/:id/dues/template',
    {
      config: keep,
      schema: {
        tags,
        summary: '党费导入模板 The payment template with the members filled in (.xlsx)',
        params: OrgIdParams,
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('content-type', XLSX).header('content-disposition', attachment('党费交纳导入模板.xlsx'))
      return duesTemplate(ctx, request.params.id)
    },
  )
  app.post(
    '/api/orglife/orgs/:id/dues/import',
    {
      bodyLimit: DUES_IMPORT_MAX_BYTES,
      config: keep,
      schema: {
        tags,
        summary: '导入交纳记录 Check (dryRun=true) or import payments from the template; all or nothing',
        params: OrgIdParams,
        consumes: [XLSX, 'application/octet-stream'],
        querystring: Type.Object(
          { dryRun: Type.Optional(Type.Boolean()), fileName: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: DuesImportResult, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
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
  app.get(
    '/api/orglife/dues/report',
    {
      config: {
        access: {
          permission: 'orglife.compliance',
          scope: (r: { query: { area?: string } }) => ({ type: 'area', id: r.query.area ?? '310000' }),
        },
      },
      schema: {
        tags,
        summary: '党费统计 Dues of an area’s organisations for a year, per organisation and per area below',
        querystring: DuesReportQuery,
        response: { 200: DuesReport, ...errors },
      },
    },
    async (request) => duesReport(ctx, request.query),
  )
}
