import type { Eligibility, NeedActionBody } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError, fieldError } from '../../lib/errors.ts'
import type { Principal } from '../../lib/principal.ts'
import { missingRecord, requirePrincipal } from '../../plugins/auth.ts'
import { noticeNeedAction } from '../notifications/flows.ts'
import { areaWithin, needQuery, openOrdersOf, providerCapacity } from './needs.repository.ts'
import { admits, holdsOrder, relationTo } from './needs.service.ts'
import { routedAwayFrom } from './routing.ts'
import { isWish, providerUnits, wishClaimer, wishInReach } from './wishes.rules.ts'
import { mayReopen, type NeedAction, type NeedState, nextState, RULES } from './workflow.ts'

/** What one action sees: the locked need, who acts, and the changes the action builds up. */
interface ActionRun {
  request: FastifyRequest
  trx: Transaction<DB>
  principal: Principal
  need: NonNullable<Awaited<ReturnType<typeof lockNeed>>>
  body: NeedActionBody
  now: Date
  isStaff: boolean
  changes: Record<string, unknown>
}

/**
 * What each action checks and changes beyond the state move in workflow.ts. Who may take it is checked here,
 * after the move is known to be legal, so a holder hears "illegal transition" rather than "forbidden".
 */
const ACTIONS: Record<NeedAction, (run: ActionRun) => Promise<void> | void> = {
  async claim(run) {
    if (isWish(run.need)) {
      // A wish needs no offering and has no capacity: goodwill, taken by a member or a firm.
      Object.assign(run.changes, wishClaimer(run.request, run.principal, run.need, run.body.providerUnitId))
      run.changes.accepted_at = run.now
      return
    }
    const mine = providerUnits(run.request)
    const unitId = run.body.providerUnitId ?? (mine.length === 1 ? mine[0] : undefined)
    if (unitId === undefined || !mine.includes(unitId)) throw new AppError('forbidden')
    if (await routedAwayFrom(run.trx, run.need.id, unitId))
      throw new AppError('not_eligible', {
        reason: { 'zh-CN': '已派给园区服务团队', 'en-US': "routed to the park's service team" },
      })
    await giveTo(run, unitId)
  },
  async dispatch(run) {
    staffOnly(run)
    const unitId = run.body.providerUnitId
    if (!unitId) throw fieldError('body', ['providerUnitId'], 'required')
    await giveTo(run, unitId)
    // A reopened wish a person held passes to the unit.
    run.changes.provider_account_id = null
  },
  start: holderOnly,
  deliver(run) {
    holderOnly(run)
    run.changes.delivered_at = run.now
  },
  close(run) {
    requesterOnly(run)
    run.changes.closed_at = run.now
    run.changes.rating = run.body.rating ?? null
    run.changes.rating_comment = run.body.comment ?? null
  },
  reopen(run) {
    requesterOnly(run)
    const need = run.need
    if (!mayReopen(need.closed_at ?? need.delivered_at ?? run.now, run.now))
      throw new AppError('reopen_window_passed')
    run.changes.closed_at = null
  },
  reject: staffOnly,
  duplicate(run) {
    staffOnly(run)
    const of = run.body.duplicateOf
    if (!of || of === run.need.id) throw fieldError('body', ['duplicateOf'], of ? 'invalid' : 'required')
    run.changes.duplicate_of = of
  },
}

function staffOnly(run: ActionRun) {
  if (!run.isStaff) throw new AppError('forbidden_scope')
}

function requesterOnly(run: ActionRun) {
  if (run.need.requester_account_id !== run.principal.accountId) throw new AppError('not_requester')
}

function holderOnly(run: ActionRun) {
  if (!holdsOrder(run.request, run.principal.accountId, run.need)) throw new AppError('forbidden')
}

/** The order goes to a provider unit: it must serve the need, within its capacity. */
async function giveTo(run: ActionRun, unitId: number) {
  // Serialises one provider's claims, so two at once cannot both slip under its capacity.
  await run.trx.selectFrom('unit').select('id').where('id', '=', unitId).forUpdate().executeTakeFirst()
  run.changes.offering_id = await assertProviderFits(run.trx, unitId, run.need, run.now)
  run.changes.provider_unit_id = unitId
  run.changes.accepted_at = run.now
}

async function assertProviderFits(
  db: Kysely<DB>,
  unitId: number,
  need: { category_code: string; area_code: string; requester_unit_id: number | null },
  now: Date,
) {
  const offerings = await providerCapacity(db, unitId, need.category_code)
  if (offerings.length === 0) throw new AppError('not_eligible', { reason: need.category_code })
  const requester = need.requester_unit_id
    ? ((await db
        .selectFrom('unit')
        .select(['kind', 'settled_on'])
        .where('id', '=', need.requester_unit_id)
        .executeTakeFirst()) ?? null)
    : null
  const serving = []
  for (const o of offerings) {
    if (
      (await areaWithin(db, need.area_code, o.area_codes)) &&
      admits(o.eligibility as Eligibility, requester, now)
    )
      serving.push(o)
  }
  if (serving.length === 0) throw new AppError('not_eligible', { reason: need.area_code })
  // Unlimited when any serving offering has no limit; otherwise the largest limit applies.
  const limits = serving.map((o) => o.capacity_concurrent)
  const limit = limits.includes(null) ? null : Math.max(...(limits as number[]))
  if (limit !== null && (await openOrdersOf(db, unitId, need.category_code)) >= limit)
    throw new AppError('over_capacity', { limit })
  return serving[0]!.id
}

const lockNeed = (trx: Transaction<DB>, needId: number) =>
  trx.selectFrom('need').selectAll().where('id', '=', needId).forUpdate().executeTakeFirst()

/**
 * Applies one workflow action. The need row is locked first, so two providers claiming at once are
 * serialised: the second finds the need already accepted and gets 409.
 */
export async function actOnNeed(
  ctx: AppContext,
  request: FastifyRequest,
  needId: number,
  body: NeedActionBody,
) {
  const principal = requirePrincipal(request)
  const now = ctx.clock.now()
  // Permission checks read through ctx.db, so they run before the transaction takes the connection
  // (on the embedded database there is only one).
  const row = await needQuery(ctx.db).where('n.id', '=', needId).executeTakeFirst()
  if (!row) throw missingRecord(request, 'need.manage')
  // Someone with no part in the need (not its requester, holder or staff, nor a provider or member who
  // could take it in any state) is refused as if it did not exist, before its state is told.
  const rel = await relationTo(ctx, request, row, { anyState: true })
  const standing =
    rel.requester ||
    rel.holder ||
    rel.staff ||
    (rel.candidate && (!isWish(row) || (await wishInReach(ctx.db, request, row.area_code))))
  if (!standing) throw missingRecord(request, 'need.manage')
  if (body.action === 'claim' && isWish(row) && !(await wishInReach(ctx.db, request, row.area_code)))
    throw new AppError('forbidden_scope')
  await ctx.db.transaction().execute(async (trx) => {
    const need = await lockNeed(trx, needId)
    if (!need) throw new AppError('not_found')
    const from = need.state as NeedState
    const to = nextState(from, body.action)
    if (to === null) {
      const taken = body.action === 'claim' && from === 'accepted'
      throw new AppError(
        taken ? (isWish(need) ? 'wish_already_claimed' : 'already_claimed') : 'illegal_transition',
        { from, action: body.action },
      )
    }
    const run: ActionRun = {
      request,
      trx,
      principal,
      need,
      body,
      now,
      isStaff: rel.staff,
      changes: { state: to, updated_at: now },
    }
    await ACTIONS[body.action](run)
    await trx
      .updateTable('need')
      .set((eb) => ({ ...run.changes, version: eb('version', '+', 1) }))
      .where('id', '=', needId)
      .execute()
    await trx
      .insertInto('need_event')
      .values({
        need_id: needId,
        from_state: from,
        to_state: to,
        account_id: principal.accountId,
        note: body.note ?? body.comment ?? null,
        at: now,
      })
      .execute()
    const holder = (run.changes.provider_unit_id as number | undefined) ?? need.provider_unit_id
    await noticeNeedAction(ctx, trx, need, body.action, holder, principal.accountId, now)
    if (RULES[body.action].by === 'staff')
      await writeAudit(trx, request, { action: `need.${body.action}`, entity: 'need', ids: [needId] })
  })
}
