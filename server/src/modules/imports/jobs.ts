import type { AppContext } from '../../context.ts'
import type { BackgroundJob } from '../../lib/background-job.ts'
import { purgeJobs } from './repository.ts'

/**
 * How long import jobs are kept (TONGXIN_RETAIN_IMPORT_*, modules/operations/config.ts): a dry run not
 * committed within a day (default) is deleted with its rows — upload the file again; committed jobs (counts,
 * first errors, sample of the diff) for 90 days; the audit log keeps the commit.
 */
export function jobRetention(ctx: AppContext) {
  const r = ctx.config.ops.retention
  return {
    uncommittedMs: r.importUncommittedHours * 3600_000,
    committedMs: r.importCommittedDays * 86_400_000,
  }
}

export async function purgeImportJobs(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now().getTime()
  const keep = jobRetention(ctx)
  return purgeJobs(ctx.db, new Date(now - keep.uncommittedMs), new Date(now - keep.committedMs))
}

/** Periodic work of the imports module (see server/src/jobs.ts for the rules every job follows). */
export const importJobs: BackgroundJob[] = [
  { name: 'imports.purge-jobs', everyMs: 15 * 60_000, run: purgeImportJobs },
]
