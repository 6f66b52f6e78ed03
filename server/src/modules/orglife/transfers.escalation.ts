import type { AppContext } from '../../context.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { noticeTransferEscalated } from './transfers.notices.ts'
import { transferRow } from './transfers.query.ts'

/**
 * Pending transfers past their time limit are marked escalated, once: a conditional UPDATE, so instances
 * sweeping together or a restart mark each exactly once. The street sees them in its list, and its staff are
 * told in the same transaction as the mark.
 */
export async function escalateTransfers(ctx: Pick<AppContext, 'db' | 'config'>, now: Date): Promise<number> {
  const day = shanghaiDate(now)
  return ctx.db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('orglife_transfer')
      // A flag, not an edit: the version a secretary holds stays valid.
      .set({ escalated_at: now })
      .where('status', '=', 'pending')
      .where('escalated_at', 'is', null)
      .where('due_on', '<', day)
      .returning('id')
      .execute()
    for (const m of marked) await noticeTransferEscalated(ctx, trx, await transferRow(trx, m.id), now)
    return marked.length
  })
}
