import type { BackgroundJob } from '../../lib/background-job.ts'
import { runEscalation } from './orders.service.ts'
import { runQueuedSolves } from './rounds.solve.ts'

export const exchangeJobs: BackgroundJob[] = [
  // The SLA sweep: the conditional update in runEscalation makes each need escalate once however many
  // instances sweep, and a restart simply resumes from the database.
  { name: 'SLA escalation sweep', everyMs: 60_000, run: runEscalation },
  // Large matchmaking rounds: a conditional update claims each queued round for one instance; a claim whose
  // instance died is taken over after the lease, so a restart finishes what was queued.
  { name: 'Matchmaking solver', everyMs: 5_000, run: (ctx) => runQueuedSolves(ctx) },
]
