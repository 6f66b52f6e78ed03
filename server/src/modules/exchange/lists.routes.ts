import { type AllianceMemberInput, ErrorBody, exchangeApi, type OfferingInput } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import {
  addMember,
  allianceScope,
  createAlliance,
  getAlliance,
  listAlliances,
  memberScope,
  updateAlliance,
} from './alliances.service.ts'
import {
  createOffering,
  getOffering,
  listOfferings,
  offeringProvider,
  updateOffering,
} from './offerings.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['exchange']
const read = { access: { permission: 'exchange.read' } } as const
const unit = (id: number | undefined): ScopeRef[] => (id ? [{ type: 'unit', id: String(id) }] : [])

/** The alliance and its three lists (服务/资源/活动清单). */
export default async function listRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, exchangeApi, { tags, errors })
  const locale = (r: { headers: Record<string, string | string[] | undefined> }) =>
    localeFromHeader(r.headers['accept-language'] as string | undefined)

  route(
    'GET /api/offerings',
    { config: read, summary: '三张清单 Services, resources and activities' },
    async (request) => listOfferings(ctx, locale(request), request.query),
  )
  route('GET /api/offerings/:id', { config: read, summary: '清单项 One offering' }, async (request) =>
    getOffering(ctx, request.params.id, locale(request)),
  )
  route(
    'POST /api/offerings',
    {
      config: {
        access: {
          permission: 'offering.write',
          scope: (r: { body: OfferingInput }) => unit(r.body.providerUnitId),
        },
      },
      summary: '发布清单项 Publish an offering (for the caller’s unit)',
    },
    async (request) => {
      const id = await createOffering(ctx, request, request.body)
      return getOffering(ctx, id, locale(request))
    },
  )
  route(
    'PUT /api/offerings/:id',
    {
      config: {
        access: {
          permission: 'offering.write',
          match: 'all',
          scope: async (r: { params: { id: number }; body: OfferingInput }) => [
            ...unit(await offeringProvider(ctx.db, r.params.id)),
            ...unit(r.body.providerUnitId),
          ],
        },
      },
      summary: '修改清单项 Update (send the version you read)',
    },
    async (request) => {
      await updateOffering(ctx, request, request.params.id, request.body)
      return getOffering(ctx, request.params.id, locale(request))
    },
  )

  route(
    'GET /api/alliances',
    {
      config: read,
      summary: '党建联盟 Alliances (in an area and below it) with their structure, members and figures',
    },
    async (request) => ({ items: await listAlliances(ctx, request.query) }),
  )
  route(
    'GET /api/alliances/:id',
    {
      config: read,
      summary: '联盟详情 Members (lead, coordinating, members; each building’s 楼长) and figures',
    },
    async (request) => getAlliance(ctx, request.params.id),
  )
  route(
    'POST /api/alliances',
    {
      config: {
        access: {
          permission: 'alliance.manage',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      summary: '成立联盟、分会或联合会 Create an alliance, a chapter (under a parent) or a federation',
    },
    async (request) => {
      const id = await createAlliance(ctx, request, request.body)
      return getAlliance(ctx, id)
    },
  )
  route(
    'PUT /api/alliances/:id',
    {
      config: {
        access: {
          permission: 'alliance.manage',
          scope: (r: { params: { id: number } }) => allianceScope(ctx.db, r.params.id),
        },
      },
      summary: '修改联盟 Rename, change kind or parent (send the version you read)',
    },
    async (request) => {
      await updateAlliance(ctx, request, request.params.id, request.body)
      return getAlliance(ctx, request.params.id)
    },
  )
  route(
    'POST /api/alliances/:id/members',
    {
      config: {
        access: {
          permission: 'alliance.manage',
          // The alliance's area and the member's place, both: a street enrols only what it manages.
          match: 'all',
          scope: async (r: { params: { id: number }; body: AllianceMemberInput }) => {
            const own = await allianceScope(ctx.db, r.params.id)
            return own.length === 0 ? [] : [...own, ...memberScope(r.body)]
          },
        },
      },
      summary: '加入联盟 Add a member unit, building or (to a federation) party organisation',
    },
    async (request) => {
      await addMember(ctx, request, request.params.id, request.body)
      return { ok: true as const }
    },
  )
}
