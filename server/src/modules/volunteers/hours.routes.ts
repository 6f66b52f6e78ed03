import { volunteersApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { hoursWorkbook } from './export.ts'
import { hoursReport, leaderboard, myHours, verifiedRows, verifyBatch, verifyHours } from './hours.service.ts'
import { errors, tags } from './points.routes.ts'

const self = { access: { permission: 'volunteer.self' } } as const
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export default async function hoursRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, volunteersApi, { tags, errors })

  route(
    'POST /api/volunteers/signups/:id/verify',
    {
      config: self,
      summary: '核定时长 Approve or adjust (with a reason) a volunteer’s minutes — the point’s coordinator',
    },
    async (request) => verifyHours(ctx, request, request.params.id, request.body),
  )
  route(
    'POST /api/volunteers/signups/verify-batch',
    {
      config: self,
      summary: '批量核定时长 Approve or reject several finished sign-ups at once, all or nothing',
    },
    async (request) => verifyBatch(ctx, request, request.body),
  )
  route(
    'GET /api/volunteers/hours',
    {
      config: self,
      summary:
        '服务时长统计 Hours per volunteer, point or organisation at the caller’s points (default: this month)',
    },
    async (request) => hoursReport(ctx, request, request.query),
  )
  route('GET /api/volunteers/me/hours', { config: self, summary: '我的时长 My hours' }, async (request) =>
    myHours(ctx, request),
  )
  route(
    'GET /api/volunteers/leaderboard',
    {
      config: self,
      summary: '志愿之星 Thanks board: verified hours this month (recognition, not an assessment)',
    },
    async (request) => leaderboard(ctx, request, request.query),
  )
  route(
    'GET /api/volunteers/hours/export',
    {
      config: self,
      summary: '导出核定时长 Verified hours at the caller’s points as Excel',
      produces: [XLSX],
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
