import { ChangePasswordBody, ErrorBody, LoginBody, Me, Ok } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { clearSessionCookies, requirePrincipal } from '../../plugins/auth.ts'
import { setDeviceCookie } from './device.ts'
import { changePassword, login, logout, toMe } from './service.ts'
import { loadSession, setSessionCookies } from './session.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody }

export default async function authRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: '登录 Log in', body: LoginBody, response: { 200: Me, ...errors } },
    },
    async (request, reply) => {
      const { token, csrfToken, username } = await login(
        ctx,
        request,
        request.body.username,
        request.body.password,
      )
      setSessionCookies(ctx, reply, token, csrfToken)
      setDeviceCookie(ctx, reply, username)
      const loaded = await loadSession(ctx, token, request)
      return toMe(ctx, loaded.principal!)
    },
  )

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: '退出 Log out', response: { 200: Ok, ...errors } },
    },
    async (request, reply) => {
      await logout(ctx, request, requirePrincipal(request))
      clearSessionCookies(reply)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: Me, ...errors } },
    },
    async (request) => toMe(ctx, requirePrincipal(request)),
  )

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password (also the forced change after a temporary password)',
        body: ChangePasswordBody,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await changePassword(
        ctx,
        request,
        requirePrincipal(request),
        request.body.currentPassword,
        request.body.newPassword,
      )
      return { ok: true as const }
    },
  )
}
