import { databaseJobs } from './db/jobs.ts'
import type { BackgroundJob } from './lib/background-job.ts'
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

/** Every module's periodic work, one list (the rules each job follows: lib/background-job.ts). */
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
