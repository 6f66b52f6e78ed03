import {
  AccountListQuery,
  AccountSummary,
  CreateAccountBody,
  ErrorBody,
  IdParams,
  Page,
  UpdateAccountBody,
} from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { accountScopeRefs, createAccount, getAccount, listAccountPage, updateAccount } from './service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export default async function accountRoutes(app: TypedApp, ctx: AppContext) {
  const accountScope = (request: { params: { id: number } }) => accountScopeRefs(ctx.db, request.params.id)

  app.get(
    '/api/accounts',
    {
      config: { access: { permission: 'account.read' } },
      schema: {
        tags: ['platform'],
        summary: '账号列表 Accounts with a grant inside `area` (default: the caller’s areas)',
        querystring: AccountListQuery,
        response: { 200: Page(AccountSummary), ...errors },
      },
    },
    async (request) => listAccountPage(ctx, request, request.query),
  )

  app.get(
    '/api/accounts/:id',
    {
      config: { access: { permission: 'account.read', scope: accountScope } },
      schema: {
        tags: ['platform'],
        summary: '账号详情 Account',
        params: IdParams,
        response: { 200: AccountSummary, ...errors },
      },
    },
    async (request) => getAccount(ctx, request, request.params.id),
  )

  app.post(
    '/api/accounts',
    {
      config: { access: { permission: 'account.manage' } },
      schema: {
        tags: ['platform'],
        summary: '新建账号 Create an account with its grants',
        body: CreateAccountBody,
        response: { 201: AccountSummary, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createAccount(ctx, request, request.body)
    },
  )

  app.patch(
    '/api/accounts/:id',
    {
      config: { access: { permission: 'account.manage', scope: accountScope, match: 'all' } },
      schema: {
        tags: ['platform'],
        summary: '修改账号 Update (optimistic lock on `version`)',
        params: IdParams,
        body: UpdateAccountBody,
        response: { 200: AccountSummary, ...errors },
      },
    },
    async (request) => updateAccount(ctx, request, request.params.id, request.body),
  )
}
