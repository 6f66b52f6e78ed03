import type { Eligibility, Need, NeedInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { shanghaiMidnight } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { isValidPhone } from '../../lib/ids.ts'
import { maskPhone } from '../../lib/mask.ts'
import type { Locale } from '../../lib/messages.ts'
import { missingRecord, requirePrincipal } from '../../plugins/auth.ts'
import { noticeNewNeed } from '../notifications/flows.ts'
import { areaWithin, type NeedRow, needEvents, needQuery, providerCapacity } from './needs.repository.ts'
import { routedAwayFrom } from './routing.ts'
import { isWish, mayConsiderWish, providerUnits } from './wishes.rules.ts'
import { deadlines, isOverdue, type NeedState, openStatus, REOPEN_WINDOW_DAYS } from './workflow.ts'

/** A unit that settled this recently is a newly settled enterprise (24-hour first response). */
export const NEWLY_SETTLED_DAYS = 180

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** What a caller is to a need decides what they see: contact details are the requester's and holder's only. */
export function toNeed(r: NeedRow, locale: Locale, now: Date, showContact: boolean): Need {
  return {
    id: r.id,
    version: r.version,
    categoryCode: r.category_code,
    categoryName: locale === 'zh-CN' ? r.category_zh : r.category_en,
    description: r.description,
    areaCode: r.area_code,
    areaName: r.area_name,
    buildingId: r.building_id,
    buildingName: r.building_name,
    floor: r.floor,
    address: r.address,
    requesterUnitName: r.requester_unit_name,
    contactName: showContact ? r.contact_name : r.contact_name ? `${r.contact_name.slice(0, 1)}**` : null,
    contactPhone: showContact ? r.contact_phone : maskPhone(r.contact_phone),
    status: openStatus(r.state as NeedState),
    state: r.state as NeedState,
    providerUnitId: r.provider_unit_id,
    providerName: r.provider_name,
    submittedAt: r.submitted_at.toISOString(),
    firstResponseDueAt: r.first_response_due_at.toISOString(),
    resolutionDueAt: r.resolution_due_at.toISOString(),
    overdue: isOverdue(
      {
        state: r.state as NeedState,
        first_response_due_at: r.first_response_due_at,
        resolution_due_at: r.resolution_due_at,
      },
      now,
    ),
    escalatedAt: iso(r.escalated_at),
    deliveredAt: iso(r.delivered_at),
    closedAt: iso(r.closed_at),
    reopenUntil:
      r.state === 'delivered' || r.state === 'closed'
        ? new Date(
            (r.closed_at ?? r.delivered_at ?? r.updated_at).getTime() + REOPEN_WINDOW_DAYS * 86_400_000,
          ).toISOString()
        : null,
    rating: r.rating,
    ratingComment: r.rating_comment,
  }
}

// Where the units a caller acts for are read; kept here too for the modules that import it from here.
export { providerUnits }

export async function postNeed(ctx: AppContext, request: FastifyRequest, input: NeedInput) {
  const principal = requirePrincipal(request)
  const category = await ctx.db
    .selectFrom('service_category')
    .selectAll()
    .where('code', '=', input.categoryCode)
    .where('active', '=', true)
    .executeTakeFirst()
  if (!category) throw new AppError('unknown_category', { code: input.categoryCode })
  let areaCode = input.areaCode ?? null
  if (input.buildingId) {
    const b = await ctx.db
      .selectFrom('building')
      .select(['area_code', 'floors'])
      .where('id', '=', input.buildingId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!b)
      throw new AppError('unknown_ref', {
        what: { 'zh-CN': '楼宇', 'en-US': 'building' },
        id: input.buildingId,
      })
    if (typeof input.floor === 'number' && input.floor > b.floors)
      throw new AppError('floor_above_building', { floor: input.floor, floors: b.floors })
    areaCode = b.area_code
  }
  areaCode ??= principal.grants.find((g) => g.area_code)?.area_code ?? null
  if (!areaCode) throw new AppError('need_place_required')
  if (!(await ctx.db.selectFrom('area').select('code').where('code', '=', areaCode).executeTakeFirst())) {
    throw new AppError('unknown_area', { code: areaCode })
  }
  if (input.contactPhone && !isValidPhone(input.contactPhone))
    throw new AppError('invalid_phone', { value: input.contactPhone })
  let newlySettled = false
  if (input.requesterUnitId) {
    if (!(await request.can('need.post', { type: 'unit', id: String(input.requesterUnitId) })))
      throw new AppError('forbidden_scope')
    const unit = await ctx.db
      .selectFrom('unit')
      .select('settled_on')
      .where('id', '=', input.requesterUnitId)
      .executeTakeFirstOrThrow()
    const now = ctx.clock.now()
    newlySettled =
      unit.settled_on !== null &&
      now.getTime() - shanghaiMidnight(unit.settled_on).getTime() <= NEWLY_SETTLED_DAYS * 86_400_000
  }
  if (category.new_enterprise_only && !newlySettled) throw new AppError('not_newly_settled')
  const submittedAt = ctx.clock.now()
  const due = deadlines(submittedAt, category, newlySettled)
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('need')
      .values({
        category_code: category.code,
        description: input.description.trim(),
        area_code: areaCode!,
        building_id: input.buildingId ?? null,
        floor: input.floor ?? null,
        address: input.address ?? null,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        requester_account_id: principal.accountId,
        requester_unit_id: input.requesterUnitId ?? null,
        contact_name: input.contactName ?? principal.displayName,
        contact_phone: input.contactPhone ?? null,
        submitted_at: submittedAt,
        first_response_due_at: due.firstResponseDue,
        resolution_due_at: due.resolutionDue,
        updated_at: submittedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('need_event')
      .values({
        need_id: id,
        from_state: null,
        to_state: 'submitted',
        account_id: principal.accountId,
        at: submittedAt,
      })
      .execute()
    // A desk need is routed to its park's team, which the desk tells itself.
    if (!category.new_enterprise_only)
      await noticeNewNeed(
        ctx,
        trx,
        {
          id,
          description: input.description.trim(),
          area_code: areaCode!,
          category_code: category.code,
          requester_account_id: principal.accountId,
          provider_unit_id: null,
        },
        submittedAt,
      )
    return id
  })
  return id
}

/** Checks a provider may take this need: it offers the category, serves the place, and has room. */
/**
 * Whether an offering's eligibility admits the requester: a unit-kind list needs a requesting unit of
 * that kind; "newly settled within N days" needs a unit settled that recently.
 */
export function admits(
  eligibility: Eligibility,
  requester: { kind: string; settled_on: string | null } | null,
  now: Date,
): boolean {
  if (
    eligibility.unitKinds?.length &&
    !(requester && eligibility.unitKinds.includes(requester.kind as never))
  )
    return false
  if (eligibility.newlySettledWithinDays) {
    if (!requester?.settled_on) return false
    const settled = shanghaiMidnight(requester.settled_on).getTime()
    if (now.getTime() - settled > eligibility.newlySettledWithinDays * 86_400_000) return false
  }
  return true
}

/** Whether the caller holds the order: through one of their units, or in person (a wish). */
export function holdsOrder(
  request: FastifyRequest,
  accountId: number,
  need: { provider_unit_id: number | null; provider_account_id: number | null },
) {
  if (need.provider_account_id !== null) return need.provider_account_id === accountId
  return need.provider_unit_id !== null && providerUnits(request).includes(need.provider_unit_id)
}

/** Who the caller is to this need: requester, holder, staff of its area, or a provider who may take it. */
export async function relationTo(
  ctx: AppContext,
  request: FastifyRequest,
  row: NeedRow,
  /** Count a provider or member who could take the need were it open (an action then hears its state). */
  opts: { anyState?: boolean } = {},
) {
  const principal = requirePrincipal(request)
  const requester = row.requester_account_id === principal.accountId
  const holder = holdsOrder(request, principal.accountId, row)
  const staff = await request.can('need.manage', { type: 'area', id: row.area_code })
  const open = opts.anyState || row.state === 'submitted' || row.state === 'reopened'
  let candidate = false
  if (!requester && !holder && !staff && open && isWish(row)) candidate = mayConsiderWish(request)
  else if (!requester && !holder && !staff && open) {
    for (const unitId of providerUnits(request)) {
      if (await routedAwayFrom(ctx.db, row.id, unitId)) continue
      const offerings = await providerCapacity(ctx.db, unitId, row.category_code)
      for (const o of offerings) if (await areaWithin(ctx.db, row.area_code, o.area_codes)) candidate = true
    }
  }
  return { requester, holder, staff, candidate }
}

export async function getNeed(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  locale: Locale,
): Promise<Need> {
  const row = await needQuery(ctx.db).where('n.id', '=', id).executeTakeFirst()
  if (!row) throw missingRecord(request, 'need.manage')
  const rel = await relationTo(ctx, request, row)
  if (!rel.requester && !rel.holder && !rel.staff && !rel.candidate) throw new AppError('forbidden_scope')
  const events = await needEvents(ctx.db, id)
  const attachments = await ctx.db
    .selectFrom('need_attachment')
    .select(['id', 'content_type', 'size_bytes'])
    .where('need_id', '=', id)
    .orderBy('id')
    .execute()
  return {
    attachments: attachments.map((a) => ({ id: a.id, contentType: a.content_type, sizeBytes: a.size_bytes })),
    ...toNeed(row, locale, ctx.clock.now(), rel.requester || rel.holder || rel.staff),
    events: events.map((e) => ({
      id: e.id,
      fromState: e.from_state,
      toState: e.to_state,
      by: e.display_name,
      note: e.note,
      at: e.at.toISOString(),
    })),
  }
}
