import type { AuditAction } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface AuditEntry {
  /** Only codes with words for the audit page (`AUDIT_ACTIONS` in contracts): a new action needs its words first. */
  action: AuditAction
  entity?: string
  ids?: Array<string | number>
  detail?: Record<string, unknown>
  /** Who, when there is no session yet (a failed login names the username tried). */
  username?: string
  accountId?: number
}

/**
 * One row per privileged action or read of personal data. Pass the transaction doing the action, so the
 * row is written if and only if the action is.
 */
export async function writeAudit(db: Kysely<DB>, request: FastifyRequest, entry: AuditEntry) {
  await db
    .insertInto('audit_log')
    .values({
      account_id: request.principal?.accountId ?? entry.accountId ?? null,
      username: request.principal?.username ?? entry.username ?? null,
      action: entry.action,
      entity: entry.entity ?? null,
      entity_ids: (entry.ids ?? []).map(String),
      ip: request.ip,
      request_id: String(request.id),
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute()
}
