import type { VolunteerProfile } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { coordinatesAny } from './access.ts'

async function profileRows(db: Kysely<DB>, where: { id?: number; accountId?: number; q?: string }) {
  let query = db
    .selectFrom('volunteer as v')
    .leftJoin('unit as u', 'u.id', 'v.unit_id')
    .select([
      'v.id',
      'v.account_id',
      'v.display_name',
      'v.unit_id',
      'u.name as unit_name',
      'v.person_id',
      'v.hide_from_leaderboard',
      'v.version',
    ])
  if (where.id) query = query.where('v.id', '=', where.id)
  if (where.accountId) query = query.where('v.account_id', '=', where.accountId)
  if (where.q) query = query.where('v.display_name', 'like', `%${where.q.replace(/[%_\\]/g, '\\$&')}%`)
  const rows = await query.orderBy('v.id').limit(200).execute()
  const quals = rows.length
    ? await db
        .selectFrom('volunteer_qualification')
        .select(['volunteer_id', 'code', 'obtained_on'])
        .where(
          'volunteer_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('code')
        .execute()
    : []
  return rows.map(
    (r): VolunteerProfile => ({
      id: r.id,
      accountId: r.account_id,
      displayName: r.display_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      personId: r.person_id,
      hideFromLeaderboard: r.hide_from_leaderboard,
      qualifications: quals
        .filter((q) => q.volunteer_id === r.id)
        .map((q) => ({ code: q.code, obtainedOn: q.obtained_on })),
      version: r.version,
    }),
  )
}

export async function myProfile(ctx: AppContext, request: FastifyRequest) {
  const [p] = await profileRows(ctx.db, { accountId: requirePrincipal(request).accountId })
  return p ?? null
}

export async function requireMyProfile(ctx: AppContext, request: FastifyRequest) {
  const p = await myProfile(ctx, request)
  if (!p) throw new AppError('vol_profile_required')
  return p
}

async function checkUnit(ctx: AppContext, unitId: number | null | undefined) {
  if (!unitId) return
  const u = await ctx.db
    .selectFrom('unit')
    .select('id')
    .where('id', '=', unitId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!u)
    throw new AppError('unknown_ref', { what: { 'zh-CN': '单位', 'en-US': 'organisation' }, id: unitId })
}

export async function register(
  ctx: AppContext,
  request: FastifyRequest,
  body: { displayName: string; unitId?: number | null },
) {
  const principal = requirePrincipal(request)
  if (await myProfile(ctx, request)) throw new AppError('vol_profile_exists')
  await checkUnit(ctx, body.unitId)
  // The unique account_id settles a double submit: the second insert does nothing.
  const row = await ctx.db
    .insertInto('volunteer')
    .values({
      account_id: principal.accountId,
      display_name: body.displayName.trim(),
      unit_id: body.unitId ?? null,
    })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!row) throw new AppError('vol_profile_exists')
  return (await myProfile(ctx, request))!
}

export async function updateMine(
  ctx: AppContext,
  request: FastifyRequest,
  body: { version: number; displayName?: string; unitId?: number | null; hideFromLeaderboard?: boolean },
) {
  const me = await requireMyProfile(ctx, request)
  await checkUnit(ctx, body.unitId)
  const res = await ctx.db
    .updateTable('volunteer')
    .set((eb) => ({
      ...(body.displayName !== undefined ? { display_name: body.displayName.trim() } : {}),
      ...(body.unitId !== undefined ? { unit_id: body.unitId } : {}),
      ...(body.hideFromLeaderboard !== undefined ? { hide_from_leaderboard: body.hideFromLeaderboard } : {}),
      updated_at: ctx.clock.now(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', me.id)
    .where('version', '=', body.version)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict')
  return (await myProfile(ctx, request))!
}

export async function listVolunteers(ctx: AppContext, request: FastifyRequest, q?: string) {
  if (!(await coordinatesAny(ctx, request))) throw new AppError('vol_not_coordinator')
  return profileRows(ctx.db, { q })
}

async function profileById(ctx: AppContext, id: number) {
  const [p] = await profileRows(ctx.db, { id })
  if (!p) throw new AppError('not_found')
  return p
}

/** A coordinator records that a volunteer completed a training (needed by some roles). */
export async function recordQualification(
  ctx: AppContext,
  request: FastifyRequest,
  volunteerId: number,
  body: { code: string; obtainedOn: string },
) {
  if (!(await coordinatesAny(ctx, request))) throw new AppError('vol_not_coordinator')
  await profileById(ctx, volunteerId)
  const principal = requirePrincipal(request)
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('volunteer_qualification')
      .values({
        volunteer_id: volunteerId,
        code: body.code,
        obtained_on: body.obtainedOn,
        recorded_by: principal.accountId,
        recorded_at: ctx.clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['volunteer_id', 'code']).doUpdateSet({
          obtained_on: body.obtainedOn,
          recorded_by: principal.accountId,
          recorded_at: ctx.clock.now(),
        }),
      )
      .execute()
    await writeAudit(trx, request, {
      action: 'volunteer.qualification.record',
      entity: 'volunteer',
      ids: [volunteerId],
      detail: body,
    })
  })
  return profileById(ctx, volunteerId)
}

/** Street staff link a volunteer to a registry person and organisation (for hours per organisation). */
export async function linkVolunteer(
  ctx: AppContext,
  request: FastifyRequest,
  volunteerId: number,
  body: { version: number; personId?: number | null; unitId?: number | null },
) {
  await profileById(ctx, volunteerId)
  await checkUnit(ctx, body.unitId)
  if (body.unitId && !(await request.can('volunteer.manage', { type: 'unit', id: String(body.unitId) })))
    throw new AppError('forbidden_scope')
  if (body.personId) {
    const person = await ctx.db
      .selectFrom('person')
      .select(['id', 'unit_id'])
      .where('id', '=', body.personId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!person)
      throw new AppError('unknown_ref', { what: { 'zh-CN': '人员', 'en-US': 'person' }, id: body.personId })
    if (
      person.unit_id &&
      !(await request.can('volunteer.manage', { type: 'unit', id: String(person.unit_id) }))
    )
      throw new AppError('forbidden_scope')
  }
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('volunteer')
      .set((eb) => ({
        ...(body.personId !== undefined ? { person_id: body.personId } : {}),
        ...(body.unitId !== undefined ? { unit_id: body.unitId } : {}),
        updated_at: ctx.clock.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', volunteerId)
      .where('version', '=', body.version)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict')
    await writeAudit(trx, request, {
      action: 'volunteer.link',
      entity: 'volunteer',
      ids: [volunteerId],
      detail: { personId: body.personId, unitId: body.unitId },
    })
  })
  return profileById(ctx, volunteerId)
}
