import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/connection.ts'
import type { DB } from './db/schema.ts'
import type { Clock } from './lib/clock.ts'
import type { JobMonitor } from './modules/operations/job-monitor.ts'

/** What every module gets: plain values, no container. */
export interface AppContext {
  config: Config
  database: Database
  db: Kysely<DB>
  clock: Clock
  /** Signs session ids and tokens; the same on every instance. */
  secret: string
  /** What this instance's background jobs did (serve.ts; absent in tests that run jobs themselves). */
  jobs?: JobMonitor
}
