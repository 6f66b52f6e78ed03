import {
  Assessment,
  AssessmentCriterion,
  AssessmentQuery,
  DemoCandidate,
  DesignationInput,
  ErrorBody,
  IdParams,
  RevocationInput,
  WasteAssessmentInput,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { AssessmentService } from './assessments.service.ts'
import { DemonstrationService } from './demonstration.service.ts'
import { StarsService } from './stars.service.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['waste']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const AreaParams = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6,12}$' }) },
  { additionalProperties: false },
)

/** Monthly dual assessment (property manager, tenants) and demonstration buildings. */
export default async function assessmentRoutes(app: TypedApp, ctx: AppContext) {
  const assessments = new AssessmentService(ctx)
  const demos = new DemonstrationService(ctx, new StarsService(ctx))

  app.get(
    '/api/waste/assessments',
    {
      config: { access: { permission: 'waste.organise' } },
      schema: {
        tags,
        summary: '双考核记录 A building’s monthly assessments (history)',
        querystring: AssessmentQuery,
        response: { 200: Type.Array(Assessment), ...errors },
      },
    },
    async (request) => assessments.list(request, request.query.buildingId, request.query.month),
  )
  app.get(
    '/api/waste/assessments/criteria',
    {
      config: { access: { permission: 'waste.organise' } },
      schema: {
        tags,
        summary: '考核项目 Criteria and weights, with figures from the month’s patrols',
        querystring: Type.Object(
          {
            buildingId: Type.Integer({ minimum: 1 }),
            month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(AssessmentCriterion), ...errors },
      },
    },
    async (request) => assessments.criteria(request, request.query.buildingId, request.query.month),
  )
  app.put(
    '/api/waste/assessments',
    {
      config: { access: { permission: 'waste.manage' } },
      schema: {
        tags,
        summary:
          '录入或更正考核 Enter or correct one side’s assessment for a month (within the month + 10 days)',
        body: WasteAssessmentInput,
        response: { 200: Assessment, ...errors },
      },
    },
    async (request) => assessments.save(request, request.body),
  )
  app.get(
    '/api/waste/assessments/export',
    {
      config: { access: { permission: 'waste.organise' } },
      schema: {
        tags,
        summary: '导出双考核 Export a building’s assessments (.xlsx)',
        querystring: Type.Object(
          { buildingId: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
      },
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
  app.get(
    '/api/waste/demonstration/:code',
    {
      config: {
        access: {
          permission: 'waste.manage',
          scope: (r: { params: { code: string } }) => ({ type: 'area', id: r.params.code }),
        },
      },
      schema: {
        tags,
        summary: '示范楼候选 Buildings of an area against the demonstration criteria (lapsed ones flagged)',
        params: AreaParams,
        response: { 200: Type.Array(DemoCandidate), ...errors },
      },
    },
    async (request) => demos.candidates(request, request.params.code),
  )
  app.post(
    '/api/waste/demonstration',
    {
      config: { access: { permission: 'waste.manage' } },
      schema: {
        tags,
        summary: '命名示范楼 Designate a demonstration building (criteria must be met)',
        body: DesignationInput,
        response: { 200: DemoCandidate, ...errors },
      },
    },
    async (request) => demos.designate(request, request.body),
  )
  app.post(
    '/api/waste/demonstration/buildings/:id/revoke',
    {
      config: { access: { permission: 'waste.manage' } },
      schema: {
        tags,
        summary: '撤销示范楼 Revoke a designation (staff confirm after criteria lapse)',
        params: IdParams,
        body: RevocationInput,
        response: { 200: DemoCandidate, ...errors },
      },
    },
    async (request) => demos.revoke(request, request.params.id, request.body),
  )
}
