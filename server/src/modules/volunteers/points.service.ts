import type { DutyPoint, DutyPointInput, VolunteerRole, VolunteerRoleInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { coordinatedPoints, loadPoint, type PointRow, pointQuery, pointScope } from './access.ts'

type RoleRow = {
  id: number
  code: string
  name: string
  name_en: string
  description: string | null
  requirements: string[]
  active: boolean
}

export const toRole = (r: RoleRow): VolunteerRole => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  description: r.description,
  requirements: r.requirements,
  active: r.active,
})

export async function listRoles(ctx: AppContext): Promise<VolunteerRole[]> {
  const rows = await ctx.db.selectFrom('volunteer_role').selectAll().orderBy('id').execute()
  return rows.map(toRole)
}

export async function createRole(ctx: AppContext, request: FastifyRequest, input: VolunteerRoleInput) {
  const taken = await ctx.db
    .selectFrom('volunteer_role')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst()
  if (taken) throw new AppError('vol_role_code_taken', { code: input.code })
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('volunteer_role')
      .values({
        code: input.code,
        name: input.name.trim(),
        name_en: input.nameEn.trim(),
        description: input.description ?? null,
        requirements: input.requirements,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, {
      action: 'volunteer.role.create',
      entity: 'volunteer_role',
      ids: [row.id],
      detail: { code: row.code, requirements: row.requirements },
    })
    return toRole(row)
  })
}

async function coordinatorsOf(ctx: AppContext, pointIds: number[]) {
  if (pointIds.length === 0) return new Map<number, DutyPoint['coordinators']>()
  const rows = await ctx.db
    .selectFrom('volunteer_point_coordinator as c')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .select(['c.point_id', 'a.id', 'a.display_name'])
    .where('c.point_id', 'in', pointIds)
    .orderBy('a.id')
    .execute()
  const map = new Map<number, DutyPoint['coordinators']>()
  for (const r of rows) {
    const list = map.get(r.point_id) ?? []
    list.push({ accountId: r.id, displayName: r.display_name })
    map.set(r.point_id, list)
  }
  return map
}

export async function listPoints(
  ctx: AppContext,
  request: FastifyRequest,
  q: { area?: string; mine?: boolean },
): Promise<DutyPoint[]> {
  let query = pointQuery(ctx)
  if (q.area) query = query.where('dp.area_code', 'like', `${q.area}%`)
  const mineIds = new Set(
    (
      await ctx.db
        .selectFrom('duty_point as dp')
        .select('dp.id')
        .where('dp.deleted_at', 'is', null)
        .where(coordinatedPoints(request))
        .execute()
    ).map((r) => r.id),
  )
  const rows = (await query.orderBy('dp.id').execute()).filter((r) => !q.mine || mineIds.has(r.id))
  const coordinators = await coordinatorsOf(
    ctx,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toPoint(r, coordinators.get(r.id) ?? [], mineIds.has(r.id)))
}

export const toPoint = (r: PointRow, coordinators: DutyPoint['coordinators'], mine: boolean): DutyPoint => ({
  id: r.id,
  name: r.name,
  kind: r.kind as DutyPoint['kind'],
  areaCode: r.area_code,
  parkId: r.park_id,
  buildingId: r.building_id,
  siteName: r.site_name,
  floor: r.floor,
  note: r.note,
  coordinators,
  canCoordinate: mine,
})

export async function getPoint(ctx: AppContext, request: FastifyRequest, id: number) {
  const [p] = (await listPoints(ctx, request, {})).filter((x) => x.id === id)
  if (!p) throw new AppError('not_found')
  return p
}

async function checkAccounts(ctx: AppContext, ids: number[]) {
  if (ids.length === 0) return
  const found = await ctx.db
    .selectFrom('account')
    .select('id')
    .where('id', 'in', ids)
    .where('disabled', '=', false)
    .execute()
  const missing = ids.find((id) => !found.some((f) => f.id === id))
  if (missing)
    throw new AppError('unknown_ref', { what: { 'zh-CN': '账号', 'en-US': 'account' }, id: missing })
}

/** Street staff add a point in a building or park of their area (the shared duty_point table). */
export async function createPoint(ctx: AppContext, request: FastifyRequest, input: DutyPointInput) {
  const principal = requirePrincipal(request)
  if (Boolean(input.buildingId) === Boolean(input.parkId))
    throw new AppError('bad_request', { reason: 'buildingId or parkId, exactly one' })
  let areaCode: string
  if (input.buildingId) {
    const b = await ctx.db
      .selectFrom('building')
      .select(['area_code'])
      .where('id', '=', input.buildingId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!b)
      throw new AppError('unknown_ref', {
        what: { 'zh-CN': '楼宇', 'en-US': 'building' },
        id: input.buildingId,
      })
    areaCode = b.area_code
  } else {
    const p = await ctx.db
      .selectFrom('park')
      .select(['area_code'])
      .where('id', '=', input.parkId!)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!p)
      throw new AppError('unknown_ref', { what: { 'zh-CN': '园区', 'en-US': 'park' }, id: input.parkId! })
    areaCode = p.area_code
  }
  const scope = pointScope({ building_id: input.buildingId ?? null, area_code: areaCode })
  if (!(await request.can('volunteer.manage', scope))) throw new AppError('forbidden_scope')
  const name = input.name.trim()
  const clash = await ctx.db
    .selectFrom('duty_point')
    .select('id')
    .where('area_code', '=', areaCode)
    .where('name', '=', name)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (clash) throw new AppError('already_exists', { what: { 'zh-CN': '点位', 'en-US': 'Point' }, key: name })
  const coordinatorIds = [...new Set(input.coordinatorAccountIds ?? [])]
  await checkAccounts(ctx, coordinatorIds)
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('duty_point')
      .values({
        area_code: areaCode,
        building_id: input.buildingId ?? null,
        park_id: input.parkId ?? null,
        name,
        kind: input.kind,
        floor: input.floor ?? null,
        note: input.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (coordinatorIds.length)
      await trx
        .insertInto('volunteer_point_coordinator')
        .values(coordinatorIds.map((a) => ({ point_id: row.id, account_id: a })))
        .execute()
    await writeAudit(trx, request, {
      action: 'volunteer.point.create',
      entity: 'duty_point',
      ids: [row.id],
      detail: { name, coordinators: coordinatorIds, by: principal.username },
    })
    return row.id
  })
  return getPoint(ctx, request, id)
}

/** Replaces a point's coordinators (street staff over the point). */
export async function setCoordinators(
  ctx: AppContext,
  request: FastifyRequest,
  pointId: number,
  accountIds: number[],
) {
  const point = await loadPoint(ctx, pointId)
  if (!(await request.can('volunteer.manage', pointScope(point)))) throw new AppError('forbidden_scope')
  await checkAccounts(ctx, accountIds)
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('volunteer_point_coordinator')
      .select('account_id')
      .where('point_id', '=', pointId)
      .execute()
    await trx.deleteFrom('volunteer_point_coordinator').where('point_id', '=', pointId).execute()
    if (accountIds.length)
      await trx
        .insertInto('volunteer_point_coordinator')
        .values(accountIds.map((a) => ({ point_id: pointId, account_id: a })))
        .execute()
    await writeAudit(trx, request, {
      action: 'volunteer.point.coordinators',
      entity: 'duty_point',
      ids: [pointId],
      detail: { before: before.map((b) => b.account_id), after: accountIds },
    })
  })
  return getPoint(ctx, request, pointId)
}
