import {
  AccountSignupBody,
  CountedPage,
  CreateInvitationBody,
  ErrorBody,
  IdParams,
  Invitation,
  InvitationListQuery,
  Me,
  SignupCheckBody,
  SignupInfo,
  VersionBody,
} from '@tongxin/contracts'
import QRCode from 'qrcode'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
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
const tags = ['platform']
const Binary = Type.Unsafe<Buffer | string>({ type: 'string', format: 'binary' })
const FormatQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['svg', 'png'])) },
  { additionalProperties: false },
)

/**
 * Invitations are offered by staff, building chiefs, point coordinators and event organisers; which one may
 * offer what is the service's rule (it depends on rows such as a point's coordinators, not only on roles),
 * so the routes are open to any signed-in account and the service refuses the rest.
 */
export default async function invitationRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/invitations',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '发起邀请 Create an invitation (role + place, a duty point, or an event)',
        body: CreateInvitationBody,
        response: { 201: Invitation, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createInvitation(ctx, request, request.body)
    },
  )

  app.get(
    '/api/invitations',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '邀请列表 The caller’s invitations, and for staff those in their areas',
        querystring: InvitationListQuery,
        response: { 200: CountedPage(Invitation), ...errors },
      },
    },
    async (request) => listInvitations(ctx, request, request.query),
  )

  app.get(
    '/api/invitations/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '邀请详情 Invitation',
        params: IdParams,
        response: { 200: Invitation, ...errors },
      },
    },
    async (request) => getInvitation(ctx, request, request.params.id),
  )

  app.get(
    '/api/invitations/:id/qr',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '邀请二维码 QR code of the sign-up link, to print or post (SVG or PNG)',
        params: IdParams,
        querystring: FormatQuery,
        produces: ['image/svg+xml', 'image/png'],
        response: { 200: Binary, ...errors },
      },
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

  app.post(
    '/api/invitations/:id/revoke',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '撤销邀请 Revoke: its link stops working at once',
        params: IdParams,
        body: VersionBody,
        response: { 200: Invitation, ...errors },
      },
    },
    async (request) => revokeInvitation(ctx, request, request.params.id, request.body.version),
  )

  app.post(
    '/api/signup/check',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '查看邀请 What an invitation link offers (the token in the body, never in a URL)',
        body: SignupCheckBody,
        response: { 200: SignupInfo, ...publicErrors },
      },
    },
    async (request) => signupInfo(ctx, request, request.body.token),
  )

  app.post(
    '/api/signup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          '注册 Sign up with an invitation: the account is created in its role and place, and signed in',
        body: AccountSignupBody,
        response: { 201: Me, ...publicErrors },
      },
    },
    async (request, reply) => {
      // New cookies replace those of a session this browser had (signUp ended it).
      const { token, csrfToken } = await signUp(ctx, request, request.body)
      setSessionCookies(ctx, reply, token, csrfToken)
      setDeviceCookie(ctx, reply, request.body.username)
      const loaded = await loadSession(ctx, token, request)
      reply.status(201)
      return toMe(ctx, loaded.principal!)
    },
  )
}
