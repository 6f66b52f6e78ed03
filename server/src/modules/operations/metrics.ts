import { sql } from 'kysely'
import { Counter, collectDefaultMetrics, Gauge, type Metric, Registry } from 'prom-client'
import type { AppContext } from '../../context.ts'
import { latestBackupRun } from './repository.ts'
import { RequestHistogram } from './request-histogram.ts'

/**
 * The Prometheus series of one app instance. Request latency is observed per route *pattern* (never the raw
 * URL: ids would make a series per row); everything else is read when scraped, from counters the pool and the
 * job monitor keep anyway and from a few grouped counts, so nothing costs anything between scrapes.
 */
export function createMetrics(ctx: AppContext) {
  const registry = new Registry()
  // Process memory, CPU, event-loop lag, heap and GC: prom-client's standard names.
  collectDefaultMetrics({ register: registry })

  const http = new RequestHistogram(
    'tongxin_http_request_duration_seconds',
    'HTTP requests by method, route pattern and status: latency, and (its _count) the request rate',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  )
  // The registry only reads name, help, type and get() (RequestHistogram says why it is not prom-client's).
  registry.registerMetric(http as unknown as Metric)

  const stats = ctx.database.stats
  const fromStats = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset()
        this.inc(read())
      },
    })
  fromStats('tongxin_db_pool_acquires_total', 'Connections handed out by the pool', () => stats.acquires)
  fromStats(
    'tongxin_db_pool_waits_total',
    'Acquisitions that had to queue for a connection',
    () => stats.waits,
  )
  fromStats(
    'tongxin_db_pool_wait_seconds_total',
    'Time spent queueing for a connection',
    () => stats.waitSeconds,
  )
  fromStats(
    'tongxin_db_pool_timeouts_total',
    'Acquisitions that gave up waiting (embedded: after 30 s)',
    () => stats.timeouts,
  )
  new Gauge({
    name: 'tongxin_db_pool_waiting',
    help: 'Borrowers queued for a connection now',
    registers: [registry],
    collect() {
      this.set(stats.waiting())
    },
  })

  const jobs = () => ctx.jobs?.all() ?? []
  const perJob = (
    name: string,
    help: string,
    read: (s: ReturnType<typeof jobs>[number]) => number | null,
    counter: boolean,
  ) => {
    const opts = { name, help, labelNames: ['job'] as const, registers: [registry] }
    if (counter) {
      return new Counter({
        ...opts,
        collect() {
          this.reset()
          for (const s of jobs()) this.inc({ job: s.name }, read(s) ?? 0)
        },
      })
    }
    return new Gauge({
      ...opts,
      collect() {
        this.reset()
        for (const s of jobs()) {
          const v = read(s)
          if (v !== null) this.set({ job: s.name }, v)
        }
      },
    })
  }
  perJob('tongxin_job_runs_total', 'Background job runs on this instance', (s) => s.runs, true)
  perJob('tongxin_job_failures_total', 'Background job runs that failed', (s) => s.failures, true)
  perJob(
    'tongxin_job_last_success_timestamp_seconds',
    'When the job last succeeded on this instance (absent: not yet)',
    (s) => (s.lastSuccessAt === null ? null : s.lastSuccessAt / 1000),
    false,
  )
  perJob(
    'tongxin_job_running',
    'Whether a run is in progress',
    (s) => (s.runningSince === null ? 0 : 1),
    false,
  )

  new Gauge({
    name: 'tongxin_outbox_backlog',
    help: 'Notification deliveries waiting or being sent, by channel and state',
    labelNames: ['channel', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      for (const channel of ['email', 'wecom', 'webhook']) {
        for (const state of ['pending', 'sending']) this.set({ channel, state }, 0)
      }
      const rows = await ctx.db
        .selectFrom('notification_delivery')
        .select(['channel', 'state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('state', 'in', ['pending', 'sending'])
        .groupBy(['channel', 'state'])
        .execute()
      for (const r of rows) this.set({ channel: r.channel, state: r.state }, Number(r.n))
    },
  })
  new Gauge({
    name: 'tongxin_outbox_oldest_pending_seconds',
    help: 'Age of the oldest delivery still pending (0: none)',
    registers: [registry],
    async collect() {
      const r = await sql<{ age: number | null }>`
        SELECT extract(epoch FROM now() - min(created_at))::float8 AS age
        FROM notification_delivery WHERE state = 'pending'`.execute(ctx.db)
      this.set(Math.max(0, Number(r.rows[0]?.age ?? 0)))
    },
  })
  new Gauge({
    name: 'tongxin_import_jobs',
    help: 'Import jobs kept, by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      for (const status of ['checked', 'rejected', 'committing', 'committed', 'failed'])
        this.set({ status }, 0)
      const rows = await ctx.db
        .selectFrom('import_job')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute()
      for (const r of rows) this.set({ status: r.status }, Number(r.n))
    },
  })
  const backupGauge = (name: string, help: string, ok: boolean) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const run = await latestBackupRun(ctx.db, { ok })
        this.set(run ? run.finished_at.getTime() / 1000 : 0)
      },
    })
  backupGauge(
    'tongxin_backup_last_success_timestamp_seconds',
    'When a backup last succeeded (0: never)',
    true,
  )
  backupGauge('tongxin_backup_last_failure_timestamp_seconds', 'When a backup last failed (0: never)', false)

  return {
    registry,
    observe(method: string, route: string, status: number, seconds: number) {
      http.observe(method, route, status, seconds)
    },
  }
}
export type Metrics = ReturnType<typeof createMetrics>
