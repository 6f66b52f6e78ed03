import {
  DeleteQuery,
  ErrorBody,
  IdParams,
  Ok,
  PartyOrg,
  PartyOrgInput,
  registryApi,
  withVersion,
} from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { createOrg, deleteOrg, getOrg, listOrgPage, updateOrg } from './orgs.service.ts'
import { orgSaveRefs } from './scope.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['registry']
const org = (request: { params: { id: number } }): ScopeRef => ({
  type: 'party_org',
  id: String(request.params.id),
})

export default async function orgRoutes(app: TypedApp, ctx: AppContext) {
  contractRoutes(app, registryApi, { tags, errors })(
    'GET /api/party-orgs',
    {
      config: { access: { permission: 'registry.read' } },
      summary: '党组织 Party organisations',
    },
    async (request) => listOrgPage(ctx, request, request.query),
  )
  contractRoutes(app, registryApi, { tags, errors })(
    'GET /api/party-orgs/:id',
    {
      config: { access: { permission: 'registry.read', scope: org } },
      summary: '党组织详情 Party organisation',
    },
    async (request) => getOrg(ctx, request.params.id),
  )
  app.post(
    '/api/party-orgs',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: (r: { body: PartyOrgInput }) => orgSaveRefs(ctx.db, null, r.body),
        },
      },
      schema: {
        tags,
        summary: '新建党组织 Create (with what it covers)',
        body: PartyOrgInput,
        response: { 201: PartyOrg, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createOrg(ctx, request, request.body)
    },
  )
  app.put(
    '/api/party-orgs/:id',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: (r: { params: { id: number }; body: PartyOrgInput }) =>
            orgSaveRefs(ctx.db, r.params.id, r.body),
        },
      },
      schema: {
        tags,
        summary: '修改党组织 Update',
        params: IdParams,
        body: withVersion(PartyOrgInput),
        response: { 200: PartyOrg, ...errors },
      },
    },
    async (request) => updateOrg(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/party-orgs/:id',
    {
      config: { access: { permission: 'registry.write', scope: org } },
      schema: {
        tags,
        summary: '删除党组织 Soft delete',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await deleteOrg(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
}
