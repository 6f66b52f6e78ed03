import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'

/** Registry tables whose rows carry `version`, `deleted_at` and history. */
export type VersionedEntity = 'park' | 'building' | 'unit' | 'person' | 'party_org' | 'station'

/**
 * Locks a live row for a change and checks the version the client read. Two saves of the same version:
 * the second waits for the first's lock, then sees the new version and gets 409 — never a silent overwrite.
 */
export async function lockForChange(
  trx: Kysely<DB>,
  entity: VersionedEntity,
  id: number,
  version: number | null,
): Promise<Record<string, unknown>> {
  const result = await sql<{ row: Record<string, unknown> }>`
    SELECT to_jsonb(t) AS row FROM ${sql.table(entity)} t WHERE t.id = ${id} AND t.deleted_at IS NULL FOR UPDATE`.execute(
    trx,
  )
  const row = result.rows[0]?.row
  if (!row) throw new AppError('not_found')
  if (version !== null && row.version !== version)
    throw new AppError('version_conflict', { current: Number(row.version) })
  return row
}

export async function recordHistory(
  trx: Kysely<DB>,
  entry: {
    entity: VersionedEntity
    id: number
    op: 'create' | 'update' | 'delete'
    version: number
    before: unknown
    accountId: number | null
  },
) {
  await trx
    .insertInto('row_history')
    .values({
      entity: entry.entity,
      entity_id: entry.id,
      op: entry.op,
      version: entry.version,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      account_id: entry.accountId,
    })
    .execute()
}

/** Applies `changes` to a locked row, bumps its version and keeps the previous state in row_history. */
export async function updateVersioned(
  trx: Kysely<DB>,
  entity: VersionedEntity,
  id: number,
  version: number,
  changes: Record<string, unknown>,
  accountId: number | null,
  now: Date,
) {
  const before = await lockForChange(trx, entity, id, version)
  await trx
    // biome-ignore lint/suspicious/noExplicitAny: one helper for six tables with the same bookkeeping columns.
    .updateTable(entity as any)
    .set({ ...changes, version: Number(before.version) + 1, updated_at: now })
    .where('id', '=', id)
    .execute()
  await recordHistory(trx, { entity, id, op: 'update', version: Number(before.version), before, accountId })
  return Number(before.version) + 1
}

export async function softDelete(
  trx: Kysely<DB>,
  entity: VersionedEntity,
  id: number,
  version: number,
  accountId: number | null,
  now: Date,
) {
  const before = await lockForChange(trx, entity, id, version)
  await trx
    // biome-ignore lint/suspicious/noExplicitAny: see updateVersioned.
    .updateTable(entity as any)
    .set({ deleted_at: now, version: Number(before.version) + 1, updated_at: now })
    .where('id', '=', id)
    .execute()
  await recordHistory(trx, { entity, id, op: 'delete', version: Number(before.version), before, accountId })
}

export async function historyOf(db: Kysely<DB>, entity: VersionedEntity, id: number) {
  return db
    .selectFrom('row_history')
    .leftJoin('account', 'account.id', 'row_history.account_id')
    .select(['row_history.id', 'op', 'row_history.version', 'before', 'at', 'account.username'])
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .orderBy('row_history.id', 'desc')
    .limit(200)
    .execute()
}
