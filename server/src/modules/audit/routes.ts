import type { Readable } from 'node:stream'
import { AuditEntry, AuditExportQuery, AuditListQuery, ErrorBody, Page } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { pageOf } from '../../lib/cursor.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { exportAudit } from './export.ts'
import { auditRows } from './repository.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' })

export default async function auditRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read', scope: () => ({ type: 'city' }) } },
      schema: {
        tags: ['platform'],
        summary: '审计日志 Audit log, newest first',
        querystring: AuditListQuery,
        response: { 200: Page(AuditEntry), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
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
    },
  )

  app.get(
    '/api/audit/export',
    {
      config: { access: { permission: 'audit.read', scope: () => ({ type: 'city' }) } },
      schema: {
        tags: ['platform'],
        summary: '导出审计日志 The audit log of a period (Shanghai days, both included) as a workbook',
        querystring: AuditExportQuery,
        produces: [XLSX],
        response: { 200: Binary, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
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
