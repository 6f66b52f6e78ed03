import { type ServiceProjectInput, type ServiceProjectUpdate, surveysApi } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
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

/** Service projects designed from survey findings: survey → finding → project → participation. */
export default async function projectRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, surveysApi, { tags: ['surveys'], errors })
  const projectScope = async (request: FastifyRequest<{ Params: { id: number } }>) => ({
    type: 'area' as const,
    id: await projectArea(ctx, request.params.id),
  })

  route(
    'GET /api/service-projects',
    {
      config: { access: { permission: 'survey.analyse' } },
      summary: '服务项目列表 Service projects of the caller’s areas',
    },
    async (request) => ({ items: await listProjects(ctx, request) }),
  )
  route(
    'POST /api/service-projects',
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
      summary: '新建服务项目 Create a project with its findings, offerings and events',
    },
    async (request) => {
      const id = await createProject(ctx, request, request.body)
      return getProject(ctx, id)
    },
  )
  route(
    'GET /api/service-projects/:id',
    {
      config: { access: { permission: 'survey.analyse', scope: projectScope } },
      summary: '服务项目 The project and its chain: survey → finding → project → participation',
    },
    async (request) => getProject(ctx, request.params.id),
  )
  route(
    'PUT /api/service-projects/:id',
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
      summary: '修改服务项目 Edit a project (optimistic lock)',
    },
    async (request) => {
      await updateProject(ctx, request, request.params.id, request.body)
      return getProject(ctx, request.params.id)
    },
  )
  route(
    'POST /api/service-projects/:id/results',
    {
      config: { access: { permission: 'survey.manage', scope: projectScope } },
      summary: '记录评分 Record the ratings collected at a session (participation is computed from events)',
    },
    async (request) => {
      await addResult(ctx, request, request.params.id, request.body)
      return getProject(ctx, request.params.id)
    },
  )
}
