import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { pruneBackupRuns } from './repository.ts'

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const BATCH = 5_000
/** One run deletes at most this many audit rows (the first run on years of history works through it hourly). */
const MAX_BATCHES = 40

/**
 * The instant `months` calendar months before `now`, read on Shanghai's wall clock (UTC+8, no daylight
 * saving since 1991): 2026-08-31 10:00 minus 6 months is 2026-02-28 10:00 — a day the earlier month does not
 * have becomes its last day. A row stamped exactly then is kept; one a millisecond older is not.
 */
export function monthsBefore(now: Date, months: number): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS)
  const y = local.getUTCFullYear()
  const m = local.getUTCMonth() - months
  const targetYear = y + Math.floor(m / 12)
  const targetMonth = ((m % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate()
  const day = Math.min(local.getUTCDate(), lastDay)
  const wall = Date.UTC(
    targetYear,
    targetMonth,
    day,
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  )
  return new Date(wall - SHANGHAI_OFFSET_MS)
}

/** Misses that look like a phone or ID number (7+ digits in a row) are someone's data, not an item name. */
const PERSONAL_LOOKING = '[0-9]{7,}'

/**
 * What the retention rules delete, every hour on every instance: each statement is a conditional DELETE,
 * so instances sweeping together delete each row once and a second sweep finds nothing. Import jobs and
 * notifications have their own sweeps (imports.purge-jobs, notifications.retention) on settings in the same
 * configuration.
 */
export async function applyRetention(ctx: AppContext) {
  const now = ctx.clock.now()
  const r = ctx.config.ops.retention
  const auditBefore = monthsBefore(now, r.auditMonths)
  let audit = 0
  // In batches: on the embedded database one long DELETE would hold the only session for every request.
  for (let i = 0; i < MAX_BATCHES; i++) {
    const res = await ctx.db
      .deleteFrom('audit_log')
      .where('id', 'in', (eb) =>
        eb.selectFrom('audit_log').select('id').where('at', '<', auditBefore).limit(BATCH),
      )
      .executeTakeFirst()
    const n = Number(res.numDeletedRows)
    audit += n
    if (n < BATCH) break
  }
  const idleBefore = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000)
  // Past its absolute lifetime or idle too long: auth would refuse it anyway (now >= limit).
  const sessions = await ctx.db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
    .executeTakeFirst()
  // Counting windows are minutes long; a day-old window with no lock running has nothing left to say.
  const dayAgo = new Date(now.getTime() - 86_400_000)
  const throttles = await ctx.db
    .deleteFrom('login_throttle')
    .where('window_start_at', '<', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst()
  const missBefore = new Date(now.getTime() - r.wasteMissDays * 86_400_000)
  const misses = await ctx.db
    .deleteFrom('waste_miss')
    .where((eb) => eb.or([eb('last_seen', '<', missBefore), sql<boolean>`query ~ ${PERSONAL_LOOKING}`]))
    .executeTakeFirst()
  const backupRuns = await pruneBackupRuns(ctx.db, r.backupRunsKept)
  return {
    audit,
    sessions: Number(sessions.numDeletedRows),
    throttles: Number(throttles.numDeletedRows),
    wasteMisses: Number(misses.numDeletedRows),
    backupRuns,
  }
}
