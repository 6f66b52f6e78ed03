import type { AppContext } from '../../context.ts'
import type { BackgroundJob } from '../../jobs.ts'
import { purgeJobs } from './repository.ts'

/** How long import jobs are kept; exported for tests. */
export const JOB_RETENTION = {
  /** A dry run not committed within a day is deleted with its rows: upload the file again. */
  uncommittedMs: 24 * 3600_000,
  /** Committed jobs (counts, first errors, sample of the diff) for 90 days; the audit log keeps the commit. */
  committedMs: 90 * 24 * 3600_000,
}

export async function purgeImportJobs(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now().getTime()
  return purgeJobs(
    ctx.db,
    new Date(now - JOB_RETENTION.uncommittedMs),
    new Date(now - JOB_RETENTION.committedMs),
  )
}

/** Periodic work of the imports module (see server/src/jobs.ts for the rules every job follows). */
export const importJobs: BackgroundJob[] = [
  { name: 'imports.purge-jobs', everyMs: 15 * 60_000, run: purgeImportJobs },
]
