import {
  IdParams,
  LetterVerification,
  LetterVerifyQuery,
  OrgIdParams,
  Page,
  Transfer,
  TransferDecision,
  TransferInput,
  TransferLetter,
  TransferListQuery,
  TransferReceipt,
  TransferRefusal,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { normaliseQuery } from '../../lib/pinyin.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { orgParamScope, orgRef } from './access.ts'
import { areaScope } from './compliance.service.ts'
import { transferLetter, verifyLetter } from './letters.ts'
import { errors, tags } from './meetings.routes.ts'
import {
  areaTransfers,
  getTransfer,
  issuingOrg,
  orgDirectory,
  orgTransfers,
  transferSides,
} from './transfers.query.ts'
import {
  acceptTransfer,
  cancelTransfer,
  createTransfer,
  recordReceipt,
  refuseTransfer,
} from './transfers.service.ts'

export default async function transferRoutes(app: TypedApp, ctx: AppContext) {
  /**
   * Who acts on a transfer: the receiver accepts or refuses, the issuer withdraws or records the receipt,
   * either side reads it. A transfer that does not exist places nowhere (404).
   */
  const by =
    (side: 'receiver' | 'issuer' | 'either') =>
    async (r: { params: { id: number } }): Promise<ScopeRef[]> => {
      const t = await transferSides(ctx.db, r.params.id)
      if (!t) return []
      const issuer = issuingOrg(t)
      // A step the direction has not (accepting a letter to outside) is refused by the service, by name.
      const receiver = t.to_org_id ?? issuer
      const ids = side === 'receiver' ? [receiver] : side === 'issuer' ? [issuer] : [issuer, receiver]
      return [...new Set(ids)].map(orgRef)
    }
  const record = (side: 'receiver' | 'issuer' | 'either') =>
    ({ access: { permission: 'orglife.record', scope: by(side) } }) as const
  const origin = (r: { protocol: string; host: string }) => `${r.protocol}://${r.host}`

  app.get(
    '/api/orglife/org-directory',
    {
      config: { access: { permission: 'orglife.record' } },
      schema: {
        tags,
        summary: '党组织名录 Find any live organisation by name, pinyin or initials (to send a transfer to)',
        querystring: Type.Object(
          { q: Type.String({ minLength: 1, maxLength: 40 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), areaName: Type.String() })),
          ...errors,
        },
      },
    },
    async (request) => {
      // Names and places of organisations are public facts; nothing about their members is returned.
      const rows = await orgDirectory(ctx.db, normaliseQuery(request.query.q))
      return rows.map((r) => ({ id: r.id, name: r.name, areaName: r.area_name }))
    },
  )
  app.get(
    '/api/orglife/orgs/:id/transfers',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      schema: {
        tags,
        summary: '组织关系转接 Transfers into and out of the organisation',
        params: OrgIdParams,
        response: { 200: Type.Array(Transfer), ...errors },
      },
    },
    async (request) => orgTransfers(ctx, request, request.params.id),
  )
  app.post(
    '/api/orglife/orgs/:id/transfers',
    {
      config: { access: { permission: 'orglife.record', scope: orgParamScope } },
      schema: {
        tags,
        summary:
          '发起转接 Start a transfer: out of this organisation (inside or outside the platform), or into it from outside',
        params: OrgIdParams,
        body: TransferInput,
        response: { 201: Transfer, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createTransfer(ctx, request, request.params.id, request.body)
    },
  )
  app.get(
    '/api/orglife/transfers',
    {
      config: {
        access: {
          permission: 'orglife.compliance',
          scope: (r: { query: { area?: string } }) => ({ type: 'area', id: r.query.area ?? '310000' }),
        },
      },
      schema: {
        tags,
        summary: '辖区转接 Transfers touching an area’s organisations (escalated: past their time limit)',
        querystring: TransferListQuery,
        response: { 200: Page(Transfer), ...errors },
      },
    },
    async (request) => areaTransfers(ctx, request, await areaScope(ctx, request.query.area), request.query),
  )
  app.get(
    '/api/orglife/transfers/:id',
    {
      config: { access: { permission: 'orglife.read', scope: by('either') } },
      schema: {
        tags,
        summary: '转接详情 A transfer',
        params: IdParams,
        response: { 200: Transfer, ...errors },
      },
    },
    async (request) => getTransfer(ctx, request, request.params.id),
  )
  app.post(
    '/api/orglife/transfers/:id/accept',
    {
      config: record('receiver'),
      schema: {
        tags,
        summary: '接收 Accept (the receiving organisation): the member moves in the same transaction',
        params: IdParams,
        body: TransferDecision,
        response: { 200: Transfer, ...errors },
      },
    },
    async (request) => acceptTransfer(ctx, request, request.params.id, request.body),
  )
  app.post(
    '/api/orglife/transfers/:id/refuse',
    {
      config: record('receiver'),
      schema: {
        tags,
        summary: '退回 Refuse with a reason (the receiving organisation)',
        params: IdParams,
        body: TransferRefusal,
        response: { 200: Transfer, ...errors },
      },
    },
    async (request) => refuseTransfer(ctx, request, request.params.id, request.body),
  )
  app.post(
    '/api/orglife/transfers/:id/cancel',
    {
      config: record('issuer'),
      schema: {
        tags,
        summary: '撤回 Withdraw (the organisation that started it)',
        params: IdParams,
        body: TransferDecision,
        response: { 200: Transfer, ...errors },
      },
    },
    async (request) => cancelTransfer(ctx, request, request.params.id, request.body),
  )
  app.post(
    '/api/orglife/transfers/:id/receipt',
    {
      config: record('issuer'),
      schema: {
        tags,
        summary: '登记回执 Record the receipt of a letter to outside the platform: the member leaves',
        params: IdParams,
        body: TransferReceipt,
        response: { 200: Transfer, ...errors },
      },
    },
    async (request) => recordReceipt(ctx, request, request.params.id, request.body),
  )
  app.get(
    '/api/orglife/transfers/:id/letter',
    {
      config: record('either'),
      schema: {
        tags,
        summary: '介绍信 The introduction letter to print, with a QR code that verifies it',
        params: IdParams,
        response: { 200: TransferLetter, ...errors },
      },
    },
    async (request) => transferLetter(ctx, request, request.params.id, origin(request)),
  )
  app.get(
    '/api/orglife/letters/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '核验介绍信 Verify a letter by its QR code (public; the name is masked)',
        querystring: LetterVerifyQuery,
        response: { 200: LetterVerification, ...errors },
      },
    },
    async (request) => verifyLetter(ctx, request.query.no, request.query.sig),
  )
}
