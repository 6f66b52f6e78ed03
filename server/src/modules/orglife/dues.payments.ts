import type { Payment, PaymentInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadOrg, today } from './access.ts'
import { memberOf, monthIndex } from './dues.service.ts'

/* 党费 payments: checked, recorded all or nothing (by hand or from Excel), listed, removed. */

export interface PaymentRow {
  personId: number
  month: string
  amountCents: number
  channel: PaymentInput['channel']
  paidOn: string
  note: string | null
}

/**
 * Checks payments for an organisation (members only, a base for each month's year, months not paid before
 * nor twice in the batch, dates not in the future) and returns the rows to insert; throws the first problem.
 */
export async function checkPayments(ctx: AppContext, orgId: number, rows: PaymentRow[]) {
  const day = today(ctx)
  const current = monthIndex(day.slice(0, 7))
  const names = new Map<number, string>()
  for (const personId of new Set(rows.map((r) => r.personId)))
    names.set(personId, (await memberOf(ctx.db, orgId, personId)).name)
  const seen = new Set<string>()
  const out = []
  for (const r of rows) {
    const name = names.get(r.personId)!
    const i = monthIndex(r.month)
    if (i > current + 12 || i < current - 36) throw new AppError('orglife_dues_month_far', { month: r.month })
    if (r.paidOn > day) throw new AppError('orglife_dues_paid_on_future')
    const key = `${r.personId}:${r.month}`
    if (seen.has(key)) throw new AppError('orglife_dues_month_paid', { name, month: r.month })
    seen.add(key)
    const year = Number(r.month.slice(0, 4))
    const base = await ctx.db
      .selectFrom('orglife_dues_base')
      .select('monthly_cents')
      .where('person_id', '=', r.personId)
      .where('year', '=', year)
      .executeTakeFirst()
    if (!base) throw new AppError('orglife_dues_no_base', { name, year })
    const paid = await ctx.db
      .selectFrom('orglife_dues_payment')
      .select('id')
      .where('person_id', '=', r.personId)
      .where('month', '=', `${r.month}-01`)
      .executeTakeFirst()
    if (paid) throw new AppError('orglife_dues_month_paid', { name, month: r.month })
    out.push({ ...r, name, amountCents: r.amountCents || base.monthly_cents })
  }
  return out
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505'

/** Writes checked payments all or nothing; a month paid meanwhile by another request fails the whole batch. */
export async function insertPayments(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  rows: Awaited<ReturnType<typeof checkPayments>>,
  source: 'manual' | 'import',
) {
  const principal = requirePrincipal(request)
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const ids = await trx
        .insertInto('orglife_dues_payment')
        .values(
          rows.map((r) => ({
            person_id: r.personId,
            month: `${r.month}-01`,
            amount_cents: r.amountCents,
            channel: r.channel,
            paid_on: r.paidOn,
            party_org_id: orgId,
            source,
            note: r.note,
            recorded_by: principal.accountId,
            recorded_at: ctx.clock.now(),
          })),
        )
        .returning('id')
        .execute()
      await writeAudit(trx, request, {
        action: 'orglife.dues.payment',
        entity: 'orglife_dues_payment',
        ids: ids.map((x) => x.id),
        detail: { partyOrgId: orgId, source, months: rows.length },
      })
      return ids.map((x) => x.id)
    })
  } catch (e) {
    if (isUniqueViolation(e)) {
      const r = rows[0]!
      throw new AppError('orglife_dues_month_paid', { name: r.name, month: rows.length === 1 ? r.month : '' })
    }
    throw e
  }
}

export async function recordPayments(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  input: PaymentInput,
) {
  await loadOrg(ctx.db, orgId)
  const rows = await checkPayments(
    ctx,
    orgId,
    [...input.months].sort().map((month) => ({
      personId: input.personId,
      month,
      amountCents: input.amountCents ?? 0,
      channel: input.channel,
      paidOn: input.paidOn,
      note: input.note?.trim() || null,
    })),
  )
  const ids = await insertPayments(ctx, request, orgId, rows, 'manual')
  return listPayments(ctx.db, { ids })
}

export async function listPayments(
  db: Kysely<DB>,
  q: { ids?: number[]; orgId?: number; year?: number },
): Promise<Payment[]> {
  const rows = await db
    .selectFrom('orglife_dues_payment as d')
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .leftJoin('account as a', 'a.id', 'd.recorded_by')
    .select([
      'd.id',
      'd.person_id',
      'p.name',
      sql<string>`to_char(d.month, 'YYYY-MM')`.as('month'),
      'd.amount_cents',
      'd.channel',
      'd.paid_on',
      'd.party_org_id',
      'd.source',
      'a.display_name',
      'd.note',
    ])
    .$if(q.ids !== undefined, (x) => x.where('d.id', 'in', q.ids!.length ? q.ids! : [0]))
    .$if(q.orgId !== undefined, (x) => x.where('d.party_org_id', '=', q.orgId!))
    .$if(q.year !== undefined, (x) =>
      x.where('d.month', '>=', `${q.year}-01-01`).where('d.month', '<=', `${q.year}-12-01`),
    )
    .orderBy('d.paid_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(2000)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.name,
    month: r.month,
    amountCents: r.amount_cents,
    channel: r.channel,
    paidOn: r.paid_on,
    partyOrgId: r.party_org_id,
    source: r.source,
    recordedBy: r.display_name,
    note: r.note,
  }))
}

export async function deletePayment(ctx: AppContext, request: FastifyRequest, id: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('orglife_dues_payment')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) throw new AppError('not_found')
    await trx.deleteFrom('orglife_dues_payment').where('id', '=', id).execute()
    await writeAudit(trx, request, {
      action: 'orglife.dues.payment.delete',
      entity: 'orglife_dues_payment',
      ids: [id],
      detail: { personId: row.person_id, month: row.month, amountCents: row.amount_cents },
    })
  })
}
