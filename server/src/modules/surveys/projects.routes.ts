import {
  IdParams,
  ProjectResultInput,
  ServiceProject,
  ServiceProjectInput,
  ServiceProjectSummary,
  ServiceProjectUpdate,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { errors } from './http.ts'
import {
  addResult,
  createProject,
  getProject,
  listProjects,
  projectArea,
  updateProject,
} from './projects.service.ts'

const tags = ['surveys']

/** Service projects designed from survey findings: survey → finding → project → participation. */
export default async function projectRoutes(app: TypedApp, ctx: AppContext) {
  const projectScope = async (request: FastifyRequest<{ Params: { id: number } }>) => ({
    type: 'area' as const,
    id: await projectArea(ctx, request.params.id),
  })

  app.get(
    '/api/service-projects',
    {
      config: { access: { permission: 'survey.analyse' } },
      schema: {
        tags,
        summary: '服务项目列表 Service projects of the caller’s areas',
        response: { 200: Type.Object({ items: Type.Array(ServiceProjectSummary) }), ...errors },
      },
    },
    async (request) => ({ items: await listProjects(ctx, request) }),
  )
  app.post(
    '/api/service-projects',
    {
      config: {
        access: {
          permission: 'survey.manage',
          scope: (request: FastifyRequest<{ Body: ServiceProjectInput }>) => ({
            type: 'area',
            id: request.body.areaCode,
          }),
        },
      },
      schema: {
        tags,
        summary: '新建服务项目 Create a project with its findings, offerings and events',
        body: ServiceProjectInput,
        response: { 201: ServiceProject, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createProject(ctx, request, request.body)
      reply.status(201)
      return getProject(ctx, id)
    },
  )
  app.get(
    '/api/service-projects/:id',
    {
      config: { access: { permission: 'survey.analyse', scope: projectScope } },
      schema: {
        tags,
        summary: '服务项目 The project and its chain: survey → finding → project → participation',
        params: IdParams,
        response: { 200: ServiceProject, ...errors },
      },
    },
    async (request) => getProject(ctx, request.params.id),
  )
  app.put(
    '/api/service-projects/:id',
    {
      config: {
        access: {
          permission: 'survey.manage',
          scope: async (request: FastifyRequest<{ Params: { id: number }; Body: ServiceProjectUpdate }>) => [
            await projectScope(request),
            { type: 'area' as const, id: request.body.areaCode },
          ],
          match: 'all',
        },
      },
      schema: {
        tags,
        summary: '修改服务项目 Edit a project (optimistic lock)',
        params: IdParams,
        body: ServiceProjectUpdate,
        response: { 200: ServiceProject, ...errors },
      },
    },
    async (request) => {
      await updateProject(ctx, request, request.params.id, request.body)
      return getProject(ctx, request.params.id)
    },
  )
  app.post(
    '/api/service-projects/:id/results',
    {
      config: { access: { permission: 'survey.manage', scope: projectScope } },
      schema: {
        tags,
        summary: '记录评分 Record the ratings collected at a session (participation is computed from events)',
        params: IdParams,
        body: ProjectResultInput,
        response: { 201: ServiceProject, ...errors },
      },
    },
    async (request, reply) => {
      await addResult(ctx, request, request.params.id, request.body)
      reply.status(201)
      return getProject(ctx, request.params.id)
    },
  )
}
