import type { BackgroundJob } from '../../jobs.ts'

/** Periodic work of the volunteers module (see server/src/jobs.ts for the rules every job follows). */
export const volunteerJobs: BackgroundJob[] = []
