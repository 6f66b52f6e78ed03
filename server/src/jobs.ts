import type { AppContext } from './context.ts'
import { databaseJobs } from './db/jobs.ts'
import { coverageJobs } from './modules/coverage/jobs.ts'
import { enterpriseJobs } from './modules/enterprise/jobs.ts'
import { eventJobs } from './modules/events/jobs.ts'
import { exchangeJobs } from './modules/exchange/jobs.ts'
import { importJobs } from './modules/imports/jobs.ts'
import { notificationJobs } from './modules/notifications/jobs.ts'
import { operationsJobs } from './modules/operations/jobs.ts'
import { orglifeJobs } from './modules/orglife/jobs.ts'
import { surveyJobs } from './modules/surveys/jobs.ts'
import { volunteerJobs } from './modules/volunteers/jobs.ts'
import { wasteJobs } from './modules/waste/jobs.ts'

/**
 * Periodic work every app instance runs (main.ts schedules it, tests call `run` with their own clock). Each
 * job must be safe to run on several instances at once and after a restart: state lives in the database and
 * claims are conditional updates, so a job never does the same thing twice.
 */
export interface BackgroundJob {
  name: string
  everyMs: number
  run(ctx: AppContext): Promise<unknown>
  /** false: its failures do not make the instance unready (it shows its own state, as backups do). */
  ready?: false
}

export const BACKGROUND_JOBS: BackgroundJob[] = [
  ...databaseJobs,
  ...coverageJobs,
  ...exchangeJobs,
  ...wasteJobs,
  ...eventJobs,
  ...volunteerJobs,
  ...surveyJobs,
  ...enterpriseJobs,
  ...orglifeJobs,
  ...notificationJobs,
  ...importJobs,
  ...operationsJobs,
]
