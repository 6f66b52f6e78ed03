import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { BackgroundJob } from '../../lib/background-job.ts'

/**
 * Moves the coverage deltas the triggers appended into the per-area rollups, so readers sum a short delta
 * table. Figures are exact whether or not this has run; it only keeps them fast. The database function takes
 * an advisory lock, so instances folding at once do it one after another.
 */
export async function foldCoverageDeltas(ctx: AppContext): Promise<void> {
  await sql`SELECT tx_fold_coverage_deltas()`.execute(ctx.db)
}

/** Periodic work of the coverage module (see server/src/jobs.ts for the rules every job follows). */
export const coverageJobs: BackgroundJob[] = [
  { name: 'coverage.fold-deltas', everyMs: 5_000, run: foldCoverageDeltas },
]
