import { sql } from 'kysely'
import type { AppContext } from '../context.ts'
import type { BackgroundJob } from '../lib/background-job.ts'

/**
 * PGlite has no autovacuum, so nothing ever refreshes the planner's statistics: a registry that grew from
 * the demo's size to a street's imports would still be planned as if tiny (a 100,000-row import's commit took
 * 48 s instead of 19 s when the tables had never been analysed). PostgreSQL's autovacuum does this itself.
 */
export async function analyzeEmbedded(ctx: AppContext): Promise<boolean> {
  if (ctx.database.engine !== 'pglite') return false
  await sql`ANALYZE`.execute(ctx.db)
  return true
}

/** Periodic work of the database itself (see server/src/jobs.ts for the rules every job follows). */
export const databaseJobs: BackgroundJob[] = [
  { name: 'db.analyze-embedded', everyMs: 30 * 60_000, run: analyzeEmbedded },
]
