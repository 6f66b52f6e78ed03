import type { Shift, ShiftInput, Signup } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { dayRange, shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadPoint, requireCoordinator } from './access.ts'
import { myProfile, requireMyProfile } from './profiles.service.ts'

const DAY = 86_400_000
export const MAX_SHIFT_MS = 12 * 3_600_000

/** Each role once, each an active role. */
export async function checkNeeds(ctx: AppContext, needs: Array<{ roleId: number }>) {
  const roleIds = needs.map((n) => n.roleId)
  if (new Set(roleIds).size !== roleIds.length) throw new AppError('vol_needs_invalid')
  const roles = await ctx.db
    .selectFrom('volunteer_role')
    .select('id')
    .where('id', 'in', roleIds)
    .where('active', '=', true)
    .execute()
  const missing = roleIds.find((id) => !roles.some((r) => r.id === id))
  if (missing)
    throw new AppError('unknown_ref', {
      what: { 'zh-CN': '志愿者角色', 'en-US': 'volunteer role' },
      id: missing,
    })
}

export async function createShift(ctx: AppContext, request: FastifyRequest, input: ShiftInput) {
  const point = await loadPoint(ctx, input.pointId)
  await requireCoordinator(ctx, request, point)
  const starts = new Date(input.startsAt)
  const ends = new Date(input.endsAt)
  if (!(ends > starts) || ends.getTime() - starts.getTime() > MAX_SHIFT_MS)
    throw new AppError('vol_shift_time_invalid')
  if (starts < ctx.clock.now()) throw new AppError('vol_shift_in_past')
  await checkNeeds(ctx, input.needs)
  const principal = requirePrincipal(request)
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('volunteer_shift')
      .values({
        point_id: point.id,
        starts_at: starts,
        ends_at: ends,
        note: input.note ?? null,
        created_by: principal.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('volunteer_shift_need')
      .values(input.needs.map((n) => ({ shift_id: row.id, role_id: n.roleId, needed: n.needed })))
      .execute()
    await writeAudit(trx, request, {
      action: 'volunteer.shift.create',
      entity: 'volunteer_shift',
      ids: [row.id],
      detail: { pointId: point.id, startsAt: input.startsAt, endsAt: input.endsAt, needs: input.needs },
    })
    return row.id
  })
  const [shift] = await listShifts(ctx, request, { ids: [id] })
  return shift!
}

export async function listShifts(
  ctx: AppContext,
  request: FastifyRequest,
  q: { ids?: number[]; pointId?: number; roleId?: number; from?: string; to?: string; open?: boolean },
): Promise<Shift[]> {
  let query = ctx.db
    .selectFrom('volunteer_shift as s')
    .innerJoin('duty_point as dp', 'dp.id', 's.point_id')
    .select([
      's.id',
      's.point_id',
      'dp.name as point_name',
      'dp.kind',
      's.starts_at',
      's.ends_at',
      's.note',
      's.cancelled_at',
    ])
  if (q.ids) query = query.where('s.id', 'in', q.ids)
  else {
    const { start, end } = dayRange(ctx.clock.now(), q.from, q.to)
    query = query.where('s.starts_at', '>=', start).where('s.starts_at', '<', end)
  }
  if (q.pointId) query = query.where('s.point_id', '=', q.pointId)
  if (q.roleId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('volunteer_shift_need as n')
          .select('n.role_id')
          .whereRef('n.shift_id', '=', 's.id')
          .where('n.role_id', '=', q.roleId!)
          .$if(Boolean(q.open), (qb) => qb.whereRef('n.taken', '<', 'n.needed')),
      ),
    )
  else if (q.open)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('volunteer_shift_need as n')
          .select('n.role_id')
          .whereRef('n.shift_id', '=', 's.id')
          .whereRef('n.taken', '<', 'n.needed'),
      ),
    )
  const rows = await query.orderBy('s.starts_at').orderBy('s.id').limit(1000).execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const needs = await ctx.db
    .selectFrom('volunteer_shift_need as n')
    .innerJoin('volunteer_role as r', 'r.id', 'n.role_id')
    .select(['n.shift_id', 'n.role_id', 'r.code', 'r.name', 'r.name_en', 'n.needed', 'n.taken'])
    .where('n.shift_id', 'in', ids)
    .orderBy('n.role_id')
    .execute()
  const me = await myProfile(ctx, request)
  const mine = me
    ? await ctx.db
        .selectFrom('volunteer_signup')
        .select(['id', 'shift_id', 'role_id'])
        .where('volunteer_id', '=', me.id)
        .where('status', '=', 'active')
        .where('shift_id', 'in', ids)
        .execute()
    : []
  const en = request.headers['accept-language']?.startsWith('en') ?? false
  return rows.map((r) => {
    const s = mine.find((m) => m.shift_id === r.id)
    return {
      id: r.id,
      pointId: r.point_id,
      pointName: r.point_name,
      pointKind: r.kind,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      note: r.note,
      cancelled: r.cancelled_at !== null,
      needs: needs
        .filter((n) => n.shift_id === r.id)
        .map((n) => ({
          roleId: n.role_id,
          roleCode: n.code,
          roleName: en ? n.name_en : n.name,
          needed: n.needed,
          taken: n.taken,
        })),
      mySignup: s ? { id: s.id, roleId: s.role_id } : null,
    }
  })
}

/**
 * Self sign-up. The volunteer's row is locked first, so their own concurrent sign-ups queue and the overlap
 * check sees every earlier one; the place is taken by a conditional UPDATE (taken < needed), so of two
 * volunteers racing for the last place exactly one wins.
 */
export async function signUp(ctx: AppContext, request: FastifyRequest, shiftId: number, roleId: number) {
  const me = await requireMyProfile(ctx, request)
  const now = ctx.clock.now()
  const shift = await ctx.db
    .selectFrom('volunteer_shift as s')
    .innerJoin('duty_point as dp', 'dp.id', 's.point_id')
    .select(['s.id', 's.point_id', 's.starts_at', 's.ends_at', 's.cancelled_at'])
    .where('s.id', '=', shiftId)
    .executeTakeFirst()
  if (!shift) throw new AppError('not_found')
  if (shift.cancelled_at || shift.starts_at <= now) throw new AppError('vol_shift_closed')
  const role = await ctx.db
    .selectFrom('volunteer_role')
    .selectAll()
    .where('id', '=', roleId)
    .executeTakeFirst()
  if (!role)
    throw new AppError('unknown_ref', {
      what: { 'zh-CN': '志愿者角色', 'en-US': 'volunteer role' },
      id: roleId,
    })
  const en = request.headers['accept-language']?.startsWith('en') ?? false
  const roleName = { 'zh-CN': role.name, 'en-US': role.name_en }
  const need = await ctx.db
    .selectFrom('volunteer_shift_need')
    .select('needed')
    .where('shift_id', '=', shiftId)
    .where('role_id', '=', roleId)
    .executeTakeFirst()
  if (!need) throw new AppError('vol_role_not_needed', { role: roleName })
  const held = new Set(me.qualifications.map((q) => q.code))
  const missing = role.requirements.filter((r) => !held.has(r))
  if (missing.length)
    throw new AppError('vol_requirement_missing', { role: roleName, missing: missing.join(en ? ', ' : '、') })
  const id = await ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('volunteer').select('id').where('id', '=', me.id).forUpdate().executeTakeFirst()
    const overlapping = await trx
      .selectFrom('volunteer_signup as su')
      .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
      .select(['su.shift_id', 'su.starts_at', 'dp.name'])
      .where('su.volunteer_id', '=', me.id)
      .where('su.status', '=', 'active')
      .where('su.starts_at', '<', shift.ends_at)
      .where('su.ends_at', '>', shift.starts_at)
      .executeTakeFirst()
    if (overlapping?.shift_id === shiftId) throw new AppError('vol_already_signed_up')
    if (overlapping)
      throw new AppError('vol_overlap', {
        point: overlapping.name,
        start: overlapping.starts_at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
      })
    const place = await trx
      .updateTable('volunteer_shift_need')
      .set((eb) => ({ taken: eb('taken', '+', 1) }))
      .where('shift_id', '=', shiftId)
      .where('role_id', '=', roleId)
      .where((eb) => eb('taken', '<', eb.ref('needed')))
      .returning('taken')
      .executeTakeFirst()
    if (!place) throw new AppError('vol_shift_full', { role: roleName })
    const row = await trx
      .insertInto('volunteer_signup')
      .values({
        shift_id: shiftId,
        role_id: roleId,
        volunteer_id: me.id,
        point_id: shift.point_id,
        starts_at: shift.starts_at,
        ends_at: shift.ends_at,
        signed_up_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
  return getSignup(ctx, request, id)
}

/** Cancel one's own sign-up before the shift starts; the place is given back in the same transaction. */
export async function cancelSignup(ctx: AppContext, request: FastifyRequest, signupId: number) {
  const me = await requireMyProfile(ctx, request)
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('volunteer_signup')
      .set((eb) => ({ status: 'cancelled', cancelled_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', signupId)
      .where('volunteer_id', '=', me.id)
      .where('status', '=', 'active')
      .where('starts_at', '>', now)
      .where('checked_in_at', 'is', null)
      .returning(['shift_id', 'role_id'])
      .executeTakeFirst()
    if (!row) {
      const exists = await trx
        .selectFrom('volunteer_signup')
        .select('status')
        .where('id', '=', signupId)
        .where('volunteer_id', '=', me.id)
        .executeTakeFirst()
      throw new AppError(exists ? 'vol_shift_closed' : 'not_found')
    }
    await trx
      .updateTable('volunteer_shift_need')
      .set((eb) => ({ taken: eb('taken', '-', 1) }))
      .where('shift_id', '=', row.shift_id)
      .where('role_id', '=', row.role_id)
      .execute()
  })
  return getSignup(ctx, request, signupId)
}

export function signupQuery(ctx: AppContext, en: boolean) {
  return ctx.db
    .selectFrom('volunteer_signup as su')
    .innerJoin('duty_point as dp', 'dp.id', 'su.point_id')
    .innerJoin('volunteer_role as r', 'r.id', 'su.role_id')
    .innerJoin('volunteer as v', 'v.id', 'su.volunteer_id')
    .selectAll('su')
    .select([
      'dp.name as point_name',
      'v.display_name',
      en ? 'r.name_en as role_name' : 'r.name as role_name',
    ])
}

type SignupRow = Awaited<ReturnType<ReturnType<typeof signupQuery>['executeTakeFirstOrThrow']>>

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function toSignup(r: SignupRow, now: Date): Signup {
  const attendance: Signup['attendance'] =
    r.status === 'cancelled'
      ? 'cancelled'
      : r.checked_out_at
        ? 'completed'
        : r.checked_in_at
          ? 'checked_in'
          : r.ends_at <= now
            ? 'no_show'
            : 'upcoming'
  return {
    id: r.id,
    shiftId: r.shift_id,
    pointId: r.point_id,
    pointName: r.point_name,
    roleId: r.role_id,
    roleName: r.role_name,
    volunteerId: r.volunteer_id,
    volunteerName: r.display_name,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    attendance,
    checkedInAt: iso(r.checked_in_at),
    checkedOutAt: iso(r.checked_out_at),
    autoCheckedOut: r.auto_checked_out,
    minutes: r.minutes,
    verifiedMinutes: r.verified_minutes,
    verifiedAt: iso(r.verified_at),
    adjustReason: r.adjust_reason,
    version: r.version,
  }
}

const isEn = (request: FastifyRequest) => request.headers['accept-language']?.startsWith('en') ?? false

export async function getSignup(ctx: AppContext, request: FastifyRequest, id: number) {
  const r = await signupQuery(ctx, isEn(request)).where('su.id', '=', id).executeTakeFirst()
  if (!r) throw new AppError('not_found')
  return toSignup(r, ctx.clock.now())
}

export async function mySignups(ctx: AppContext, request: FastifyRequest, when: 'upcoming' | 'past') {
  const me = await myProfile(ctx, request)
  if (!me) return []
  const now = ctx.clock.now()
  let q = signupQuery(ctx, isEn(request)).where('su.volunteer_id', '=', me.id)
  q =
    when === 'upcoming'
      ? q.where('su.ends_at', '>', now).where('su.status', '=', 'active').orderBy('su.starts_at', 'asc')
      : q.where('su.ends_at', '<=', now).orderBy('su.starts_at', 'desc')
  const rows = await q.limit(200).execute()
  return rows.map((r) => toSignup(r, now))
}

/** A coordinator's list of sign-ups at their point (attendance, hours to verify). */
export async function pointSignups(
  ctx: AppContext,
  request: FastifyRequest,
  pointId: number,
  q: { from?: string; to?: string; unverified?: boolean },
) {
  const point = await loadPoint(ctx, pointId)
  await requireCoordinator(ctx, request, point)
  const now = ctx.clock.now()
  let query = signupQuery(ctx, isEn(request))
    .where('su.point_id', '=', pointId)
    .where('su.status', '=', 'active')
  if (q.unverified)
    query = query.where('su.checked_out_at', 'is not', null).where('su.verified_at', 'is', null)
  else {
    const { start, end } = dayRange(now, q.from ?? shanghaiDate(new Date(now.getTime() - 7 * DAY)), q.to)
    query = query.where('su.starts_at', '>=', start).where('su.starts_at', '<', end)
  }
  const rows = await query.orderBy('su.starts_at').orderBy(sql`su.id`).limit(500).execute()
  return rows.map((r) => toSignup(r, now))
}
