import { auditApi, ErrorBody } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { pageOf } from '../../lib/cursor.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { exportAudit } from './export.ts'
import { auditRows } from './repository.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export default async function auditRoutes(app: TypedApp, ctx: AppContext) {
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody }
  const route = contractRoutes(app, auditApi, { tags: ['platform'], errors })
  const city = { access: { permission: 'audit.read', scope: () => ({ type: 'city' as const }) } } as const
  route('GET /api/audit', { config: city, summary: '审计日志 Audit log, newest first' }, async (request) => {
    const { action, accountId, cursor, limit = 50 } = request.query
    const rows = await auditRows(ctx.db, { action, accountId, cursor, limit })
    const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        accountId: r.account_id,
        username: r.username,
        action: r.action,
        entity: r.entity,
        entityIds: r.entity_ids,
        ip: r.ip,
        requestId: r.request_id,
        detail: (r.detail as Record<string, unknown> | null) ?? null,
      })),
      nextCursor,
    }
  })

  route(
    'GET /api/audit/export',
    {
      config: city,
      summary: '导出审计日志 The audit log of a period (Shanghai days, both included) as a workbook',
      produces: [XLSX],
    },
    async (request, reply) => {
      const { from, to } = request.query
      const stream = await exportAudit(ctx, request, from, to)
      const name = `审计日志_${from.replace(/-/g, '')}-${to.replace(/-/g, '')}.xlsx`
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="audit_${from}_${to}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
      return reply.send(stream)
    },
  )
}
