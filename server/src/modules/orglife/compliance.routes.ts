import { orglifeApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { loadOrg, orgParamScope } from './access.ts'
import { complianceWorkbook } from './compliance.export.ts'
import { areaFigures, drillAbsentees, drillOrgs, orgYear } from './compliance.service.ts'
import { errors, tags } from './meetings.routes.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

const areaOf = (r: { query: { area?: string } }): ScopeRef => ({ type: 'area', id: r.query.area ?? '310000' })

export default async function complianceRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, orglifeApi, { tags, errors })
  const staff = { access: { permission: 'orglife.compliance', scope: areaOf } } as const
  const read = { access: { permission: 'orglife.read', scope: orgParamScope } } as const

  route(
    'GET /api/orglife/orgs/:id/compliance',
    {
      config: read,
      summary: '组织生活达标 One organisation’s year: every rule’s periods, attendance, repeated absences',
    },
    async (request) => orgYear(ctx, request, request.params.id, request.query.year),
  )
  route(
    'GET /api/orglife/compliance',
    {
      config: staff,
      summary:
        '组织生活达标统计 Compliance of an area’s organisations for a year (default: the city, this year)',
    },
    async (request) => areaFigures(ctx, localeFromHeader(request.headers['accept-language']), request.query),
  )
  route(
    'GET /api/orglife/compliance/orgs',
    { config: staff, summary: '下钻：组织 The organisations behind a compliance figure' },
    async (request) => drillOrgs(ctx, request.query),
  )
  route(
    'GET /api/orglife/compliance/absentees',
    { config: staff, summary: '下钻：连续三次缺席 Members absent from their last three meetings or more' },
    async (request) => drillAbsentees(ctx, request, request.query),
  )
  route(
    'GET /api/orglife/compliance/export',
    {
      config: staff,
      summary: '年度汇总导出 The year’s summary, one row per organisation of the area (.xlsx, audited)',
      produces: [XLSX],
    },
    async (request, reply) => {
      const file = await complianceWorkbook(
        ctx,
        request,
        request.query,
        localeFromHeader(request.headers['accept-language']),
      )
      reply.header('content-type', XLSX).header('content-disposition', attachment(file.fileName))
      return file.buffer
    },
  )
  route(
    'GET /api/orglife/orgs/:id/compliance/export',
    {
      config: read,
      summary: '本组织年度汇总导出 The organisation’s own yearly summary (.xlsx, audited)',
      produces: [XLSX],
    },
    async (request, reply) => {
      const org = await loadOrg(ctx.db, request.params.id)
      const file = await complianceWorkbook(
        ctx,
        request,
        { area: org.area_code, year: request.query.year, org: org.id },
        localeFromHeader(request.headers['accept-language']),
      )
      reply.header('content-type', XLSX).header('content-disposition', attachment(file.fileName))
      return file.buffer
    },
  )
}
