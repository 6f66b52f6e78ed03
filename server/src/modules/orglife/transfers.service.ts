import type { Transfer, TransferInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadOrg, orgRef, today } from './access.ts'
import type { AreaScope } from './compliance.repository.ts'
import { addDays } from './compliance.ts'

export type TransferRow = Awaited<ReturnType<typeof transferRow>>

const STATUS_TEXT: Record<string, Record<Locale, string>> = {
  completed: { 'zh-CN': '办结', 'en-US': 'completed' },
  refused: { 'zh-CN': '退回', 'en-US': 'refused' },
  cancelled: { 'zh-CN': '撤回', 'en-US': 'withdrawn' },
  pending: { 'zh-CN': '在办', 'en-US': 'pending' },
}
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

export function transferQuery(db: Kysely<DB>) {
  return db
    .selectFrom('orglife_transfer as t')
    .leftJoin('party_org as f', 'f.id', 't.from_org_id')
    .leftJoin('party_org as r', 'r.id', 't.to_org_id')
    .selectAll('t')
    .select([
      'f.name as from_name',
      'r.name as to_name',
      'f.area_code as from_area',
      'r.area_code as to_area',
    ])
}

export async function transferRow(db: Kysely<DB>, id: number) {
  const row = await transferQuery(db).where('t.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return row
}

/** The organisation that started the transfer: the sender, or the receiver of one from outside. */
export const issuingOrg = (t: { direction: string; from_org_id: number | null; to_org_id: number | null }) =>
  t.direction === 'incoming' ? t.to_org_id! : t.from_org_id!

async function toTransfer(
  ctx: AppContext,
  t: TransferRow,
  holds: (orgId: number | null) => Promise<boolean>,
): Promise<Transfer> {
  const pending = t.status === 'pending'
  const receiver = await holds(t.to_org_id)
  const issuer = await holds(issuingOrg(t))
  return {
    id: t.id,
    personId: t.person_id,
    memberName: t.member_name,
    memberStatus: t.member_status,
    direction: t.direction,
    fromOrgId: t.from_org_id,
    fromOrgName: t.from_name,
    toOrgId: t.to_org_id,
    toOrgName: t.to_name,
    outsideOrg: t.outside_org,
    reason: t.reason,
    transferOn: t.transfer_on,
    dueOn: t.due_on,
    status: t.status,
    escalated: t.escalated_at !== null,
    overdue: pending && t.due_on < today(ctx),
    letterNo: t.letter_no,
    decidedAt: t.decided_at ? t.decided_at.toISOString() : null,
    decisionNote: t.decision_note,
    receiptOn: t.receipt_on,
    createdAt: t.created_at.toISOString(),
    version: t.version,
    can: {
      accept: pending && t.direction !== 'outgoing' && receiver,
      refuse: pending && t.direction === 'internal' && receiver,
      cancel: pending && issuer,
      receipt: pending && t.direction === 'outgoing' && issuer,
    },
  }
}

/** Whether the caller keeps an organisation, memoised for a list. Call outside transactions. */
function holdsFor(request: FastifyRequest) {
  const seen = new Map<number, Promise<boolean>>()
  return (orgId: number | null) => {
    if (orgId === null) return Promise.resolve(false)
    let v = seen.get(orgId)
    if (!v) {
      v = request.can('orglife.record', orgRef(orgId))
      seen.set(orgId, v)
    }
    return v
  }
}

export async function getTransfer(ctx: AppContext, request: FastifyRequest, id: number) {
  return toTransfer(ctx, await transferRow(ctx.db, id), holdsFor(request))
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
  await ctx.db.transaction().execute(async (trx) => {
    await closeTransfer(trx, ctx, request, t, body.version, { status: 'refused', note: body.reason.trim() })
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

export async function orgTransfers(ctx: AppContext, request: FastifyRequest, orgId: number) {
  await loadOrg(ctx.db, orgId)
  const rows = await transferQuery(ctx.db)
    .where((eb) => eb.or([eb('t.from_org_id', '=', orgId), eb('t.to_org_id', '=', orgId)]))
    .orderBy('t.id', 'desc')
    .limit(500)
    .execute()
  const holds = holdsFor(request)
  return Promise.all(rows.map((r) => toTransfer(ctx, r, holds)))
}

/** Transfers touching an area's organisations (sender or receiver), for the street: escalated ones first. */
export async function areaTransfers(
  ctx: AppContext,
  request: FastifyRequest,
  a: AreaScope,
  q: { status?: string; escalated?: boolean; cursor?: string; limit?: number },
) {
  const limit = q.limit ?? 50
  const beforeId = q.cursor ? decodeCursor(q.cursor, (v): v is number => Number.isInteger(v)) : null
  const inArea = (col: 'f.area_code' | 'r.area_code') =>
    a.path.includes('/')
      ? sql<boolean>`${sql.ref(col)} IN (SELECT code FROM area WHERE path = ${a.path} OR path LIKE ${`${a.path}/%`})`
      : sql<boolean>`${sql.ref(col)} IS NOT NULL`
  const rows = await transferQuery(ctx.db)
    .where((eb) => eb.or([inArea('f.area_code'), inArea('r.area_code')]))
    .$if(q.status !== undefined, (x) => x.where('t.status', '=', q.status as 'pending'))
    .$if(q.escalated === true, (x) => x.where('t.escalated_at', 'is not', null))
    .$if(beforeId !== null, (x) => x.where('t.id', '<', beforeId!))
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const holds = holdsFor(request)
  return {
    items: await Promise.all(page.map((r) => toTransfer(ctx, r, holds))),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
  }
}

/**
 * Pending transfers past their time limit are marked escalated, once: a conditional UPDATE, so instances
 * sweeping together or a restart mark each exactly once. The street sees them in its list.
 */
export async function escalateTransfers(db: Kysely<DB>, now: Date): Promise<number> {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
  const res = await db
    .updateTable('orglife_transfer')
    // A flag, not an edit: the version a secretary holds stays valid.
    .set({ escalated_at: now })
    .where('status', '=', 'pending')
    .where('escalated_at', 'is', null)
    .where('due_on', '<', day)
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}
