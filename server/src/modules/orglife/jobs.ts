import type { AppContext } from '../../context.ts'
import type { BackgroundJob } from '../../lib/background-job.ts'
import { importCampaignLectures } from './campaign.ts'
import { escalateTransfers } from './transfers.escalation.ts'

/** Periodic work of the orglife module (see server/src/jobs.ts for the rules every job follows). */
export const orglifeJobs: BackgroundJob[] = [
  {
    name: 'orglife.campaign-lectures',
    everyMs: 10 * 60_000,
    run: (ctx: AppContext) => importCampaignLectures(ctx.db, ctx.clock.now()),
  },
  {
    name: 'orglife.transfer-escalation',
    everyMs: 15 * 60_000,
    run: (ctx: AppContext) => escalateTransfers(ctx, ctx.clock.now()),
  },
]
