import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'

/**
 * Failed logins are counted per account and per client address in the database, so every app instance sees
 * the same counts. Past the limit inside the window the key is locked for a while, right password or not.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerIp: 30,
}

const keysFor = (username: string, ip: string) => [
  { key: `user:${username.toLowerCase()}`, max: THROTTLE.maxPerAccount },
  { key: `ip:${ip}`, max: THROTTLE.maxPerIp },
]

export async function assertNotLocked(ctx: AppContext, username: string, ip: string) {
  const now = ctx.clock.now()
  const keys = keysFor(username, ip).map((k) => k.key)
  const rows = await ctx.db
    .selectFrom('login_throttle')
    .select(['locked_until'])
    .where('key', 'in', keys)
    .execute()
  const until = rows
    .map((r) => r.locked_until)
    .filter((d): d is Date => d !== null && d > now)
    .sort((a, b) => b.getTime() - a.getTime())[0]
  if (until) {
    throw new AppError('login_locked', { minutes: Math.ceil((until.getTime() - now.getTime()) / 60_000) })
  }
}

export async function recordFailure(ctx: AppContext, username: string, ip: string) {
  const now = ctx.clock.now()
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs)
  for (const { key, max } of keysFor(username, ip)) {
    await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('login_throttle')
        .selectAll()
        .where('key', '=', key)
        .forUpdate()
        .executeTakeFirst()
      const fresh = !row || row.window_start_at < windowStart
      const failures = fresh ? 1 : row.failures + 1
      const values = {
        failures,
        window_start_at: fresh ? now : row.window_start_at,
        locked_until: failures >= max ? new Date(now.getTime() + THROTTLE.lockMs) : null,
      }
      await trx
        .insertInto('login_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute()
    })
  }
}

export async function clearFailures(ctx: AppContext, username: string) {
  await ctx.db.deleteFrom('login_throttle').where('key', '=', `user:${username.toLowerCase()}`).execute()
}
