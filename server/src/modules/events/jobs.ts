import type { BackgroundJob } from '../../lib/background-job.ts'
import { markNoShows } from './registration.service.ts'

/** Periodic work of the events module (see server/src/jobs.ts for the rules every job follows). */
export const eventJobs: BackgroundJob[] = [
  { name: 'events.no_shows', everyMs: 10 * 60_000, run: (ctx) => markNoShows(ctx) },
]
