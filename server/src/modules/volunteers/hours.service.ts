import type { VerifyBatchBody } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { dayRange, shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { noticeHours } from '../notifications/flows.people.ts'
import { coordinatedPoints, loadPoint, requireCoordinator } from './access.ts'
import { myProfile, requireMyProfile } from './profiles.service.ts'
import { getSignup } from './shifts.service.ts'

/**
 * The coordinator confirms the minutes, or sets others with a reason (kept and audited). Re-verifying is
 * allowed with the current version, e.g. to correct a mistake; two coordinators at once → 409 for one.
 */
export async function verifyHours(
  ctx: AppContext,
  request: FastifyRequest,
  signupId: number,
  body: { version: number; minutes: number; reason?: string },
) {
  const su = await ctx.db
    .selectFrom('volunteer_signup')
    .select(['id', 'point_id', 'minutes', 'checked_out_at', 'auto_checked_out', 'verified_minutes'])
    .where('id', '=', signupId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!su) throw new AppError('not_found')
  await requireCoordinator(ctx, request, await loadPoint(ctx, su.point_id))
  if (!su.checked_out_at || su.minutes === null) throw new AppError('vol_not_finished')
  const reason = body.reason?.trim() || null
  if (body.minutes !== su.minutes && !reason) throw new AppError('vol_adjust_reason_required')
  const principal = requirePrincipal(request)
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('volunteer_signup')
      .set((eb) => ({
        verified_minutes: body.minutes,
        verified_by: principal.accountId,
        verified_at: now,
        adjust_reason: body.minutes !== su.minutes ? reason : null,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', signupId)
      .where('version', '=', body.version)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict')
    await noticeHours(
      ctx,
      trx,
      signupId,
      { minutes: body.minutes, recorded: su.minutes!, reason },
      principal.accountId,
      now,
    )
    await writeAudit(trx, request, {
      action: body.minutes === su.minutes ? 'volunteer.hours.approve' : 'volunteer.hours.adjust',
      entity: 'volunteer_signup',
      ids: [signupId],
      detail: {
        recorded: su.minutes,
        previous: su.verified_minutes,
        verified: body.minutes,
        reason,
        autoCheckedOut: su.auto_checked_out,
      },
    })
  })
  return getSignup(ctx, request, signupId)
}

/**
 * Several sign-ups approved (recorded minutes) or rejected (zero, one reason for all) at once. All or
 * nothing: the coordinator ticked the rows from the list they were looking at, as one decision; if one
 * row is not theirs, not finished or changed since (its version), nothing changes and the answer names it,
 * so the list is refreshed and the decision made again — rather than leaving them to find out which half
 * went through. Permissions are checked per point before the transaction (they read scopes).
 */
export async function verifyBatch(ctx: AppContext, request: FastifyRequest, body: VerifyBatchBody) {
  const seen = new Set<number>()
  for (const item of body.items) {
    if (seen.has(item.id)) throw new AppError('vol_batch_repeated', { id: item.id })
    seen.add(item.id)
  }
  const reason = body.reason?.trim() || null
  if (body.decision === 'reject' && !reason) throw new AppError('vol_adjust_reason_required')
  const ids = body.items.map((i) => i.id)
  const rows = await ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('volunteer as v', 'v.id', 'su.volunteer_id')
    .select([
      'su.id',
      'su.point_id',
      'su.minutes',
      'su.checked_out_at',
      'su.verified_minutes',
      'v.display_name',
    ])
    .where('su.id', 'in', ids)
    .where('su.status', '=', 'active')
    .execute()
  if (rows.length !== ids.length) throw new AppError('not_found')
  for (const pointId of new Set(rows.map((r) => r.point_id))) {
    await requireCoordinator(ctx, request, await loadPoint(ctx, pointId))
  }
  const unfinished = rows.find((r) => !r.checked_out_at || r.minutes === null)
  if (unfinished) throw new AppError('vol_batch_not_finished', { name: unfinished.display_name })
  const principal = requirePrincipal(request)
  const now = ctx.clock.now()
  const byId = new Map(rows.map((r) => [r.id, r]))
  await ctx.db.transaction().execute(async (trx) => {
    for (const item of body.items) {
      const su = byId.get(item.id)!
      const minutes = body.decision === 'approve' ? su.minutes! : 0
      const res = await trx
        .updateTable('volunteer_signup')
        .set((eb) => ({
          verified_minutes: minutes,
          verified_by: principal.accountId,
          verified_at: now,
          adjust_reason: minutes !== su.minutes ? reason : null,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', item.id)
        .where('version', '=', item.version)
        .executeTakeFirst()
      // Thrown inside the transaction: the rows already updated are rolled back with it.
      if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict')
      await noticeHours(
        ctx,
        trx,
        item.id,
        { minutes, recorded: su.minutes!, reason },
        principal.accountId,
        now,
      )
    }
    await writeAudit(trx, request, {
      action: body.decision === 'approve' ? 'volunteer.hours.approve' : 'volunteer.hours.reject',
      entity: 'volunteer_signup',
      ids,
      detail: {
        batch: true,
        reason,
        items: rows.map((r) => ({ id: r.id, recorded: r.minutes, previous: r.verified_minutes })),
      },
    })
  })
  return Promise.all(ids.map((id) => getSignup(ctx, request, id)))
}

function monthRange(now: Date, from?: string, to?: string) {
  const today = shanghaiDate(now)
  return dayRange(now, from ?? `${today.slice(0, 8)}01`, to ?? today)
}

/** Hours of the sign-ups at the points the caller coordinates, per volunteer, point or organisation. */
export async function hoursReport(
  ctx: AppContext,
  request: FastifyRequest,
  q: { by: 'volunteer' | 'point' | 'unit'; from?: string; to?: string; area?: string },
) {
  const { start, end } = monthRange(ctx.clock.now(), q.from, q.to)
  const key =
    q.by === 'volunteer'
      ? sql<number | null>`v.id`
      : q.by === 'point'
        ? sql<number | null>`dp.id`
        : sql<number | null>`u.id`
  const name =
    q.by === 'volunteer'
      ? sql<string>`v.display_name`
      : q.by === 'point'
        ? sql<string>`dp.name`
        : sql<string>`coalesce(u.name, '')`
  const rows = await ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .innerJoin('volunteer as v', 'v.id', 'su.volunteer_id')
    .leftJoin('unit as u', 'u.id', 'v.unit_id')
    .select([
      key.as('id'),
      name.as('name'),
      sql<number>`coalesce(sum(su.verified_minutes), 0)::int`.as('verified'),
      sql<number>`coalesce(sum(su.minutes) filter (where su.verified_at is null), 0)::int`.as('pending'),
      sql<number>`count(*) filter (where su.checked_in_at is not null)::int`.as('shifts'),
    ])
    .where('su.status', '=', 'active')
    .where('su.starts_at', '>=', start)
    .where('su.starts_at', '<', end)
    .where(coordinatedPoints(request))
    .$if(Boolean(q.area), (qb) => qb.where('dp.area_code', 'like', `${q.area}%`))
    .groupBy([key, name])
    .orderBy(sql`3`, 'desc')
    .orderBy(sql`2`)
    .limit(1000)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    verifiedMinutes: r.verified,
    pendingMinutes: r.pending,
    shifts: r.shifts,
  }))
}

export async function myHours(ctx: AppContext, request: FastifyRequest) {
  const me = await requireMyProfile(ctx, request)
  const now = ctx.clock.now()
  const rows = await ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .select([
      'dp.id',
      'dp.name',
      sql<number>`coalesce(sum(su.verified_minutes), 0)::int`.as('verified'),
      sql<number>`coalesce(sum(su.minutes) filter (where su.verified_at is null), 0)::int`.as('pending'),
      sql<number>`count(*) filter (where su.checked_in_at is not null)::int`.as('shifts'),
      sql<number>`count(*) filter (where su.checked_in_at is null and su.ends_at <= ${now})::int`.as(
        'no_shows',
      ),
    ])
    .where('su.volunteer_id', '=', me.id)
    .where('su.status', '=', 'active')
    .groupBy(['dp.id', 'dp.name'])
    .orderBy(sql`3`, 'desc')
    .execute()
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0)
  return {
    verifiedMinutes: sum((r) => r.verified),
    pendingMinutes: sum((r) => r.pending),
    shifts: sum((r) => r.shifts),
    noShows: sum((r) => r.no_shows),
    byPoint: rows
      .filter((r) => r.shifts > 0)
      .map((r) => ({
        id: r.id,
        name: r.name,
        verifiedMinutes: r.verified,
        pendingMinutes: r.pending,
        shifts: r.shifts,
      })),
  }
}

/**
 * Thanks to the most active volunteers: verified hours only, volunteers who chose to be hidden left out. It
 * is recognition, not an assessment: no ranks are returned, and nobody's absence or low count is shown.
 */
export async function leaderboard(
  ctx: AppContext,
  request: FastifyRequest,
  q: { from?: string; to?: string },
) {
  const now = ctx.clock.now()
  const { start, end } = monthRange(now, q.from, q.to)
  const me = await myProfile(ctx, request)
  const rows = await ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('volunteer as v', 'v.id', 'su.volunteer_id')
    .select(['v.id', 'v.display_name', sql<number>`sum(su.verified_minutes)::int`.as('verified')])
    .where('su.status', '=', 'active')
    .where('su.verified_minutes', '>', 0)
    .where('su.starts_at', '>=', start)
    .where('su.starts_at', '<', end)
    .where('v.hide_from_leaderboard', '=', false)
    .groupBy(['v.id', 'v.display_name'])
    .orderBy(sql`3`, 'desc')
    .orderBy('v.id')
    .limit(20)
    .execute()
  return {
    from: shanghaiDate(start),
    to: shanghaiDate(new Date(end.getTime() - 1)),
    items: rows.map((r) => ({
      displayName: r.display_name,
      verifiedMinutes: r.verified,
      me: r.id === me?.id,
    })),
    meHidden: me?.hideFromLeaderboard ?? false,
  }
}

/** Verified sign-ups at the caller's points in a period, for the export. */
export async function verifiedRows(
  ctx: AppContext,
  request: FastifyRequest,
  q: { from?: string; to?: string; area?: string },
) {
  const { start, end } = monthRange(ctx.clock.now(), q.from, q.to)
  return ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .innerJoin('volunteer as v', 'v.id', 'su.volunteer_id')
    .innerJoin('volunteer_role as r', 'r.id', 'su.role_id')
    .leftJoin('unit as u', 'u.id', 'v.unit_id')
    .leftJoin('account as a', 'a.id', 'su.verified_by')
    .select([
      'su.id',
      'v.display_name',
      'u.name as unit_name',
      'dp.name as point_name',
      'r.name as role_name',
      'su.starts_at',
      'su.ends_at',
      'su.checked_in_at',
      'su.checked_out_at',
      'su.auto_checked_out',
      'su.minutes',
      'su.verified_minutes',
      'su.adjust_reason',
      'a.display_name as verifier',
      'su.verified_at',
    ])
    .where('su.status', '=', 'active')
    .where('su.verified_at', 'is not', null)
    .where('su.starts_at', '>=', start)
    .where('su.starts_at', '<', end)
    .where(coordinatedPoints(request))
    .$if(Boolean(q.area), (qb) => qb.where('dp.area_code', 'like', `${q.area}%`))
    .orderBy('su.starts_at')
    .orderBy('su.id')
    .limit(100_000)
    .execute()
}
