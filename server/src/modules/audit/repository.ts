import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { decodeCursor } from '../../lib/cursor.ts'

/** One page of the audit log, newest first, one row more than `limit` to tell whether another page follows. */
export function auditRows(
  db: Kysely<DB>,
  opts: { action?: string; accountId?: number; cursor?: string; limit: number },
) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
  if (opts.action) query = query.where('action', '=', opts.action)
  if (opts.accountId) query = query.where('account_id', '=', opts.accountId)
  if (opts.cursor)
    query = query.where(
      'id',
      '<',
      decodeCursor(opts.cursor, (v): v is number => Number.isInteger(v)),
    )
  return query.execute()
}
