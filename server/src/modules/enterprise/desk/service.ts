import type { DeskItem } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../../context.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { daysSince, shanghaiDate } from '../../../lib/dates.ts'
import { AppError } from '../../../lib/errors.ts'
import { visibilityOf } from '../../../lib/visibility.ts'
import { NEWLY_SETTLED_DAYS, postNeed } from '../../exchange/needs.service.ts'
import { providerServes } from '../../exchange/offerings.service.ts'
import { noticeDeskNeed } from '../../notifications/flows.ts'

/** The exchange's need category of the desk: 24 h first response, newly settled units only (migration 0005). */
export const DESK_CATEGORY = 'enterprise.settling'

const DAY = 86_400_000

/**
 * How recently a unit in `areaCode` must have settled to use the desk: the setting of its street (or the
 * nearest area above it that has one), else the exchange's own cut-off, which is also the upper bound.
 */
export async function periodFor(ctx: AppContext, areaCode: string): Promise<number> {
  const area = await ctx.db.selectFrom('area').select('path').where('code', '=', areaCode).executeTakeFirst()
  const codes = (area?.path ?? areaCode).split('/')
  const rows = await ctx.db
    .selectFrom('desk_setting')
    .select(['area_code', 'newly_settled_days'])
    .where('area_code', 'in', codes)
    .execute()
  for (const code of [...codes].reverse()) {
    const hit = rows.find((r) => r.area_code === code)
    if (hit) return Math.min(hit.newly_settled_days, NEWLY_SETTLED_DAYS)
  }
  return NEWLY_SETTLED_DAYS
}

export async function saveSetting(ctx: AppContext, request: FastifyRequest, areaCode: string, days: number) {
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('desk_setting')
      .values({ area_code: areaCode, newly_settled_days: days, updated_at: now })
      .onConflict((oc) =>
        oc.column('area_code').doUpdateSet((eb) => ({
          newly_settled_days: days,
          updated_at: now,
          version: eb('desk_setting.version', '+', 1),
        })),
      )
      .execute()
    await writeAudit(trx, request, {
      action: 'desk.setting',
      entity: 'area',
      ids: [Number(areaCode)],
      detail: { days },
    })
  })
}

/**
 * Adds a provider to a park's service team. It must already be able to take desk needs there through the
 * exchange (an active offering of the desk category serving the park's area), or it would never get one.
 */
export async function addTeamMember(
  ctx: AppContext,
  request: FastifyRequest,
  parkId: number,
  providerUnitId: number,
) {
  const park = await ctx.db
    .selectFrom('park')
    .select(['area_code'])
    .where('id', '=', parkId)
    .executeTakeFirst()
  if (!park) throw new AppError('not_found')
  if (!(await providerServes(ctx.db, providerUnitId, DESK_CATEGORY, park.area_code)))
    throw new AppError('team_provider_not_ready')
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_team')
      .values({ park_id: parkId, provider_unit_id: providerUnitId })
      .onConflict((oc) => oc.columns(['park_id', 'provider_unit_id']).doNothing())
      .execute()
    await writeAudit(trx, request, {
      action: 'desk.team.add',
      entity: 'park',
      ids: [parkId],
      detail: { providerUnitId },
    })
  })
}

export async function teams(ctx: AppContext, request: FastifyRequest) {
  const v = await visibilityOf(ctx.db, request, 'desk.operate')
  const rows = await ctx.db
    .selectFrom('service_team as t')
    .innerJoin('park as p', 'p.id', 't.park_id')
    .innerJoin('area as a', 'a.code', 'p.area_code')
    .innerJoin('unit as u', 'u.id', 't.provider_unit_id')
    .select(['t.park_id', 'p.name as park_name', 'a.path', 't.provider_unit_id', 'u.name'])
    .orderBy('t.park_id')
    .orderBy('u.name')
    .execute()
  const byPark = new Map<
    number,
    { parkId: number; parkName: string; providers: { unitId: number; name: string }[] }
  >()
  for (const r of rows) {
    if (!v.all && !v.areaPaths.some((p) => r.path === p || r.path.startsWith(`${p}/`))) continue
    const team = byPark.get(r.park_id) ?? { parkId: r.park_id, parkName: r.park_name, providers: [] }
    team.providers.push({ unitId: r.provider_unit_id, name: r.name })
    byPark.set(r.park_id, team)
  }
  return [...byPark.values()]
}

/** Units in the caller's area that settled recently enough for the desk (each street's own period). */
export async function newcomers(ctx: AppContext, request: FastifyRequest) {
  const v = await visibilityOf(ctx.db, request, 'desk.operate')
  const now = ctx.clock.now()
  const earliest = shanghaiDate(new Date(now.getTime() - NEWLY_SETTLED_DAYS * DAY))
  const rows = await ctx.db
    .selectFrom('unit as u')
    .innerJoin('area as a', 'a.code', 'u.area_code')
    .leftJoin('building as b', 'b.id', 'u.building_id')
    .leftJoin('park as p', 'p.id', 'b.park_id')
    .select(['u.id', 'u.name', 'u.settled_on', 'u.area_code', 'a.path', 'p.name as park_name'])
    .where('u.deleted_at', 'is', null)
    .where('u.left_on', 'is', null)
    .where('u.settled_on', '>=', earliest)
    .orderBy('u.settled_on', 'desc')
    .limit(2000)
    .execute()
  const out = []
  for (const r of rows) {
    if (!v.all && !v.areaPaths.some((p) => r.path === p || r.path.startsWith(`${p}/`))) continue
    const days = daysSince(r.settled_on!, now)
    if (days < 0 || days > (await periodFor(ctx, r.area_code))) continue
    out.push({
      unitId: r.id,
      name: r.name,
      settledOn: r.settled_on!,
      parkName: r.park_name,
      daysSinceSettled: days,
    })
  }
  return out
}

/**
 * Posts a desk need for a newly settled unit: an ordinary exchange need of the 24 h category (so the
 * exchange's workflow, SLA and escalation apply), recorded as a desk item for its park, with a notice to
 * every account of the park's service team.
 */
export async function postDeskNeed(
  ctx: AppContext,
  request: FastifyRequest,
  input: { unitId: number; description: string; contactName?: string | null; contactPhone?: string | null },
) {
  const unit = await ctx.db
    .selectFrom('unit as u')
    .leftJoin('building as b', 'b.id', 'u.building_id')
    .leftJoin('park as p', 'p.id', 'b.park_id')
    .select([
      'u.id',
      'u.name',
      'u.settled_on',
      'u.area_code',
      'u.building_id',
      'u.floor_from',
      'p.id as park_id',
      'p.name as park_name',
    ])
    .where('u.id', '=', input.unitId)
    .where('u.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!unit) throw new AppError('not_found')
  const now = ctx.clock.now()
  const days = await periodFor(ctx, unit.area_code)
  if (!unit.settled_on || daysSince(unit.settled_on, now) > days || daysSince(unit.settled_on, now) < 0)
    throw new AppError('desk_not_newly_settled', { days, settledOn: unit.settled_on ?? '—' })
  if (!unit.park_id) throw new AppError('desk_no_park')
  const team = await ctx.db
    .selectFrom('service_team')
    .select('provider_unit_id')
    .where('park_id', '=', unit.park_id)
    .execute()
  if (team.length === 0) throw new AppError('desk_no_team', { park: unit.park_name ?? '' })
  const needId = await postNeed(ctx, request, {
    categoryCode: DESK_CATEGORY,
    description: input.description,
    buildingId: unit.building_id,
    floor: unit.floor_from,
    requesterUnitId: unit.id,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
  })
  const accounts = await ctx.db
    .selectFrom('role_grant')
    .select('account_id')
    .distinct()
    .where('role', '=', 'provider')
    .where('scope_type', '=', 'unit')
    .where(
      'scope_id',
      'in',
      team.map((t) => String(t.provider_unit_id)),
    )
    .execute()
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('desk_item')
      .values({ need_id: needId, unit_id: unit.id, park_id: unit.park_id, created_at: now })
      .execute()
    await noticeDeskNeed(
      ctx,
      trx,
      {
        needId,
        unitName: unit.name,
        description: input.description,
        areaCode: unit.area_code,
        teamAccounts: accounts.map((a) => a.account_id),
      },
      now,
    )
  })
  return needId
}

/** The desk's items in the caller's area: open ones by default, with the first-response countdown. */
export async function deskItems(
  ctx: AppContext,
  request: FastifyRequest,
  includeClosed: boolean,
): Promise<DeskItem[]> {
  const v = await visibilityOf(ctx.db, request, 'desk.operate')
  let q = ctx.db
    .selectFrom('desk_item as d')
    .innerJoin('need as n', 'n.id', 'd.need_id')
    .innerJoin('unit as u', 'u.id', 'd.unit_id')
    .innerJoin('area as a', 'a.code', 'n.area_code')
    .leftJoin('park as p', 'p.id', 'd.park_id')
    .leftJoin('unit as pu', 'pu.id', 'n.provider_unit_id')
    .select([
      'd.need_id',
      'd.unit_id',
      'd.park_id',
      'u.name as unit_name',
      'p.name as park_name',
      'a.path',
      'n.description',
      'n.state',
      'pu.name as provider_name',
      'n.submitted_at',
      'n.first_response_due_at',
      'n.resolution_due_at',
      'n.escalated_at',
    ])
  if (!includeClosed) q = q.where('n.state', 'not in', ['closed', 'rejected', 'duplicate'])
  const rows = (await q.orderBy('n.first_response_due_at').limit(500).execute()).filter(
    (r) => v.all || v.areaPaths.some((p) => r.path === p || r.path.startsWith(`${p}/`)),
  )
  const parkIds = [...new Set(rows.map((r) => r.park_id).filter((p): p is number => p !== null))]
  const members = parkIds.length
    ? await ctx.db
        .selectFrom('service_team as t')
        .innerJoin('unit as u', 'u.id', 't.provider_unit_id')
        .select(['t.park_id', 'u.name'])
        .where('t.park_id', 'in', parkIds)
        .orderBy('u.name')
        .execute()
    : []
  const now = ctx.clock.now().getTime()
  return rows.map((r) => {
    const waiting = r.state === 'submitted' || r.state === 'reopened'
    const due = waiting ? r.first_response_due_at : r.resolution_due_at
    const active = waiting || r.state === 'accepted' || r.state === 'in_progress'
    return {
      needId: r.need_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      parkName: r.park_name,
      team: members.filter((m) => m.park_id === r.park_id).map((m) => m.name),
      description: r.description,
      state: r.state,
      providerName: r.provider_name,
      submittedAt: r.submitted_at.toISOString(),
      firstResponseDueAt: r.first_response_due_at.toISOString(),
      remainingMs: waiting ? r.first_response_due_at.getTime() - now : null,
      overdue: active && due.getTime() < now,
      escalated: r.escalated_at !== null,
    }
  })
}

/** The area a park lies in (the scope of a desk team's park), or undefined when there is no such park. */
export async function parkAreaCode(ctx: AppContext, id: number) {
  const p = await ctx.db.selectFrom('park').select('area_code').where('id', '=', id).executeTakeFirst()
  return p?.area_code
}
