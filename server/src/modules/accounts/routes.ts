import { accountsApi, ErrorBody } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import accountImportRoutes from './import.routes.ts'
import invitationRoutes from './invitations.routes.ts'
import { resetPassword, setGrants, unlockAccount } from './manage.service.ts'
import { accountScopeRefs, createAccount, getAccount, listAccountPage, updateAccount } from './service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export default async function accountRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, accountsApi, { tags: ['platform'], errors })
  const accountScope = (request: { params: { id: number } }) => accountScopeRefs(ctx.db, request.params.id)

  route(
    'GET /api/accounts',
    {
      config: { access: { permission: 'account.read' } },
      summary: '账号列表 Accounts with a grant inside `area` (default: the caller’s areas)',
    },
    async (request) => listAccountPage(ctx, request, request.query),
  )

  route(
    'GET /api/accounts/:id',
    {
      config: { access: { permission: 'account.read', scope: accountScope } },
      summary: '账号详情 Account',
    },
    async (request) => getAccount(ctx, request, request.params.id),
  )

  route(
    'POST /api/accounts',
    {
      config: { access: { permission: 'account.manage' } },
      summary: '新建账号 Create an account with its grants (without a password: a temporary one, shown once)',
    },
    async (request) => createAccount(ctx, request, request.body),
  )

  route(
    'PATCH /api/accounts/:id',
    {
      config: { access: { permission: 'account.manage', scope: accountScope, match: 'all' } },
      summary: '修改账号 Update (optimistic lock on `version`)',
    },
    async (request) => updateAccount(ctx, request, request.params.id, request.body),
  )

  const manage = { permission: 'account.manage', scope: accountScope, match: 'all' } as const

  route(
    'PUT /api/accounts/:id/grants',
    {
      config: { access: manage },
      summary: '设置角色 Replace the account’s grants (each one added or removed must be yours to hand out)',
    },
    async (request) => setGrants(ctx, request, request.params.id, request.body),
  )

  route(
    'POST /api/accounts/:id/unlock',
    {
      config: { access: manage },
      summary: '解除锁定 Lift the login locks wrong passwords put on the account',
    },
    async (request) => unlockAccount(ctx, request, request.params.id),
  )

  route(
    'POST /api/accounts/:id/reset-password',
    {
      config: { access: manage },
      summary:
        '重置密码 Replace the password with a temporary one (shown once, 24 h, one login, then a change)',
    },
    async (request) => resetPassword(ctx, request, request.params.id, request.body.version),
  )

  // Invitations and sign-up belong to accounts; registered here so app.ts lists one module.
  await invitationRoutes(app, ctx)
  await app.register(async (sub: TypedApp) => accountImportRoutes(sub, ctx))
}
