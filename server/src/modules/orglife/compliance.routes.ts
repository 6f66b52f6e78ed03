import type { Readable } from 'node:stream'
import {
  Absentee,
  AbsenteeQuery,
  ComplianceFigures,
  ComplianceOrgQuery,
  ComplianceOrgRow,
  ComplianceQuery,
  OrgCompliance,
  OrgIdParams,
  Page,
  YearQuery,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { loadOrg, orgParamScope } from './access.ts'
import { complianceWorkbook } from './compliance.export.ts'
import { areaFigures, drillAbsentees, drillOrgs, orgYear } from './compliance.service.ts'
import { errors, tags } from './meetings.routes.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' })
const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

const areaOf = (r: { query: { area?: string } }): ScopeRef => ({ type: 'area', id: r.query.area ?? '310000' })

export default async function complianceRoutes(app: TypedApp, ctx: AppContext) {
  const staff = { access: { permission: 'orglife.compliance', scope: areaOf } } as const
  app.get(
    '/api/orglife/orgs/:id/compliance',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      schema: {
        tags,
        summary: '组织生活达标 One organisation’s year: every rule’s periods, attendance, repeated absences',
        params: OrgIdParams,
        querystring: YearQuery,
        response: { 200: OrgCompliance, ...errors },
      },
    },
    async (request) => orgYear(ctx, request, request.params.id, request.query.year),
  )
  app.get(
    '/api/orglife/compliance',
    {
      config: staff,
      schema: {
        tags,
        summary:
          '组织生活达标统计 Compliance of an area’s organisations for a year (default: the city, this year)',
        querystring: ComplianceQuery,
        response: { 200: ComplianceFigures, ...errors },
      },
    },
    async (request) => areaFigures(ctx, localeFromHeader(request.headers['accept-language']), request.query),
  )
  app.get(
    '/api/orglife/compliance/orgs',
    {
      config: staff,
      schema: {
        tags,
        summary: '下钻：组织 The organisations behind a compliance figure',
        querystring: ComplianceOrgQuery,
        response: { 200: Page(ComplianceOrgRow), ...errors },
      },
    },
    async (request) => drillOrgs(ctx, request.query),
  )
  app.get(
    '/api/orglife/compliance/absentees',
    {
      config: staff,
      schema: {
        tags,
        summary: '下钻：连续三次缺席 Members absent from their last three meetings or more',
        querystring: AbsenteeQuery,
        response: { 200: Page(Absentee), ...errors },
      },
    },
    async (request) => drillAbsentees(ctx, request, request.query),
  )
  app.get(
    '/api/orglife/compliance/export',
    {
      config: staff,
      schema: {
        tags,
        summary: '年度汇总导出 The year’s summary, one row per organisation of the area (.xlsx, audited)',
        querystring: ComplianceQuery,
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
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
  app.get(
    '/api/orglife/orgs/:id/compliance/export',
    {
      config: { access: { permission: 'orglife.read', scope: orgParamScope } },
      schema: {
        tags,
        summary: '本组织年度汇总导出 The organisation’s own yearly summary (.xlsx, audited)',
        params: OrgIdParams,
        querystring: YearQuery,
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
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
