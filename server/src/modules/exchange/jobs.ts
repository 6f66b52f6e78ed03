import type { BackgroundJob } from '../../jobs.ts'
import { runEscalation } from './orders.service.ts'

export const exchangeJobs: BackgroundJob[] = [
  // The SLA sweep: the conditional update in runEscalation makes each need escalate once however many
  // instances sweep, and a restart simply resumes from the database.
  { name: 'SLA escalation sweep', everyMs: 60_000, run: runEscalation },
]
