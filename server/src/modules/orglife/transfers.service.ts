import type { TransferInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadOrg, today } from './access.ts'
import { addDays } from './compliance.ts'
import { noticeTransferDecided, noticeTransferIssued } from './transfers.notices.ts'
import { getTransfer, STATUS_TEXT, type TransferRow, transferRow } from './transfers.query.ts'

/* The steps of a transfer: start, accept, refuse, withdraw, the receipt of a letter to outside. */

const DIRECTION_TEXT: Record<string, Record<Locale, string>> = {
  internal: { 'zh-CN': '平台内转接', 'en-US': 'inside the platform' },
  outgoing: { 'zh-CN': '转出平台外的转接', 'en-US': 'to outside the platform' },
  incoming: { 'zh-CN': '从平台外转入的转接', 'en-US': 'from outside the platform' },
}
const ACTION_TEXT: Record<string, Record<Locale, string>> = {
  accept: { 'zh-CN': '接收', 'en-US': 'accept' },
  refuse: { 'zh-CN': '退回', 'en-US': 'refuse' },
  receipt: { 'zh-CN': '登记回执', 'en-US': 'record a receipt' },
}

async function limitMonths(db: Kysely<DB>) {
  const s = await db
    .selectFrom('orglife_setting')
    .select('value')
    .where('key', '=', 'transfer_limit_months')
    .executeTakeFirst()
  return s?.value ?? 3
}

function addMonths(day: string, months: number) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const ym = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate()
  return `${ym}-${String(Math.min(d, last)).padStart(2, '0')}`
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505'

async function openTransferOf(db: Kysely<DB>, personId: number) {
  return db
    .selectFrom('orglife_transfer')
    .select(['id', 'letter_no'])
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
}

/**
 * The issuing organisation starts a transfer: the sender for one inside the platform or to outside it, the
 * receiver for one from outside. Checked before anything is written; a member already in a transfer is
 * refused (also when two requests race: the partial unique index).
 */
export async function createTransfer(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  input: TransferInput,
) {
  const org = await loadOrg(ctx.db, orgId)
  const day = today(ctx)
  if (input.transferOn < addDays(day, -365) || input.transferOn > addDays(day, 30))
    throw new AppError('orglife_transfer_date', { date: input.transferOn })
  const member = await ctx.db
    .selectFrom('member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.party_org_id', 'm.status', 'm.relation_transferred', 'p.name'])
    .where('m.person_id', '=', input.personId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!member || member.party_org_id !== orgId) throw new AppError('orglife_transfer_not_member')
  const outside = input.outsideOrg?.trim() || null
  let toOrgId: number | null = null
  if (input.direction === 'internal') {
    if (!input.toOrgId)
      throw new AppError('orglife_transfer_target_required', {
        what: { 'zh-CN': '转入组织', 'en-US': 'the receiving organisation' },
      })
    if (input.toOrgId === orgId) throw new AppError('orglife_transfer_same_org')
    const to = await ctx.db
      .selectFrom('party_org')
      .select('id')
      .where('id', '=', input.toOrgId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!to) throw new AppError('orglife_transfer_target_unknown', { id: input.toOrgId })
    toOrgId = to.id
  } else if (!outside) {
    throw new AppError('orglife_transfer_target_required', {
      what:
        input.direction === 'outgoing'
          ? {
              'zh-CN': '平台外的转入组织名称',
              'en-US': 'the name of the receiving organisation outside the platform',
            }
          : {
              'zh-CN': '平台外的转出组织名称',
              'en-US': 'the name of the sending organisation outside the platform',
            },
    })
  }
  if (input.direction === 'incoming' && member.relation_transferred)
    throw new AppError('orglife_transfer_already_in')
  const open = await openTransferOf(ctx.db, input.personId)
  if (open) throw new AppError('orglife_transfer_open', { letterNo: open.letter_no ?? String(open.id) })
  const dueOn = addMonths(input.transferOn, await limitMonths(ctx.db))
  const principal = requirePrincipal(request)
  let id: number
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('orglife_transfer')
        .values({
          person_id: input.personId,
          direction: input.direction,
          from_org_id: input.direction === 'incoming' ? null : org.id,
          to_org_id: input.direction === 'incoming' ? org.id : toOrgId,
          outside_org: input.direction === 'internal' ? null : outside,
          member_name: member.name,
          member_status: member.status as 'formal' | 'probationary',
          reason: input.reason.trim(),
          transfer_on: input.transferOn,
          due_on: dueOn,
          created_by: principal.accountId,
          created_at: ctx.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('orglife_transfer')
        .set({ letter_no: `TX-${input.transferOn.slice(0, 4)}-${String(row.id).padStart(6, '0')}` })
        .where('id', '=', row.id)
        .execute()
      await noticeTransferIssued(
        ctx,
        trx,
        await transferRow(trx, row.id),
        principal.accountId,
        ctx.clock.now(),
      )
      await writeAudit(trx, request, {
        action: 'orglife.transfer.create',
        entity: 'orglife_transfer',
        ids: [row.id],
        detail: { personId: input.personId, direction: input.direction, orgId, toOrgId, outside },
      })
      return row.id
    })
  } catch (e) {
    if (isUniqueViolation(e)) {
      const raced = await openTransferOf(ctx.db, input.personId)
      throw new AppError('orglife_transfer_open', { letterNo: raced?.letter_no ?? '' })
    }
    throw e
  }
  return getTransfer(ctx, request, id)
}

/** Ends a pending transfer at the version read; the loser of two at once gets 409. Inside `trx`. */
async function closeTransfer(
  trx: Kysely<DB>,
  ctx: AppContext,
  request: FastifyRequest,
  t: TransferRow,
  version: number,
  set: { status: 'completed' | 'refused' | 'cancelled'; note: string | null; receiptOn?: string },
) {
  const res = await trx
    .updateTable('orglife_transfer')
    .set((eb) => ({
      status: set.status,
      decided_at: ctx.clock.now(),
      decided_by: requirePrincipal(request).accountId,
      decision_note: set.note,
      receipt_on: set.receiptOn ?? null,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', t.id)
    .where('status', '=', 'pending')
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) === 1) return
  const now = await trx
    .selectFrom('orglife_transfer')
    .select(['status', 'version'])
    .where('id', '=', t.id)
    .executeTakeFirstOrThrow()
  if (now.status !== 'pending')
    throw new AppError('orglife_transfer_not_pending', { status: STATUS_TEXT[now.status]! })
  throw new AppError('version_conflict', { current: now.version })
}

async function memberHistory(
  trx: Kysely<DB>,
  personId: number,
  op: 'update' | 'delete',
  before: unknown,
  accountId: number,
) {
  await trx
    .insertInto('row_history')
    .values({
      entity: 'member',
      entity_id: personId,
      op,
      version: Number((before as { version: number }).version),
      before: JSON.stringify(before),
      account_id: accountId,
    })
    .execute()
}

function assertPending(t: TransferRow) {
  if (t.status !== 'pending')
    throw new AppError('orglife_transfer_not_pending', { status: STATUS_TEXT[t.status]! })
}
function assertStep(t: TransferRow, action: 'accept' | 'refuse' | 'receipt', ok: boolean) {
  if (!ok)
    throw new AppError('orglife_transfer_wrong_step', {
      direction: DIRECTION_TEXT[t.direction]!,
      action: ACTION_TEXT[action]!,
    })
}

/**
 * The receiver accepts: the member's organisation and "relation transferred" change in the same transaction
 * as the transfer closes, with the member's previous row kept in row_history. A member moved meanwhile by
 * someone else makes the acceptance fail whole.
 */
export async function acceptTransfer(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: { version: number; note?: string | null },
) {
  const t = await transferRow(ctx.db, id)
  assertPending(t)
  assertStep(t, 'accept', t.direction !== 'outgoing')
  const principal = requirePrincipal(request)
  await ctx.db.transaction().execute(async (trx) => {
    await closeTransfer(trx, ctx, request, t, body.version, {
      status: 'completed',
      note: body.note?.trim() || null,
    })
    // Written before the member moves: a move that fails takes the notices back with it.
    await noticeTransferDecided(ctx, trx, t, { status: 'completed' }, principal.accountId, ctx.clock.now())
    const source = t.direction === 'incoming' ? t.to_org_id! : t.from_org_id!
    const before = await sql<{ row: Record<string, unknown> }>`
      SELECT to_jsonb(m) AS row FROM member m WHERE m.person_id = ${t.person_id} AND m.party_org_id = ${source}
         FOR UPDATE`.execute(trx)
    const row = before.rows[0]?.row
    if (!row || (t.direction === 'incoming' && row.relation_transferred === true))
      throw new AppError('orglife_transfer_member_moved')
    await trx
      .updateTable('member')
      .set((eb) => ({
        party_org_id: t.to_org_id!,
        relation_transferred: true,
        updated_at: ctx.clock.now(),
        version: eb('version', '+', 1),
      }))
      .where('person_id', '=', t.person_id)
      .execute()
    await memberHistory(trx, t.person_id, 'update', row, principal.accountId)
    // Party groups are the sending organisation's.
    if (t.direction === 'internal')
      await trx.deleteFrom('orglife_party_group_member').where('person_id', '=', t.person_id).execute()
    await writeAudit(trx, request, {
      action: 'orglife.transfer.accept',
      entity: 'orglife_transfer',
      ids: [id],
      detail: { personId: t.person_id, from: t.from_org_id, to: t.to_org_id },
    })
  })
  return getTransfer(ctx, request, id)
}

export async function refuseTransfer(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: { version: number; reason: string },
) {
  const t = await transferRow(ctx.db, id)
  assertPending(t)
  assertStep(t, 'refuse', t.direction === 'internal')
  const principal = requirePrincipal(request)
  await ctx.db.transaction().execute(async (trx) => {
    await closeTransfer(trx, ctx, request, t, body.version, { status: 'refused', note: body.reason.trim() })
    await noticeTransferDecided(
      ctx,
      trx,
      t,
      { status: 'refused', reason: body.reason.trim() },
      principal.accountId,
      ctx.clock.now(),
    )
    await writeAudit(trx, request, {
      action: 'orglife.transfer.refuse',
      entity: 'orglife_transfer',
      ids: [id],
    })
  })
  return getTransfer(ctx, request, id)
}

export async function cancelTransfer(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: { version: number; note?: string | null },
) {
  const t = await transferRow(ctx.db, id)
  assertPending(t)
  await ctx.db.transaction().execute(async (trx) => {
    await closeTransfer(trx, ctx, request, t, body.version, {
      status: 'cancelled',
      note: body.note?.trim() || null,
    })
    await writeAudit(trx, request, {
      action: 'orglife.transfer.cancel',
      entity: 'orglife_transfer',
      ids: [id],
    })
  })
  return getTransfer(ctx, request, id)
}

/**
 * The receipt (回执) of a letter to outside the platform came back: the transfer is complete and the member
 * leaves this organisation (the person stays in the registry; the membership row is kept in row_history).
 */
export async function recordReceipt(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: { version: number; receivedOn: string; note?: string | null },
) {
  const t = await transferRow(ctx.db, id)
  assertPending(t)
  assertStep(t, 'receipt', t.direction === 'outgoing')
  if (body.receivedOn < t.transfer_on || body.receivedOn > today(ctx))
    throw new AppError('orglife_receipt_date')
  const principal = requirePrincipal(request)
  await ctx.db.transaction().execute(async (trx) => {
    await closeTransfer(trx, ctx, request, t, body.version, {
      status: 'completed',
      note: body.note?.trim() || null,
      receiptOn: body.receivedOn,
    })
    await noticeTransferDecided(ctx, trx, t, { status: 'completed' }, principal.accountId, ctx.clock.now())
    const before = await sql<{ row: Record<string, unknown> }>`
      SELECT to_jsonb(m) AS row FROM member m WHERE m.person_id = ${t.person_id} AND m.party_org_id = ${t.from_org_id}
         FOR UPDATE`.execute(trx)
    const row = before.rows[0]?.row
    if (!row) throw new AppError('orglife_transfer_member_moved')
    await trx.deleteFrom('orglife_party_group_member').where('person_id', '=', t.person_id).execute()
    await trx.deleteFrom('member').where('person_id', '=', t.person_id).execute()
    await memberHistory(trx, t.person_id, 'delete', row, principal.accountId)
    await writeAudit(trx, request, {
      action: 'orglife.transfer.receipt',
      entity: 'orglife_transfer',
      ids: [id],
    })
  })
  return getTransfer(ctx, request, id)
}
