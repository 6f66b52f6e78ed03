import type { AppContext } from '../../context.ts'
import type { BackgroundJob } from '../../lib/background-job.ts'
import { runDispatcher } from './dispatcher.ts'
import { remindEvents, remindShifts } from './reminders.ts'

/** Deletes read notices and finished outbox rows past their retention (TONGXIN_NOTIFY_KEEP_*_DAYS). */
export async function pruneNotifications(ctx: AppContext) {
  const now = ctx.clock.now().getTime()
  const c = ctx.config.notify
  const readBefore = new Date(now - c.keepReadDays * 86_400_000)
  const doneBefore = new Date(now - c.keepDeliveriesDays * 86_400_000)
  const notices = await ctx.db.deleteFrom('notification').where('read_at', '<', readBefore).executeTakeFirst()
  const deliveries = await ctx.db
    .deleteFrom('notification_delivery')
    .where('state', 'in', ['sent', 'failed'])
    .where('created_at', '<', doneBefore)
    .executeTakeFirst()
  // Batches nobody points at any more (their notices and robot messages are gone).
  await ctx.db
    .deleteFrom('notification_batch')
    .where('created_at', '<', readBefore)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification_delivery as d')
            .select('d.id')
            .whereRef('d.batch_id', '=', 'notification_batch.id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification as n').select('n.id').whereRef('n.batch_id', '=', 'notification_batch.id'),
        ),
      ),
    )
    .execute()
  return { notices: Number(notices.numDeletedRows), deliveries: Number(deliveries.numDeletedRows) }
}

/**
 * The dispatcher claims with SKIP LOCKED and a lease, the sweeps write each reminder once (unique index),
 * and deleting by age is idempotent: all safe on several instances at once.
 */
export const notificationJobs: BackgroundJob[] = [
  { name: 'notifications.dispatch', everyMs: 5_000, run: (ctx) => runDispatcher(ctx) },
  {
    name: 'notifications.reminders',
    everyMs: 5 * 60_000,
    run: async (ctx) => ({ events: await remindEvents(ctx), shifts: await remindShifts(ctx) }),
  },
  { name: 'notifications.retention', everyMs: 60 * 60_000, run: pruneNotifications },
]
