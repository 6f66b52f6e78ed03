import { ErrorBody, operationsApi, Readiness } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { latestMigration, listMigrations } from '../../db/migrate.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { createMetrics } from './metrics.ts'
import { installMetricsRoute } from './prometheus.ts'
import { readiness } from './readiness.ts'
import { latestBackupRun, recentBackupRuns } from './repository.ts'

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

/**
 * Operations: request metrics for every route (an onResponse hook on the root instance, so it is installed by
 * app.ts rather than registered as an encapsulated module), readiness, Prometheus metrics, the admins' status.
 */
export async function installOperations(app: TypedApp, ctx: AppContext) {
  const metrics = createMetrics(ctx)
  app.addHook('onResponse', (request, reply, done) => {
    // The pattern ('/api/parks/:id'), never the URL; requests no route matched share one label.
    const pattern = request.routeOptions.url ?? 'unmatched'
    metrics.observe(request.method, pattern, reply.statusCode, reply.elapsedTime / 1000)
    done()
  })
  const migrations = (await listMigrations()).map((f) => f.replace(/\.sql$/, ''))

  const route = contractRoutes(app, operationsApi, { tags: ['platform'], errors: {} })
  route(
    'GET /api/ready',
    {
      config: { access: 'public' },
      summary: '就绪检查 Readiness: database, migrations, background jobs',
      errors: { 503: Readiness },
    },
    async (request, reply) => {
      const result = await readiness(ctx, migrations, (detail) => request.log.warn(detail, 'not ready'))
      reply.status(result.status === 'ready' ? 200 : 503)
      return result
    },
  )

  // Not in the route table: a scraper reads it, never the web (see prometheus.ts).
  installMetricsRoute(app, metrics, ctx.config.ops.metricsToken)

  route(
    'GET /api/ops/status',
    {
      config: { access: { permission: 'ops.read', scope: () => ({ type: 'city' as const }) } },
      summary: '运维状态 Backups and retention (admins)',
      errors: { 401: ErrorBody, 403: ErrorBody },
    },
    async () => {
      const ops = ctx.config.ops
      const [success, failure, recent] = await Promise.all([
        latestBackupRun(ctx.db, { ok: true }),
        latestBackupRun(ctx.db, { ok: false }),
        recentBackupRuns(ctx.db, 10),
      ])
      return {
        engine: ctx.database.engine,
        schema: await latestMigration(ctx.database),
        backups: {
          everyHours: ctx.database.engine === 'pglite' ? ops.backupEveryHours : null,
          keep: ops.backupKeep,
          dir: ops.backupDir,
          lastSuccessAt: iso(success?.finished_at),
          lastFailureAt: iso(failure?.finished_at),
          lastError:
            failure && (!success || failure.finished_at > success.finished_at) ? failure.error : null,
          recent: recent.map((r) => ({
            kind: r.kind,
            ok: r.ok,
            startedAt: r.started_at.toISOString(),
            finishedAt: r.finished_at.toISOString(),
            file: r.file,
            bytes: r.bytes === null ? null : Number(r.bytes),
            schemaVersion: r.schema_version,
            error: r.error,
          })),
        },
        retention: {
          auditMonths: ops.retention.auditMonths,
          importUncommittedHours: ops.retention.importUncommittedHours,
          importCommittedDays: ops.retention.importCommittedDays,
          notificationsReadDays: ctx.config.notify.keepReadDays,
          deliveriesDays: ctx.config.notify.keepDeliveriesDays,
          wasteMissDays: ops.retention.wasteMissDays,
          sessionIdleMinutes: ctx.config.sessionIdleMinutes,
          sessionMaxHours: ctx.config.sessionMaxHours,
        },
        metricsEnabled: ctx.config.ops.metricsToken !== null,
      }
    },
  )
}
