import type { AuditAction, QrToken, ScanBody, ScanResult } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { statusWord } from './registration.service.ts'
import { type QrClaims, signToken, verifyToken } from './tokens.ts'

/** How far a scanner's clock may run ahead of the server's before its scan time is refused. */
const CLOCK_SKEW_MS = 2 * 60_000

export const windowEnd = (e: { ends_at: Date; checkin_margin_minutes: number }) =>
  new Date(e.ends_at.getTime() + e.checkin_margin_minutes * 60_000)

async function qr(secret: string, claims: QrClaims): Promise<QrToken> {
  const token = signToken(secret, claims)
  const svg = await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { token, svg, expiresAt: new Date(claims.exp * 1000).toISOString() }
}

/** The caller's ticket for an event: only a seat (registered or attended) gets one, not the waitlist. */
export async function myQr(ctx: AppContext, request: FastifyRequest, eventId: number): Promise<QrToken> {
  const principal = requirePrincipal(request)
  const row = await ctx.db
    .selectFrom('event_registration as r')
    .innerJoin('event as e', 'e.id', 'r.event_id')
    .select([
      'r.id',
      'r.status',
      'r.name',
      'e.ends_at',
      'e.checkin_margin_minutes',
      'e.status as event_status',
    ])
    .where('r.event_id', '=', eventId)
    .where('r.account_id', '=', principal.accountId)
    .where('r.status', '<>', 'cancelled')
    .executeTakeFirst()
  if (!row) throw new AppError('event_not_registered')
  if (row.event_status === 'cancelled') throw new AppError('event_cancelled')
  if (row.status !== 'registered' && row.status !== 'attended') {
    throw new AppError('checkin_not_admitted', { name: row.name, status: statusWord(row.status) })
  }
  const exp = Math.floor(windowEnd(row).getTime() / 1000)
  return qr(ctx.secret, { kind: 'R', eventId, registrationId: row.id, exp })
}

/** The poster at the door: members scan it with their phone to check themselves in. */
export async function doorQr(ctx: AppContext, eventId: number): Promise<QrToken> {
  const e = await ctx.db
    .selectFrom('event')
    .select(['ends_at', 'checkin_margin_minutes', 'status'])
    .where('id', '=', eventId)
    .executeTakeFirst()
  if (!e) throw new AppError('not_found')
  if (e.status === 'cancelled') throw new AppError('event_cancelled')
  return qr(ctx.secret, {
    kind: 'D',
    eventId,
    registrationId: 0,
    exp: Math.floor(windowEnd(e).getTime() / 1000),
  })
}

export interface Redeem {
  eventId: number
  /** The registration, found by the token (organiser scan), the caller's account (door scan, door code) or the id tapped. */
  find: (trx: Kysely<DB>) => Promise<number | null>
  via: 'registration' | 'door' | 'manual' | 'code'
  /** A signed token's expiry; ways in without a token are bounded by the window alone. */
  exp?: number
  scannedBy: number
  /** Ways in without a signature to show for them are also written to the audit log, in the same transaction. */
  audit?: { request: FastifyRequest; action: AuditAction }
}

export type RedeemBody = Pick<ScanBody, 'nonce' | 'direction' | 'scannedAt'>

/**
 * pretix's redeem: one transaction locks the registration, answers a known nonce with its first result
 * (an offline scan sent again counts once), then checks expiry, window and state, and records the scan.
 */
export async function redeem(ctx: AppContext, body: RedeemBody, r: Redeem): Promise<ScanResult> {
  const now = ctx.clock.now()
  const at = body.scannedAt ? new Date(body.scannedAt) : now
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppError('checkin_scan_in_future')
  const direction = body.direction ?? 'entry'
  return ctx.db.transaction().execute(async (trx) => {
    const regId = await r.find(trx)
    if (regId === null) throw new AppError('event_not_registered')
    const reg = await trx
      .selectFrom('event_registration')
      .selectAll()
      .where('id', '=', regId)
      .where('event_id', '=', r.eventId)
      .forUpdate()
      .executeTakeFirst()
    // A genuine signature over a registration id that is not this event's cannot happen; treat as forged.
    if (!reg) throw new AppError('checkin_token_invalid')
    const seen = await trx
      .selectFrom('event_scan')
      .selectAll()
      .where('nonce', '=', body.nonce)
      .executeTakeFirst()
    if (seen) {
      if (seen.registration_id !== reg.id || seen.direction !== direction)
        throw new AppError('checkin_nonce_reused')
      return {
        registrationId: reg.id,
        name: reg.name,
        direction,
        status: reg.status as ScanResult['status'],
        replayed: true,
        scannedAt: seen.scanned_at.toISOString(),
      }
    }
    if (r.exp !== undefined && r.exp * 1000 < at.getTime()) throw new AppError('checkin_token_expired')
    const e = await trx
      .selectFrom('event')
      .select(['starts_at', 'ends_at', 'checkin_margin_minutes', 'status'])
      .where('id', '=', r.eventId)
      .executeTakeFirstOrThrow()
    if (e.status === 'cancelled') throw new AppError('event_cancelled')
    const margin = e.checkin_margin_minutes * 60_000
    if (at.getTime() < e.starts_at.getTime() - margin || at.getTime() > e.ends_at.getTime() + margin) {
      throw new AppError('checkin_outside_window', { margin: e.checkin_margin_minutes })
    }
    if (!['registered', 'attended', 'no_show'].includes(reg.status)) {
      throw new AppError('checkin_not_admitted', { name: reg.name, status: statusWord(reg.status) })
    }
    if (direction === 'entry' && reg.inside) throw new AppError('checkin_already_inside', { name: reg.name })
    if (direction === 'exit' && !reg.inside) throw new AppError('checkin_not_inside', { name: reg.name })
    await trx
      .updateTable('event_registration')
      .set(
        direction === 'entry'
          ? { inside: true, status: 'attended', attended_at: reg.attended_at ?? at }
          : { inside: false },
      )
      .where('id', '=', reg.id)
      .execute()
    await trx
      .insertInto('event_scan')
      .values({
        event_id: r.eventId,
        registration_id: reg.id,
        nonce: body.nonce,
        direction,
        via: r.via,
        scanned_at: at,
        recorded_at: now,
        scanned_by: r.scannedBy,
      })
      .execute()
    if (r.audit) {
      await writeAudit(trx, r.audit.request, {
        action: r.audit.action,
        entity: 'event_registration',
        ids: [reg.id],
        detail: { eventId: r.eventId, direction, nonce: body.nonce },
      })
    }
    return {
      registrationId: reg.id,
      name: reg.name,
      direction,
      status: 'attended',
      replayed: false,
      scannedAt: at.toISOString(),
    }
  })
}

/** The organiser scans (or types) a member's ticket at this event. */
export async function scanTicket(
  ctx: AppContext,
  request: FastifyRequest,
  eventId: number,
  body: ScanBody,
): Promise<ScanResult> {
  const principal = requirePrincipal(request)
  const claims = verifyToken(ctx.secret, body.token)
  if (claims?.kind !== 'R') throw new AppError('checkin_token_invalid')
  if (claims.eventId !== eventId) throw new AppError('checkin_other_event', { eventId: claims.eventId })
  return redeem(ctx, body, {
    eventId,
    find: async () => claims.registrationId,
    via: 'registration',
    exp: claims.exp,
    scannedBy: principal.accountId,
  })
}

/** A member scans the door poster with their phone: their own registration for that event is redeemed. */
export async function scanDoor(
  ctx: AppContext,
  request: FastifyRequest,
  body: ScanBody,
): Promise<ScanResult> {
  const principal = requirePrincipal(request)
  const claims = verifyToken(ctx.secret, body.token)
  if (claims?.kind !== 'D') throw new AppError('checkin_token_invalid')
  return redeem(ctx, body, {
    eventId: claims.eventId,
    find: async (trx) => {
      const r = await trx
        .selectFrom('event_registration')
        .select('id')
        .where('event_id', '=', claims.eventId)
        .where('account_id', '=', principal.accountId)
        .where('status', '<>', 'cancelled')
        .executeTakeFirst()
      return r?.id ?? null
    },
    via: 'door',
    exp: claims.exp,
    scannedBy: principal.accountId,
  })
}
