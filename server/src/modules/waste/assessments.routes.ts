import { ErrorBody, wasteApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { AssessmentService } from './assessments.service.ts'
import { DemonstrationService } from './demonstration.service.ts'
import { StarsService } from './stars.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const organise = { access: { permission: 'waste.organise' } } as const
const manage = { access: { permission: 'waste.manage' } } as const

/** Monthly dual assessment (property manager, tenants) and demonstration buildings. */
export default async function assessmentRoutes(app: TypedApp, ctx: AppContext) {
  const assessments = new AssessmentService(ctx)
  const demos = new DemonstrationService(ctx, new StarsService(ctx))
  const route = contractRoutes(app, wasteApi, { tags: ['waste'], errors })

  route(
    'GET /api/waste/assessments',
    { config: organise, summary: '双考核记录 A building’s monthly assessments (history)' },
    async (request) => assessments.list(request, request.query.buildingId, request.query.month),
  )
  route(
    'GET /api/waste/assessments/criteria',
    { config: organise, summary: '考核项目 Criteria and weights, with figures from the month’s patrols' },
    async (request) => assessments.criteria(request, request.query.buildingId, request.query.month),
  )
  route(
    'PUT /api/waste/assessments',
    {
      config: manage,
      summary:
        '录入或更正考核 Enter or correct one side’s assessment for a month (within the month + 10 days)',
    },
    async (request) => assessments.save(request, request.body),
  )
  route(
    'GET /api/waste/assessments/export',
    {
      config: organise,
      summary: '导出双考核 Export a building’s assessments (.xlsx)',
      produces: [XLSX],
      // The workbook route never declared its error answers; they are sent as the error handler writes them.
      errors: {},
    },
    async (request, reply) => {
      const data = await assessments.export(request, request.query.buildingId)
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="waste-assessments-${request.query.buildingId}.xlsx"`,
        )
      return data
    },
  )
  route(
    'GET /api/waste/demonstration/:code',
    {
      config: {
        access: {
          permission: 'waste.manage',
          scope: (r: { params: { code: string } }) => ({ type: 'area', id: r.params.code }),
        },
      },
      summary: '示范楼候选 Buildings of an area against the demonstration criteria (lapsed ones flagged)',
    },
    async (request) => demos.candidates(request, request.params.code),
  )
  route(
    'POST /api/waste/demonstration',
    { config: manage, summary: '命名示范楼 Designate a demonstration building (criteria must be met)' },
    async (request) => demos.designate(request, request.body),
  )
  route(
    'POST /api/waste/demonstration/buildings/:id/revoke',
    { config: manage, summary: '撤销示范楼 Revoke a designation (staff confirm after criteria lapse)' },
    async (request) => demos.revoke(request, request.params.id, request.body),
  )
}
