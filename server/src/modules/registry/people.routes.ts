import {
  CountedPage,
  DeleteQuery,
  ErrorBody,
  IdParams,
  ListQuery,
  Ok,
  Person,
  PersonInput,
  withVersion,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { createPerson, deletePerson, getPerson, listPeoplePage, updatePerson } from './people.service.ts'
import { personScopeRefs, personPlacement as placement } from './scope.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['registry']
const PeopleQuery = Type.Object(
  {
    ...ListQuery.properties,
    unit: Type.Optional(Type.Integer({ minimum: 1 })),
    org: Type.Optional(Type.Integer({ minimum: 1 })),
    members: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export default async function peopleRoutes(app: TypedApp, ctx: AppContext) {
  const personRefs = (r: { params: { id: number } }) => personScopeRefs(ctx.db, r.params.id)
  app.get(
    '/api/people',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags,
        summary: '人员与党员 People and members (personal data masked)',
        querystring: PeopleQuery,
        response: { 200: CountedPage(Person), ...errors },
      },
    },
    async (request) => listPeoplePage(ctx, request, request.query),
  )
  app.get(
    '/api/people/:id',
    {
      config: { access: { permission: 'registry.read', scope: personRefs } },
      schema: {
        tags,
        summary: '人员详情 Person (full personal data only for allowed roles; audited)',
        params: IdParams,
        response: { 200: Person, ...errors },
      },
    },
    async (request) => getPerson(ctx, request, request.params.id, { audit: 'read' }),
  )
  app.post(
    '/api/people',
    {
      config: {
        access: {
          permission: 'registry.write',
          match: 'all',
          scope: (r: { body: PersonInput }) => placement(r.body),
        },
      },
      schema: {
        tags,
        summary: '新建人员 Create a person (and membership)',
        body: PersonInput,
        response: { 201: Person, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createPerson(ctx, request, request.body)
    },
  )
  app.put(
    '/api/people/:id',
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
      schema: {
        tags,
        summary: '修改人员 Update',
        params: IdParams,
        body: withVersion(PersonInput),
        response: { 200: Person, ...errors },
      },
    },
    async (request) => updatePerson(ctx, request, request.params.id, request.body),
  )
  app.delete(
    '/api/people/:id',
    {
      config: { access: { permission: 'registry.write', scope: personRefs } },
      schema: {
        tags,
        summary: '删除人员 Soft delete',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await deletePerson(ctx, request, request.params.id, request.query.version)
      return { ok: true as const }
    },
  )
}
