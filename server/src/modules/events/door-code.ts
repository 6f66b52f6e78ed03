import { randomInt } from 'node:crypto'
import {
  type CodeCheckinBody,
  DOOR_CODE_ALPHABET,
  DOOR_CODE_LENGTH,
  type DoorCode,
  normaliseDoorCode,
  type ScanResult,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { safeEqual } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { redeem, windowEnd } from './checkin.service.ts'

/**
 * The door code is the spoken stand-in for the door QR: the organiser shows or reads out 8 characters,
 * registrants type them on their own phone and are checked in as by a door scan. It proves presence only as
 * far as the QR poster does (anyone in the room can pass either on); what it must withstand is guessing by a
 * registrant who is not there. So:
 * - 30 symbols ^ 8 ≈ 6.6 × 10^11 codes, drawn with a CSPRNG; unique over all events, valid for one;
 * - only the event's own registrants may try, only inside its check-in window (else nothing is compared);
 * - wrong codes are counted in the database per account and per event, inside one transaction that locks
 *   both counters before comparing, so parallel guesses queue and cannot pass a limit together.
 * At the limits an attacker gets at most `perEvent` guesses per `windowMs` at one event, ≤ 30 × 4 × 80 =
 * 9,600 over the longest check-in window (72 h event + 2 × 4 h margin): a chance below 1.5 × 10^-8.
 */
export const CODE_LIMITS = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  /** Wrong codes one account may type (at any events) per window. */
  perAccount: 5,
  /** Wrong codes all accounts together may type at one event per window. */
  perEvent: 30,
}

function newCode(): string {
  let code = ''
  for (let i = 0; i < DOOR_CODE_LENGTH; i++) code += DOOR_CODE_ALPHABET[randomInt(DOOR_CODE_ALPHABET.length)]
  return code
}

const VALID = new RegExp(`^[${DOOR_CODE_ALPHABET}]{${DOOR_CODE_LENGTH}}$`)

async function eventWindow(db: Kysely<DB>, eventId: number) {
  const e = await db
    .selectFrom('event')
    .select(['id', 'starts_at', 'ends_at', 'checkin_margin_minutes', 'status'])
    .where('id', '=', eventId)
    .executeTakeFirst()
  if (!e) throw new AppError('not_found')
  if (e.status === 'cancelled') throw new AppError('event_cancelled')
  return e
}

/** Stores a fresh code for the event, replacing any; a clash with another event's code draws again. */
async function issue(ctx: AppContext, eventId: number, by: number, replace: boolean) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode()
    const clash = await ctx.db
      .selectFrom('event_door_code')
      .select('event_id')
      .where('code', '=', code)
      .executeTakeFirst()
    if (clash) continue
    const row = await ctx.db
      .insertInto('event_door_code')
      .values({ event_id: eventId, code, issued_at: ctx.clock.now(), issued_by: by })
      .$call((qb) =>
        replace
          ? qb.onConflict((oc) =>
              oc.column('event_id').doUpdateSet({ code, issued_at: ctx.clock.now(), issued_by: by }),
            )
          : qb.onConflict((oc) => oc.column('event_id').doNothing()),
      )
      .returningAll()
      .executeTakeFirst()
    // Without `replace`, a concurrent first issue may have won: theirs is the event's code.
    return (
      row ??
      (await ctx.db
        .selectFrom('event_door_code')
        .selectAll()
        .where('event_id', '=', eventId)
        .executeTakeFirstOrThrow())
    )
  }
  throw new AppError('concurrent_write')
}

/** The event's current code, issued on first ask. Organisers only (route: event.checkin over the event). */
export async function getDoorCode(
  ctx: AppContext,
  request: FastifyRequest,
  eventId: number,
  rotate = false,
): Promise<DoorCode> {
  const principal = requirePrincipal(request)
  const e = await eventWindow(ctx.db, eventId)
  let row = rotate
    ? undefined
    : await ctx.db
        .selectFrom('event_door_code')
        .selectAll()
        .where('event_id', '=', eventId)
        .executeTakeFirst()
  if (!row) {
    row = await issue(ctx, eventId, principal.accountId, rotate)
    if (rotate) {
      await writeAudit(ctx.db, request, { action: 'event.door_code_rotate', entity: 'event', ids: [eventId] })
    }
  }
  return { code: row.code, issuedAt: row.issued_at.toISOString(), closesAt: windowEnd(e).toISOString() }
}

interface Counter {
  key: string
  max: number
  /** A right code clears the account's count, not the event's: other people's wrong guesses keep counting. */
  clearOnSuccess: boolean
}

/**
 * Locks both counters, refuses while either is at its limit, then compares; a wrong code is counted on
 * both before the transaction ends.
 */
type Tried = { result: 'locked'; minutes: number } | { result: 'right' } | { result: 'wrong'; left: number }

async function tryCode(ctx: AppContext, counters: Counter[], eventId: number, typed: string): Promise<Tried> {
  const now = ctx.clock.now()
  const windowStart = new Date(now.getTime() - CODE_LIMITS.windowMs)
  const sorted = [...counters].sort((a, b) => (a.key < b.key ? -1 : 1))
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('checkin_code_throttle')
      .values(sorted.map((c) => ({ key: c.key, failures: 0, window_start_at: now, locked_until: null })))
      // A no-op update, so an existing row is locked too and returned as it is.
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({ failures: eb.ref('checkin_code_throttle.failures') })),
      )
      .returningAll()
      .execute()
    let blockedUntil = 0
    for (const c of sorted) {
      const row = rows.find((r) => r.key === c.key)!
      if (row.locked_until && row.locked_until > now) {
        blockedUntil = Math.max(blockedUntil, row.locked_until.getTime())
      }
    }
    if (blockedUntil > 0) {
      return { result: 'locked', minutes: Math.max(1, Math.ceil((blockedUntil - now.getTime()) / 60_000)) }
    }
    const stored = await trx
      .selectFrom('event_door_code')
      .select('code')
      .where('event_id', '=', eventId)
      .executeTakeFirst()
    if (stored && safeEqual(stored.code, typed)) {
      const clear = sorted.filter((c) => c.clearOnSuccess).map((c) => c.key)
      if (clear.length > 0) await trx.deleteFrom('checkin_code_throttle').where('key', 'in', clear).execute()
      return { result: 'right' }
    }
    let left = Number.POSITIVE_INFINITY
    for (const c of sorted) {
      const row = rows.find((r) => r.key === c.key)!
      const fresh = row.window_start_at < windowStart || row.failures === 0
      const failures = fresh ? 1 : row.failures + 1
      left = Math.min(left, c.max - failures)
      await trx
        .updateTable('checkin_code_throttle')
        .set({
          failures,
          window_start_at: fresh ? now : row.window_start_at,
          locked_until: failures >= c.max ? new Date(now.getTime() + CODE_LIMITS.lockMs) : null,
        })
        .where('key', '=', c.key)
        .execute()
    }
    return { result: 'wrong', left: Math.max(0, left) }
  })
}

/** A registrant types the door code on their phone: checked, counted, then redeemed as a door scan. */
export async function codeCheckin(
  ctx: AppContext,
  request: FastifyRequest,
  eventId: number,
  body: CodeCheckinBody,
): Promise<ScanResult> {
  const principal = requirePrincipal(request)
  const typed = normaliseDoorCode(body.code)
  if (!VALID.test(typed)) throw new AppError('checkin_code_malformed', { length: DOOR_CODE_LENGTH })
  const e = await eventWindow(ctx.db, eventId)
  const mine = await ctx.db
    .selectFrom('event_registration')
    .select('id')
    .where('event_id', '=', eventId)
    .where('account_id', '=', principal.accountId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst()
  // Only the event's registrants may try a code, so nobody else can guess it or spend its budget.
  if (!mine) throw new AppError('event_not_registered')
  const now = ctx.clock.now()
  const margin = e.checkin_margin_minutes * 60_000
  if (now.getTime() < e.starts_at.getTime() - margin || now > windowEnd(e)) {
    throw new AppError('checkin_outside_window', { margin: e.checkin_margin_minutes })
  }
  // An offline retry of an accepted check-in is answered from its nonce, without trying the code again.
  const seen = await ctx.db
    .selectFrom('event_scan')
    .select('registration_id')
    .where('nonce', '=', body.nonce)
    .executeTakeFirst()
  if (!seen) {
    const tried = await tryCode(
      ctx,
      [
        { key: `account:${principal.accountId}`, max: CODE_LIMITS.perAccount, clearOnSuccess: true },
        { key: `event:${eventId}`, max: CODE_LIMITS.perEvent, clearOnSuccess: false },
      ],
      eventId,
      typed,
    )
    if (tried.result === 'locked') throw new AppError('checkin_code_locked', { minutes: tried.minutes })
    if (tried.result === 'wrong') throw new AppError('checkin_code_wrong', { left: tried.left })
  }
  return redeem(
    ctx,
    { nonce: body.nonce },
    {
      eventId,
      find: async () => mine.id,
      via: 'code',
      scannedBy: principal.accountId,
    },
  )
}
