import type { BackgroundJob } from '../../lib/background-job.ts'

/** Periodic work of the enterprise module (see server/src/jobs.ts for the rules every job follows). */
export const enterpriseJobs: BackgroundJob[] = []
