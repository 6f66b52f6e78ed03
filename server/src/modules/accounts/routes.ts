import {
  AccountListQuery,
  AccountSummary,
  CountedPage,
  CreateAccountBody,
  CreatedAccount,
  ErrorBody,
  IdParams,
  SetGrantsBody,
  TemporaryPassword,
  UpdateAccountBody,
  VersionBody,
} from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import accountImportRoutes from './import.routes.ts'
import invitationRoutes from './invitations.routes.ts'
import { resetPassword, setGrants, unlockAccount } from './manage.service.ts'
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
        response: { 200: CountedPage(AccountSummary), ...errors },
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
        summary:
          '新建账号 Create an account with its grants (without a password: a temporary one, shown once)',
        body: CreateAccountBody,
        response: { 201: CreatedAccount, ...errors },
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

  const manage = { permission: 'account.manage', scope: accountScope, match: 'all' } as const

  app.put(
    '/api/accounts/:id/grants',
    {
      config: { access: manage },
      schema: {
        tags: ['platform'],
        summary:
          '设置角色 Replace the account’s grants (each one added or removed must be yours to hand out)',
        params: IdParams,
        body: SetGrantsBody,
        response: { 200: AccountSummary, ...errors },
      },
    },
    async (request) => setGrants(ctx, request, request.params.id, request.body),
  )

  app.post(
    '/api/accounts/:id/unlock',
    {
      config: { access: manage },
      schema: {
        tags: ['platform'],
        summary: '解除锁定 Lift the login locks wrong passwords put on the account',
        params: IdParams,
        response: { 200: AccountSummary, ...errors },
      },
    },
    async (request) => unlockAccount(ctx, request, request.params.id),
  )

  app.post(
    '/api/accounts/:id/reset-password',
    {
      config: { access: manage },
      schema: {
        tags: ['platform'],
        summary:
          '重置密码 Replace the password with a temporary one (shown once, 24 h, one login, then a change)',
        params: IdParams,
        body: VersionBody,
        response: { 200: TemporaryPassword, ...errors },
      },
    },
    async (request) => resetPassword(ctx, request, request.params.id, request.body.version),
  )

  // Invitations and sign-up belong to accounts; registered here so app.ts lists one module.
  await invitationRoutes(app, ctx)
  await app.register(async (sub: TypedApp) => accountImportRoutes(sub, ctx))
}
