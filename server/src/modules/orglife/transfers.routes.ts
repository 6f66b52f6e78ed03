import { orglifeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
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

  const route = contractRoutes(app, orglifeApi, { tags, errors })

  route(
    'GET /api/orglife/org-directory',
    {
      config: { access: { permission: 'orglife.record' } },
      summary: '党组织名录 Find any live organisation by name, pinyin or initials (to send a transfer to)',
    },
    async (request) => {
      // Names and places of organisations are public facts; nothing about their members is returned.
      const rows = await orgDirectory(ctx.db, normaliseQuery(request.query.q))
      return rows.map((r) => ({ id: r.id, name: r.name, areaName: r.area_name }))
    },
  )
  route(
    'GET /api/orglife/orgs/:id/transfers',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      summary: '组织关系转接 Transfers into and out of the organisation',
    },
    async (request) => orgTransfers(ctx, request, request.params.id),
  )
  route(
    'POST /api/orglife/orgs/:id/transfers',
    {
      config: { access: { permission: 'orglife.record', scope: orgParamScope } },
      summary:
        '发起转接 Start a transfer: out of this organisation (inside or outside the platform), or into it from outside',
    },
    async (request) => createTransfer(ctx, request, request.params.id, request.body),
  )
  route(
    'GET /api/orglife/transfers',
    {
      config: {
        access: {
          permission: 'orglife.compliance',
          scope: (r: { query: { area?: string } }) => ({ type: 'area', id: r.query.area ?? '310000' }),
        },
      },
      summary: '辖区转接 Transfers touching an area’s organisations (escalated: past their time limit)',
    },
    async (request) => areaTransfers(ctx, request, await areaScope(ctx, request.query.area), request.query),
  )
  route(
    'GET /api/orglife/transfers/:id',
    {
      config: { access: { permission: 'orglife.read', scope: by('either') } },
      summary: '转接详情 A transfer',
    },
    async (request) => getTransfer(ctx, request, request.params.id),
  )
  route(
    'POST /api/orglife/transfers/:id/accept',
    {
      config: record('receiver'),
      summary: '接收 Accept (the receiving organisation): the member moves in the same transaction',
    },
    async (request) => acceptTransfer(ctx, request, request.params.id, request.body),
  )
  route(
    'POST /api/orglife/transfers/:id/refuse',
    { config: record('receiver'), summary: '退回 Refuse with a reason (the receiving organisation)' },
    async (request) => refuseTransfer(ctx, request, request.params.id, request.body),
  )
  route(
    'POST /api/orglife/transfers/:id/cancel',
    { config: record('issuer'), summary: '撤回 Withdraw (the organisation that started it)' },
    async (request) => cancelTransfer(ctx, request, request.params.id, request.body),
  )
  route(
    'POST /api/orglife/transfers/:id/receipt',
    {
      config: record('issuer'),
      summary: '登记回执 Record the receipt of a letter to outside the platform: the member leaves',
    },
    async (request) => recordReceipt(ctx, request, request.params.id, request.body),
  )
  route(
    'GET /api/orglife/transfers/:id/letter',
    {
      config: record('either'),
      summary: '介绍信 The introduction letter to print, with a QR code that verifies it',
    },
    async (request) => transferLetter(ctx, request, request.params.id, origin(request)),
  )
  route(
    'GET /api/orglife/letters/verify',
    {
      config: { access: 'public' },
      summary: '核验介绍信 Verify a letter by its QR code (public; the name is masked)',
    },
    async (request) => verifyLetter(ctx, request.query.no, request.query.sig),
  )
}
