import { accountsApi, ErrorBody, IMPORT_MAX_BYTES } from '@tongxin/contracts'
import type { preParsingAsyncHookHandler } from 'fastify'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { specWorkbook } from '../imports/templates.ts'
import { ACCOUNT_SPEC, ACCOUNT_TEMPLATE_LINES } from './import.check.ts'
import { commitAccounts, dryRunAccounts } from './import.service.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const TEMPLATE_NAME = encodeURIComponent('账号导入模板.xlsx')

// Who may upload is known from the session before the body is read.
const mayUpload: preParsingAsyncHookHandler = async (request, _reply, payload) => {
  requirePrincipal(request)
  if (request.grantsFor('account.manage').length === 0) throw new AppError('forbidden')
  return payload
}

/** Accounts from Excel: template, dry run, commit — the registry imports' reader, account rules. */
export default async function accountImportRoutes(app: TypedApp, ctx: AppContext) {
  // Encapsulated in this plugin: only these routes take a raw workbook.
  app.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  )
  const route = contractRoutes(app, accountsApi, { tags: ['platform'], errors })
  const manage = { access: { permission: 'account.manage' } } as const

  route(
    'GET /api/accounts/import/template',
    {
      config: manage,
      summary: '账号导入模板 The accounts import template (.xlsx)',
      produces: [XLSX],
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

  route(
    'POST /api/accounts/import',
    {
      config: manage,
      summary: '账号导入检查 Dry run: check every row (nothing is created); keeps the rows for the commit',
      upload: {
        consumes: [XLSX, 'application/octet-stream'],
        bodyLimit: IMPORT_MAX_BYTES,
        preParsing: mayUpload,
      },
      errors: { ...errors, 413: ErrorBody, 415: ErrorBody },
    },
    async (request) => {
      const body = request.body as unknown
      if (!Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', {
          type: String(request.headers['content-type'] ?? 'none'),
        })
      }
      return dryRunAccounts(ctx, request, body, request.query.fileName ?? '账号.xlsx')
    },
  )

  route(
    'POST /api/accounts/import/:id/commit',
    {
      config: manage,
      summary:
        '提交账号导入 Create every checked account or none; the temporary passwords are shown this once',
    },
    async (request) => commitAccounts(ctx, request, request.params.id),
  )
}
