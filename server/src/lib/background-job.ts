import type { AppContext } from '../context.ts'

/**
 * Periodic work every app instance runs (serve.ts schedules the list in jobs.ts, tests call `run` with their
 * own clock). Each job must be safe to run on several instances at once and after a restart: state lives in
 * the database and claims are conditional updates, so a job never does the same thing twice.
 */
export interface BackgroundJob {
  name: string
  everyMs: number
  run(ctx: AppContext): Promise<unknown>
  /** false: its failures do not make the instance unready (it shows its own state, as backups do). */
  ready?: false
}
