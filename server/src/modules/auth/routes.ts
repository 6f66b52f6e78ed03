import { authApi, ErrorBody } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { clearSessionCookies, requirePrincipal } from '../../plugins/auth.ts'
import { setDeviceCookie } from './device.ts'
import { changePassword, login, logout, toMe } from './service.ts'
import { loadSession, setSessionCookies } from './session.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody }

export default async function authRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, authApi, { tags: ['auth'], errors })
  // Logging out, reading oneself and changing the password stay open while a temporary password waits.
  const signedIn = { access: 'authenticated', beforePasswordChange: true } as const

  route(
    'POST /api/auth/login',
    { config: { access: 'public' }, summary: '登录 Log in' },
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

  route('POST /api/auth/logout', { config: signedIn, summary: '退出 Log out' }, async (request, reply) => {
    await logout(ctx, request, requirePrincipal(request))
    clearSessionCookies(reply)
    return { ok: true as const }
  })

  route('GET /api/auth/me', { config: signedIn, summary: '当前用户 Current user' }, async (request) =>
    toMe(ctx, requirePrincipal(request)),
  )

  route(
    'POST /api/auth/password',
    {
      config: signedIn,
      summary: '修改密码 Change password (also the forced change after a temporary password)',
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
