import { AuditEntry, AuditListQuery, ErrorBody, Page } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts'
import type { TypedApp } from '../../lib/typed-app.ts'

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
      let query = ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1)
      if (action) query = query.where('action', '=', action)
      if (accountId) query = query.where('account_id', '=', accountId)
      if (cursor)
        query = query.where(
          'id',
          '<',
          decodeCursor(cursor, (v): v is number => Number.isInteger(v)),
        )
      const rows = await query.execute()
      const page = rows.slice(0, limit)
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
        nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
      }
    },
  )
}
