import { ErrorBody, type PersonInput, registryApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { createPerson, deletePerson, getPerson, listPeoplePage, updatePerson } from './people.service.ts'
import { personScopeRefs, personPlacement as placement } from './scope.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['registry']

export default async function peopleRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, registryApi, { tags, errors })
  const personRefs = (r: { params: { id: number } }) => personScopeRefs(ctx.db, r.params.id)
  route(
    'GET /api/people',
    {
      config: { access: { permission: 'registry.read' } },
      summary: '人员与党员 People and members (personal data masked)',
    },
    async (request) => listPeoplePage(ctx, request, request.query),
  )
  route(
    'GET /api/people/:id',
    {
      config: { access: { permission: 'registry.read', scope: personRefs } },
      summary: '人员详情 Person (full personal data only for allowed roles; audited)',
    },
    async (request) => getPerson(ctx, request, request.params.id, { audit: 'read' }),
  )
  route(
    'POST /api/people',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: (r: { body: PersonInput }) => placement(r.body),
        },
      },
      summary: '新建人员 Create a person (and membership)',
    },
    async (request) => createPerson(ctx, request, request.body),
  )
  route(
    'PUT /api/people/:id',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: async (r: { params: { id: number }; body: PersonInput }) => [
            ...(await personRefs(r)),
            ...placement(r.body),
          ],
        },
      },
      summary: '修改人员 Update',
    },
    async (request) => updatePerson(ctx, request, request.params.id, request.body),
  )
  route(
    'DELETE /api/people/:id',
    {
      config: { access: { permission: 'registry.write', scope: personRefs } },
      summary: '删除人员 Soft delete',
    },
    async (request) => {
      await deletePerson(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
}
