import type { VolunteerScanBody, VolunteerScanResult } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadPoint, requireCoordinator } from './access.ts'
import { requireMyProfile } from './profiles.service.ts'
import { checkToken, creditedMinutes, issueToken, MARGIN_MINUTES, tokenHash } from './tokens.ts'

const MARGIN_MS = MARGIN_MINUTES * 60_000

/** The rotating code a point's screen shows (its coordinators fetch it). */
export async function pointToken(ctx: AppContext, request: FastifyRequest, pointId: number) {
  const point = await loadPoint(ctx, pointId)
  await requireCoordinator(ctx, request, point)
  return shape(issueToken(ctx.secret, 'P', point.id, ctx.clock.now()))
}

/** The volunteer's own code for one sign-up, for the coordinator to scan. */
export async function signupToken(ctx: AppContext, request: FastifyRequest, signupId: number) {
  const me = await requireMyProfile(ctx, request)
  const s = await ctx.db
    .selectFrom('volunteer_signup')
    .select('id')
    .where('id', '=', signupId)
    .where('volunteer_id', '=', me.id)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!s) throw new AppError('not_found')
  return shape(issueToken(ctx.secret, 'V', s.id, ctx.clock.now()))
}

/** The token and its QR code as SVG, so the page needs no QR library of its own. */
const shape = async (t: ReturnType<typeof issueToken>) => ({
  token: t.token,
  expiresAt: t.expiresAt.toISOString(),
  refreshAfterMs: t.refreshAfterMs,
  svg: await QRCode.toString(t.token, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
})

/** A scan already recorded under this nonce is answered again, unchanged (an offline retry counts once). */
async function earlierScan(ctx: AppContext, body: VolunteerScanBody, hash: string, accountId: number) {
  const prior = await ctx.db
    .selectFrom('volunteer_scan as sc')
    .innerJoin('volunteer_signup as su', 'su.id', 'sc.signup_id')
    .innerJoin('volunteer as v', 'v.id', 'su.volunteer_id')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .select([
      'sc.signup_id',
      'sc.action',
      'sc.at',
      'sc.token_hash',
      'sc.scanned_by',
      'v.display_name',
      'dp.name',
      'su.minutes',
    ])
    .where('sc.nonce', '=', body.nonce)
    .executeTakeFirst()
  if (!prior) return null
  if (prior.token_hash !== hash || prior.action !== body.action || prior.scanned_by !== accountId)
    throw new AppError('vol_nonce_reused')
  return {
    signupId: prior.signup_id,
    action: prior.action,
    at: prior.at.toISOString(),
    duplicate: true,
    volunteerName: prior.display_name,
    pointName: prior.name,
    minutes: prior.action === 'out' ? prior.minutes : null,
  } satisfies VolunteerScanResult
}

function tokenOrThrow(ctx: AppContext, token: string, kind: 'P' | 'V') {
  const check = checkToken(ctx.secret, token, ctx.clock.now())
  if (!check.ok) throw new AppError(check.problem === 'expired' ? 'vol_token_expired' : 'vol_token_forged')
  if (check.kind !== kind) throw new AppError('vol_token_forged')
  return check
}

/** A volunteer scans the point's code with their phone. */
export async function scanAtPoint(ctx: AppContext, request: FastifyRequest, body: VolunteerScanBody) {
  const principal = requirePrincipal(request)
  const hash = tokenHash(ctx.secret, body.token)
  const again = await earlierScan(ctx, body, hash, principal.accountId)
  if (again) return again
  const check = tokenOrThrow(ctx, body.token, 'P')
  const me = await requireMyProfile(ctx, request)
  const now = ctx.clock.now()
  // The volunteer's sign-ups around now: the one at the scanned point, else say where their shift is.
  const near = await ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .select(['su.id', 'su.point_id', 'dp.name', 'su.starts_at', 'su.ends_at'])
    .where('su.volunteer_id', '=', me.id)
    .where('su.status', '=', 'active')
    .where('su.starts_at', '<=', new Date(now.getTime() + MARGIN_MS))
    .where('su.ends_at', '>=', new Date(now.getTime() - MARGIN_MS))
    .orderBy('su.starts_at')
    .execute()
  const here = near.filter((s) => s.point_id === check.id)
  if (here.length === 0) {
    if (near[0]) throw new AppError('vol_token_other_point', { point: near[0].name })
    // A shift here earlier or later today: the right place at the wrong time.
    const sameDay = await ctx.db
      .selectFrom('volunteer_signup')
      .select('id')
      .where('volunteer_id', '=', me.id)
      .where('point_id', '=', check.id)
      .where('status', '=', 'active')
      .where('starts_at', '<=', new Date(now.getTime() + 12 * 3_600_000))
      .where('ends_at', '>=', new Date(now.getTime() - 12 * 3_600_000))
      .executeTakeFirst()
    if (sameDay) throw new AppError('vol_outside_window', { margin: MARGIN_MINUTES })
    throw new AppError('vol_no_shift_here')
  }
  // Back-to-back shifts at one point: check in to the one not yet started, check out of the one running.
  const signup = here.length > 1 && body.action === 'in' ? here[here.length - 1]! : here[0]!
  return redeem(ctx, signup.id, body, hash, 'point_qr', principal.accountId)
}

/** A coordinator scans the volunteer's code at their point. */
export async function scanVolunteer(
  ctx: AppContext,
  request: FastifyRequest,
  pointId: number,
  body: VolunteerScanBody,
) {
  const principal = requirePrincipal(request)
  const point = await loadPoint(ctx, pointId)
  await requireCoordinator(ctx, request, point)
  const hash = tokenHash(ctx.secret, body.token)
  const again = await earlierScan(ctx, body, hash, principal.accountId)
  if (again) return again
  const check = tokenOrThrow(ctx, body.token, 'V')
  const signup = await ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .select(['su.id', 'su.point_id', 'dp.name'])
    .where('su.id', '=', check.id)
    .where('su.status', '=', 'active')
    .executeTakeFirst()
  if (!signup) throw new AppError('vol_no_shift_here')
  if (signup.point_id !== point.id) throw new AppError('vol_token_other_point', { point: signup.name })
  return redeem(ctx, signup.id, body, hash, 'volunteer_qr', principal.accountId)
}

/**
 * Applies a scan under a lock on the sign-up, so two scans of one volunteer (or a retry racing its original)
 * are decided one after the other: the nonce and the token are checked again inside the lock.
 */
async function redeem(
  ctx: AppContext,
  signupId: number,
  body: VolunteerScanBody,
  hash: string,
  via: 'point_qr' | 'volunteer_qr',
  accountId: number,
): Promise<VolunteerScanResult> {
  const now = ctx.clock.now()
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const su = await trx
      .selectFrom('volunteer_signup')
      .selectAll()
      .where('id', '=', signupId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const prior = await trx
      .selectFrom('volunteer_scan')
      .select(['nonce', 'token_hash', 'action'])
      .where((eb) =>
        eb.or([
          eb('nonce', '=', body.nonce),
          eb.and([eb('signup_id', '=', signupId), eb('token_hash', '=', hash)]),
        ]),
      )
      .execute()
    if (prior.some((p) => p.nonce === body.nonce)) return 'retry' as const
    if (prior.length) throw new AppError('vol_token_replayed')
    const windowOk =
      body.action === 'in'
        ? now.getTime() >= su.starts_at.getTime() - MARGIN_MS && now <= su.ends_at
        : now.getTime() <= su.ends_at.getTime() + MARGIN_MS
    let minutes: number | null = null
    if (body.action === 'in') {
      if (su.checked_in_at) throw new AppError('vol_already_checked_in')
      if (!windowOk) throw new AppError('vol_outside_window', { margin: MARGIN_MINUTES })
      await trx
        .updateTable('volunteer_signup')
        .set({ checked_in_at: now, version: su.version + 1 })
        .where('id', '=', signupId)
        .execute()
    } else {
      if (!su.checked_in_at) throw new AppError('vol_not_checked_in')
      if (su.checked_out_at) throw new AppError('vol_already_checked_out')
      if (!windowOk) throw new AppError('vol_outside_window', { margin: MARGIN_MINUTES })
      minutes = creditedMinutes({ starts: su.starts_at, ends: su.ends_at }, su.checked_in_at, now)
      await trx
        .updateTable('volunteer_signup')
        .set({ checked_out_at: now, minutes, version: su.version + 1 })
        .where('id', '=', signupId)
        .execute()
    }
    await trx
      .insertInto('volunteer_scan')
      .values({
        nonce: body.nonce,
        signup_id: signupId,
        action: body.action,
        via,
        token_hash: hash,
        scanned_by: accountId,
        at: now,
      })
      .execute()
    return 'done' as const
  })
  if (outcome === 'retry') {
    const again = await earlierScan(ctx, body, hash, accountId)
    if (again) return again
  }
  const row = await ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('volunteer as v', 'v.id', 'su.volunteer_id')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .select(['v.display_name', 'dp.name', 'su.minutes'])
    .where('su.id', '=', signupId)
    .executeTakeFirstOrThrow()
  return {
    signupId,
    action: body.action,
    at: now.toISOString(),
    duplicate: false,
    volunteerName: row.display_name,
    pointName: row.name,
    minutes: body.action === 'out' ? row.minutes : null,
  }
}
