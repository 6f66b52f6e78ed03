import {
  Alliance,
  AllianceInput,
  AllianceMemberInput,
  AllianceQuery,
  AllianceUpdate,
  ErrorBody,
  IdParams,
  Offering,
  OfferingInput,
  OfferingQuery,
  Ok,
  Page,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
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
const unit = (id: number | undefined): ScopeRef[] => (id ? [{ type: 'unit', id: String(id) }] : [])

/** The alliance and its three lists (服务/资源/活动清单). */
export default async function listRoutes(app: TypedApp, ctx: AppContext) {
  const locale = (r: { headers: Record<string, string | string[] | undefined> }) =>
    localeFromHeader(r.headers['accept-language'] as string | undefined)

  app.get(
    '/api/offerings',
    {
      config: { access: { permission: 'exchange.read' } },
      schema: {
        tags,
        summary: '三张清单 Services, resources and activities',
        querystring: OfferingQuery,
        response: { 200: Page(Offering), ...errors },
      },
    },
    async (request) => listOfferings(ctx, locale(request), request.query),
  )
  app.get(
    '/api/offerings/:id',
    {
      config: { access: { permission: 'exchange.read' } },
      schema: {
        tags,
        summary: '清单项 One offering',
        params: IdParams,
        response: { 200: Offering, ...errors },
      },
    },
    async (request) => getOffering(ctx, request.params.id, locale(request)),
  )
  app.post(
    '/api/offerings',
    {
      config: {
        access: {
          permission: 'offering.write',
          scope: (r: { body: OfferingInput }) => unit(r.body.providerUnitId),
        },
      },
      schema: {
        tags,
        summary: '发布清单项 Publish an offering (for the caller’s unit)',
        body: OfferingInput,
        response: { 201: Offering, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createOffering(ctx, request, request.body)
      reply.status(201)
      return getOffering(ctx, id, locale(request))
    },
  )
  app.put(
    '/api/offerings/:id',
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
      schema: {
        tags,
        summary: '修改清单项 Update (send the version you read)',
        params: IdParams,
        body: Type.Object(
          { ...OfferingInput.properties, version: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: { 200: Offering, ...errors },
      },
    },
    async (request) => {
      await updateOffering(ctx, request, request.params.id, request.body)
      return getOffering(ctx, request.params.id, locale(request))
    },
  )

  app.get(
    '/api/alliances',
    {
      config: { access: { permission: 'exchange.read' } },
      schema: {
        tags,
        summary: '党建联盟 Alliances (in an area and below it) with their structure, members and figures',
        querystring: AllianceQuery,
        response: { 200: Type.Object({ items: Type.Array(Alliance) }), ...errors },
      },
    },
    async (request) => ({ items: await listAlliances(ctx, request.query) }),
  )
  app.get(
    '/api/alliances/:id',
    {
      config: { access: { permission: 'exchange.read' } },
      schema: {
        tags,
        summary: '联盟详情 Members (lead, coordinating, members; each building’s 楼长) and figures',
        params: IdParams,
        response: { 200: Alliance, ...errors },
      },
    },
    async (request) => getAlliance(ctx, request.params.id),
  )
  app.post(
    '/api/alliances',
    {
      config: {
        access: {
          permission: 'alliance.manage',
          scope: (r: { body: { areaCode: string } }) => ({ type: 'area', id: r.body.areaCode }),
        },
      },
      schema: {
        tags,
        summary: '成立联盟、分会或联合会 Create an alliance, a chapter (under a parent) or a federation',
        body: AllianceInput,
        response: { 201: Alliance, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createAlliance(ctx, request, request.body)
      reply.status(201)
      return getAlliance(ctx, id)
    },
  )
  app.put(
    '/api/alliances/:id',
    {
      config: {
        access: {
          permission: 'alliance.manage',
          scope: (r: { params: { id: number } }) => allianceScope(ctx.db, r.params.id),
        },
      },
      schema: {
        tags,
        summary: '修改联盟 Rename, change kind or parent (send the version you read)',
        params: IdParams,
        body: AllianceUpdate,
        response: { 200: Alliance, ...errors },
      },
    },
    async (request) => {
      await updateAlliance(ctx, request, request.params.id, request.body)
      return getAlliance(ctx, request.params.id)
    },
  )
  app.post(
    '/api/alliances/:id/members',
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
      schema: {
        tags,
        summary: '加入联盟 Add a member unit, building or (to a federation) party organisation',
        params: IdParams,
        body: AllianceMemberInput,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await addMember(ctx, request, request.params.id, request.body)
      return { ok: true as const }
    },
  )
}
