import type { Transfer } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { likePattern } from '../../lib/visibility.ts'
import { loadOrg, orgRef, today } from './access.ts'
import type { AreaScope } from './compliance.repository.ts'

/* Reading transfers: one, an organisation's, an area's; what the caller may do with each. */

export type TransferRow = Awaited<ReturnType<typeof transferRow>>

export const STATUS_TEXT: Record<string, Record<Locale, string>> = {
  completed: { 'zh-CN': '办结', 'en-US': 'completed' },
  refused: { 'zh-CN': '退回', 'en-US': 'refused' },
  cancelled: { 'zh-CN': '撤回', 'en-US': 'withdrawn' },
  pending: { 'zh-CN': '在办', 'en-US': 'pending' },
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
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
  const holds = holdsFor(request)
  return {
    items: await Promise.all(page.map((r) => toTransfer(ctx, r, holds))),
    nextCursor,
  }
}

/** The direction and the two sides of a transfer (for its route scope), or undefined for an unknown one. */
export async function transferSides(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('orglife_transfer')
    .select(['direction', 'from_org_id', 'to_org_id'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Up to 20 live organisations whose name, pinyin or initials match a normalised query, by name. */
export async function orgDirectory(db: Kysely<DB>, q: string) {
  return db
    .selectFrom('party_org as o')
    .innerJoin('area as a', 'a.code', 'o.area_code')
    .select(['o.id', 'o.name', 'a.name as area_name'])
    .where('o.deleted_at', 'is', null)
    .where('o.search_text', 'like', likePattern(q))
    .orderBy('o.name')
    .limit(20)
    .execute()
}
