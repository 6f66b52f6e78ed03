import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'

/**
 * Every limit on password guessing, in one place. Counts live in the database (`login_throttle`), so every
 * app instance sees the same ones; each counter allows `max` wrong passwords per window and then locks.
 *
 * A login from a browser that signed in to the account before (it carries a valid device cookie, see
 * device.ts) is counted on that device alone. Any other login is counted per account and address, per
 * account across all such addresses, and per address across all accounts. So an attacker who knows a
 * username locks out their own address, then unknown devices, but never the owner's known browser.
 */
export const LIMITS = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  /** Wrong passwords from one known device (device cookie) for its account. */
  perDevice: 5,
  /** From one address for one account, without a device cookie. */
  perAccountAndAddress: 5,
  /** For one account from all addresses together, without a device cookie. */
  perAccount: 10,
  /** From one address across all accounts (password spraying), without a device cookie. */
  perAddress: 30,
  /** Wrong current passwords when changing one's password, per account. */
  passwordChange: 5,
  deviceCookieDays: 180,
}

/**
 * One count of wrong passwords. After a right password, a `clear` counter starts again from zero; a `refund`
 * counter only gives back the attempt it reserved, so failures from others on the same key keep counting.
 */
export interface Counter {
  key: string
  max: number
  onSuccess: 'clear' | 'refund'
}

export function loginCounters(username: string, ip: string, deviceId: string | null): Counter[] {
  if (deviceId) return [{ key: `device:${deviceId}`, max: LIMITS.perDevice, onSuccess: 'clear' }]
  return [
    { key: `pair:${ip}|${username}`, max: LIMITS.perAccountAndAddress, onSuccess: 'clear' },
    { key: `user:${username}`, max: LIMITS.perAccount, onSuccess: 'refund' },
    { key: `ip:${ip}`, max: LIMITS.perAddress, onSuccess: 'refund' },
  ]
}

export const passwordChangeCounters = (accountId: number): Counter[] => [
  { key: `password:${accountId}`, max: LIMITS.passwordChange, onSuccess: 'clear' },
]

export interface Reservation {
  counters: Counter[]
  /** The window each counter was counted in, so a refund never lands in a window begun since. */
  windows: Map<string, Date>
}

/**
 * Takes one attempt from every counter, or from none, before the password is checked: the check is slow
 * (argon2), and a lock tested before it and recorded after it lets parallel requests all pass. The rows are
 * locked in key order, so concurrent reservations on a PostgreSQL pool queue up instead of deadlocking.
 */
export async function reserveAttempt(
  ctx: AppContext,
  counters: Counter[],
  code: 'login_locked' | 'password_attempts_locked' | 'signup_locked',
): Promise<Reservation> {
  const now = ctx.clock.now()
  const windowStart = new Date(now.getTime() - LIMITS.windowMs)
  const sorted = [...counters].sort((a, b) => (a.key < b.key ? -1 : 1))
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('login_throttle')
      .values(sorted.map((c) => ({ key: c.key, failures: 0, window_start_at: now, locked_until: null })))
      // A no-op update, so the existing row is locked as well and returned as it is.
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({ failures: eb.ref('login_throttle.failures') })),
      )
      .returningAll()
      .execute()
    let blockedUntil = 0
    for (const c of sorted) {
      const row = rows.find((r) => r.key === c.key)!
      const inWindow = row.window_start_at >= windowStart
      if (row.locked_until && row.locked_until > now) {
        blockedUntil = Math.max(blockedUntil, row.locked_until.getTime())
      } else if (inWindow && row.failures >= c.max) {
        blockedUntil = Math.max(blockedUntil, row.window_start_at.getTime() + LIMITS.windowMs)
      }
    }
    if (blockedUntil > 0) {
      // Thrown inside the transaction: the rows it created are rolled back, nothing is counted.
      throw new AppError(code, { minutes: Math.max(1, Math.ceil((blockedUntil - now.getTime()) / 60_000)) })
    }
    const windows = new Map<string, Date>()
    for (const c of sorted) {
      const row = rows.find((r) => r.key === c.key)!
      const fresh = row.window_start_at < windowStart || row.failures === 0
      const failures = fresh ? 1 : row.failures + 1
      const window_start_at = fresh ? now : row.window_start_at
      windows.set(c.key, window_start_at)
      await trx
        .updateTable('login_throttle')
        .set({
          failures,
          window_start_at,
          locked_until: failures >= c.max ? new Date(now.getTime() + LIMITS.lockMs) : null,
        })
        .where('key', '=', c.key)
        .execute()
    }
    return { counters: sorted, windows }
  })
}

/** The password was right: the reserved attempt was not a failure. */
export async function settleSuccess(ctx: AppContext, reservation: Reservation) {
  const clear = reservation.counters.filter((c) => c.onSuccess === 'clear').map((c) => c.key)
  if (clear.length > 0) await ctx.db.deleteFrom('login_throttle').where('key', 'in', clear).execute()
  for (const c of reservation.counters.filter((r) => r.onSuccess === 'refund')) {
    await ctx.db
      .updateTable('login_throttle')
      .set((eb) => ({
        failures: eb('failures', '-', 1),
        // Below the limit again: a lock this attempt's reservation set is lifted with it.
        locked_until: eb.case().when('failures', '<=', c.max).then(null).else(eb.ref('locked_until')).end(),
      }))
      .where('key', '=', c.key)
      .where('window_start_at', '=', reservation.windows.get(c.key)!)
      .where('failures', '>', 0)
      .execute()
  }
}
