import type { BackgroundJob } from '../../jobs.ts'
import { scheduledBackup } from './schedule.ts'

/** Periodic work of operations (see server/src/jobs.ts for the rules every job follows). */
export const operationsJobs: BackgroundJob[] = [
  // Embedded only (one instance); checked every 10 minutes, run when due.
  {
    name: 'ops.backup',
    everyMs: 10 * 60_000,
    run: async (ctx) => ((await scheduledBackup(ctx)) ? 1 : 0),
    ready: false,
  },
]
