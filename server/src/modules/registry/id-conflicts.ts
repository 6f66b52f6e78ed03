import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'

/**
 * An ID number already registered on someone outside the caller's scope is a fact about that person: "this
 * number exists" confirms a guess. Such answers are given (a street must learn that a newcomer is registered
 * elsewhere), but each is audited as person.id_conflict naming the person hit, and an account gets at most
 * this many in an hour; after that every ID number it submits is refused (429) for the rest of the hour,
 * registered or not, so the refusal itself tells nothing.
 */
export const ID_CONFLICTS_PER_HOUR = 5
const ACTION = 'person.id_conflict'

/** Person ids hit by the account's conflicts within the last hour (the database's clock, like audit_log.at). */
async function recentConflicts(db: Kysely<DB>, accountId: number): Promise<number> {
  const r = await sql<{ n: number | string | null }>`
    SELECT coalesce(sum(cardinality(entity_ids)), 0) AS n FROM audit_log
     WHERE action = ${ACTION} AND account_id = ${accountId} AND at > now() - interval '1 hour'`.execute(db)
  return Number(r.rows[0]?.n ?? 0)
}

const limited = () => new AppError('id_checks_limited', { count: ID_CONFLICTS_PER_HOUR })

/** Refuses any ID number from an account that has used up its conflicts for the hour. */
export async function assertIdChecksOpen(db: Kysely<DB>, request: FastifyRequest) {
  if ((await recentConflicts(db, requirePrincipal(request).accountId)) >= ID_CONFLICTS_PER_HOUR)
    throw limited()
}

/**
 * Audits ID numbers found on people outside the caller's scope, outside any transaction of the request (the
 * refusal that follows must not roll it back). When the account is now over its hourly number the whole
 * answer becomes a 429, so no more than that many hits are ever answered.
 */
export async function recordIdConflicts(
  db: Kysely<DB>,
  request: FastifyRequest,
  personIds: number[],
  via: string,
) {
  if (personIds.length === 0) return
  await writeAudit(db, request, { action: ACTION, entity: 'person', ids: personIds, detail: { via } })
  if ((await recentConflicts(db, requirePrincipal(request).accountId)) > ID_CONFLICTS_PER_HOUR)
    throw limited()
}
