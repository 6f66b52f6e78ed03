import { accountsApi, ErrorBody } from '@tongxin/contracts'
import QRCode from 'qrcode'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { setDeviceCookie } from '../auth/device.ts'
import { toMe } from '../auth/service.ts'
import { loadSession, setSessionCookies } from '../auth/session.ts'
import {
  createInvitation,
  getInvitation,
  invitationLink,
  listInvitations,
  revokeInvitation,
} from './invitations.service.ts'
import { signUp, signupInfo } from './signup.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const publicErrors = {
  400: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  410: ErrorBody,
  429: ErrorBody,
}
const signedIn = { access: 'authenticated' } as const
const open = { access: 'public' } as const

/**
 * Invitations are offered by staff, building chiefs, point coordinators and event organisers; which one may
 * offer what is the service's rule (it depends on rows such as a point's coordinators, not only on roles),
 * so the routes are open to any signed-in account and the service refuses the rest.
 */
export default async function invitationRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, accountsApi, { tags: ['platform'], errors })

  route(
    'POST /api/invitations',
    {
      config: signedIn,
      summary: '发起邀请 Create an invitation (role + place, a duty point, or an event)',
    },
    async (request) => createInvitation(ctx, request, request.body),
  )

  route(
    'GET /api/invitations',
    {
      config: signedIn,
      summary: '邀请列表 The caller’s invitations, and for staff those in their areas',
    },
    async (request) => listInvitations(ctx, request, request.query),
  )

  route('GET /api/invitations/:id', { config: signedIn, summary: '邀请详情 Invitation' }, async (request) =>
    getInvitation(ctx, request, request.params.id),
  )

  route(
    'GET /api/invitations/:id/qr',
    {
      config: signedIn,
      summary: '邀请二维码 QR code of the sign-up link, to print or post (SVG or PNG)',
      produces: ['image/svg+xml', 'image/png'],
    },
    async (request, reply) => {
      const url = await invitationLink(ctx, request, request.params.id)
      if (request.query.format === 'png') {
        reply.header('content-type', 'image/png')
        return QRCode.toBuffer(url, { type: 'png', width: 600, margin: 2, errorCorrectionLevel: 'M' })
      }
      reply.header('content-type', 'image/svg+xml')
      return QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
    },
  )

  route(
    'POST /api/invitations/:id/revoke',
    { config: signedIn, summary: '撤销邀请 Revoke: its link stops working at once' },
    async (request) => revokeInvitation(ctx, request, request.params.id, request.body.version),
  )

  route(
    'POST /api/signup/check',
    {
      config: open,
      summary: '查看邀请 What an invitation link offers (the token in the body, never in a URL)',
      errors: publicErrors,
    },
    async (request) => signupInfo(ctx, request, request.body.token),
  )

  route(
    'POST /api/signup',
    {
      config: open,
      summary: '注册 Sign up with an invitation: the account is created in its role and place, and signed in',
      errors: publicErrors,
    },
    async (request, reply) => {
      // New cookies replace those of a session this browser had (signUp ended it).
      const { token, csrfToken } = await signUp(ctx, request, request.body)
      setSessionCookies(ctx, reply, token, csrfToken)
      setDeviceCookie(ctx, reply, request.body.username)
      const loaded = await loadSession(ctx, token, request)
      return toMe(ctx, loaded.principal!)
    },
  )
}
