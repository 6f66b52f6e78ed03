import { ErrorBody, type PartyOrgInput, registryApi } from '@tongxin/contracts'
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
  const route = contractRoutes(app, registryApi, { tags, errors })
  route(
    'GET /api/party-orgs',
    {
      config: { access: { permission: 'registry.read' } },
      summary: '党组织 Party organisations',
    },
    async (request) => listOrgPage(ctx, request, request.query),
  )
  route(
    'GET /api/party-orgs/:id',
    {
      config: { access: { permission: 'registry.read', scope: org } },
      summary: '党组织详情 Party organisation',
    },
    async (request) => getOrg(ctx, request.params.id),
  )
  route(
    'POST /api/party-orgs',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: (r: { body: PartyOrgInput }) => orgSaveRefs(ctx.db, null, r.body),
        },
      },
      summary: '新建党组织 Create (with what it covers)',
    },
    async (request) => createOrg(ctx, request, request.body),
  )
  route(
    'PUT /api/party-orgs/:id',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: (r: { params: { id: number }; body: PartyOrgInput }) =>
            orgSaveRefs(ctx.db, r.params.id, r.body),
        },
      },
      summary: '修改党组织 Update',
    },
    async (request) => updateOrg(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/party-orgs/:id',
    { config: { access: { permission: 'registry.write', scope: org } }, summary: '删除党组织 Soft delete' },
    async (request) => {
      await deleteOrg(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
}
