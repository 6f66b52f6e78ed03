import type { BackgroundJob } from '../../lib/background-job.ts'
import { applyRetention } from './retention.ts'
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
  {
    name: 'ops.retention',
    everyMs: 60 * 60_000,
    // The total, so that the run is logged as having acted when it deleted anything.
    run: async (ctx) => Object.values(await applyRetention(ctx)).reduce((a, b) => a + b, 0),
  },
]
