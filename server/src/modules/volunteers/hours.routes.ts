import type { Readable } from 'node:stream'
import {
  HoursQuery,
  HoursRow,
  IdParams,
  Leaderboard,
  MyHours,
  Signup,
  VerifyBatchBody,
  VerifyBody,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { hoursWorkbook } from './export.ts'
import { hoursReport, leaderboard, myHours, verifiedRows, verifyBatch, verifyHours } from './hours.service.ts'
import { errors, tags } from './points.routes.ts'

const self = { access: { permission: 'volunteer.self' } } as const
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' })
const Period = Type.Object(
  {
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })),
    area: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
)

export default async function hoursRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/volunteers/signups/:id/verify',
    {
      config: self,
      schema: {
        tags,
        summary: '核定时长 Approve or adjust (with a reason) a volunteer’s minutes — the point’s coordinator',
        params: IdParams,
        body: VerifyBody,
        response: { 200: Signup, ...errors },
      },
    },
    async (request) => verifyHours(ctx, request, request.params.id, request.body),
  )
  app.post(
    '/api/volunteers/signups/verify-batch',
    {
      config: self,
      schema: {
        tags,
        summary: '批量核定时长 Approve or reject several finished sign-ups at once, all or nothing',
        body: VerifyBatchBody,
        response: { 200: Type.Array(Signup), ...errors },
      },
    },
    async (request) => verifyBatch(ctx, request, request.body),
  )
  app.get(
    '/api/volunteers/hours',
    {
      config: self,
      schema: {
        tags,
        summary:
          '服务时长统计 Hours per volunteer, point or organisation at the caller’s points (default: this month)',
        querystring: HoursQuery,
        response: { 200: Type.Array(HoursRow), ...errors },
      },
    },
    async (request) => hoursReport(ctx, request, request.query),
  )
  app.get(
    '/api/volunteers/me/hours',
    { config: self, schema: { tags, summary: '我的时长 My hours', response: { 200: MyHours, ...errors } } },
    async (request) => myHours(ctx, request),
  )
  app.get(
    '/api/volunteers/leaderboard',
    {
      config: self,
      schema: {
        tags,
        summary: '志愿之星 Thanks board: verified hours this month (recognition, not an assessment)',
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })),
            to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Leaderboard, ...errors },
      },
    },
    async (request) => leaderboard(ctx, request, request.query),
  )
  app.get(
    '/api/volunteers/hours/export',
    {
      config: self,
      schema: {
        tags,
        summary: '导出核定时长 Verified hours at the caller’s points as Excel',
        querystring: Period,
        produces: [XLSX],
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const rows = await verifiedRows(ctx, request, request.query)
      await writeAudit(ctx.db, request, {
        action: 'volunteer.hours.export',
        entity: 'volunteer_signup',
        detail: { ...request.query, rows: rows.length },
      })
      const name = `志愿服务时长_${shanghaiDate(ctx.clock.now()).replace(/-/g, '')}.xlsx`
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="volunteer-hours.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
      return hoursWorkbook(rows)
    },
  )
}
