import type { Readiness } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'

/** How long readiness waits for the database before calling it unreachable. */
export const READY_DB_TIMEOUT_MS = 5_000

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/**
 * Ready = the database answers, every migration this code has is applied, and no background job has gone
 * without success for TONGXIN_READY_JOB_FACTOR of its intervals. What failed is named; why is logged, not sent.
 */
export async function readiness(
  ctx: AppContext,
  migrations: string[],
  log: (detail: Record<string, unknown>) => void,
): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'ok', migrations: 'ok', jobs: 'ok' }
  try {
    const rows = await withTimeout(
      ctx.db.selectFrom('schema_migration').select('name').execute(),
      READY_DB_TIMEOUT_MS,
    )
    const applied = new Set(rows.map((r) => r.name))
    const pending = migrations.filter((m) => !applied.has(m))
    if (pending.length > 0) {
      checks.migrations = 'pending'
      log({ pending })
    }
  } catch (err) {
    checks.database = 'unreachable'
    checks.migrations = 'unknown'
    log({ database: (err as Error).message })
  }
  const stuck = ctx.jobs?.stuck(ctx.config.ops.readyJobFactor) ?? []
  if (stuck.length > 0) {
    checks.jobs = 'stuck'
    log({ stuck })
  }
  const ok = checks.database === 'ok' && checks.migrations === 'ok' && checks.jobs === 'ok'
  return { status: ok ? 'ready' : 'not_ready', checks }
}
