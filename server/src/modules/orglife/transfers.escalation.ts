import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * Pending transfers past their time limit are marked escalated, once: a conditional UPDATE, so instances
 * sweeping together or a restart mark each exactly once. The street sees them in its list.
 */
export async function escalateTransfers(db: Kysely<DB>, now: Date): Promise<number> {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
  const res = await db
    .updateTable('orglife_transfer')
    // A flag, not an edit: the version a secretary holds stays valid.
    .set({ escalated_at: now })
    .where('status', '=', 'pending')
    .where('escalated_at', 'is', null)
    .where('due_on', '<', day)
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}
