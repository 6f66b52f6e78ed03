import type { Readable } from 'node:stream'
import {
  AccountImportJob,
  AccountImportResult,
  ErrorBody,
  IdParams,
  IMPORT_MAX_BYTES,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { specWorkbook } from '../imports/templates.ts'
import { ACCOUNT_SPEC, ACCOUNT_TEMPLATE_LINES } from './import.check.ts'
import { commitAccounts, dryRunAccounts } from './import.service.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['platform']
const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' })
const TEMPLATE_NAME = encodeURIComponent('账号导入模板.xlsx')

/** Accounts from Excel: template, dry run, commit — the registry imports' reader, account rules. */
export default async function accountImportRoutes(app: TypedApp, ctx: AppContext) {
  // Encapsulated in this plugin: only these routes take a raw workbook.
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  )

  app.get(
    '/api/accounts/import/template',
    {
      config: { access: { permission: 'account.manage' } },
      schema: {
        tags,
        summary: '账号导入模板 The accounts import template (.xlsx)',
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
    },
    async (_request, reply) => {
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="accounts.xlsx"; filename*=UTF-8''${TEMPLATE_NAME}`,
        )
      return specWorkbook(ACCOUNT_SPEC, ACCOUNT_TEMPLATE_LINES)
    },
  )

  app.post(
    '/api/accounts/import',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      config: { access: { permission: 'account.manage' } },
      // Who may upload is known from the session before the body is read.
      preParsing: async (request, _reply, payload) => {
        requirePrincipal(request)
        if (request.grantsFor('account.manage').length === 0) throw new AppError('forbidden')
        return payload
      },
      schema: {
        tags,
        summary: '账号导入检查 Dry run: check every row (nothing is created); keeps the rows for the commit',
        consumes: [XLSX, 'application/octet-stream'],
        querystring: Type.Object(
          { fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: AccountImportJob, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (request, reply) => {
      const body = request.body as unknown
      if (!Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', {
          type: String(request.headers['content-type'] ?? 'none'),
        })
      }
      const job = await dryRunAccounts(ctx, request, body, request.query.fileName ?? '账号.xlsx')
      reply.status(201)
      return job
    },
  )

  app.post(
    '/api/accounts/import/:id/commit',
    {
      config: { access: { permission: 'account.manage' } },
      schema: {
        tags,
        summary:
          '提交账号导入 Create every checked account or none; the temporary passwords are shown this once',
        params: IdParams,
        response: { 200: AccountImportResult, ...errors },
      },
    },
    async (request) => commitAccounts(ctx, request, request.params.id),
  )
}
