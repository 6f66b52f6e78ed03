import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { BackgroundJob } from '../../lib/background-job.ts'
import { MARGIN_MINUTES } from './tokens.ts'

/**
 * Volunteers who forget to check out are checked out at the shift's end once the check-out margin has
 * passed, and flagged so the coordinator looks at them before verifying. One conditional UPDATE: a row is
 * touched only while it is still open, so instances sweeping at once, or a restart mid-sweep, change each
 * sign-up exactly once.
 */
export async function autoCheckOut(ctx: AppContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - MARGIN_MINUTES * 60_000)
  const res = await ctx.db
    .updateTable('volunteer_signup')
    .set((eb) => ({
      checked_out_at: eb.ref('ends_at'),
      auto_checked_out: true,
      minutes: sql<number>`greatest(0, floor(extract(epoch from (ends_at - greatest(checked_in_at, starts_at))) / 60))::int`,
      version: eb('version', '+', 1),
    }))
    .where('status', '=', 'active')
    .where('checked_in_at', 'is not', null)
    .where('checked_out_at', 'is', null)
    .where('ends_at', '<=', cutoff)
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/** Periodic work of the volunteers module (see server/src/jobs.ts for the rules every job follows). */
export const volunteerJobs: BackgroundJob[] = [
  { name: 'volunteers.auto-check-out', everyMs: 60_000, run: autoCheckOut },
]
