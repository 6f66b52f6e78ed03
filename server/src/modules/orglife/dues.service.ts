import type { DuesBaseInput, MemberDues, OrgDues, Payment, PaymentInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { decryptPii, encryptPii } from '../../lib/pii.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadOrg, today } from './access.ts'
import { type DuesCategory, duesRateBp, hasBase, incomeToCents, monthlyDuesCents } from './dues.ts'

const INCOME_ERRORS = {
  negative: 'orglife_dues_income_negative',
  zero: 'orglife_dues_income_zero',
  absurd: 'orglife_dues_income_absurd',
  precision: 'orglife_dues_income_precision',
} as const

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`

/** The last finished month of the year as seen today: dues of the months up to it are owed. */
export function duesThrough(year: number, day: string): string | null {
  const current = monthIndex(day.slice(0, 7))
  const last = Math.min(year * 12 + 11, current - 1)
  return last < year * 12 ? null : monthOf(last)
}

export function baseColumns(secret: string, category: DuesCategory, income: number | null | undefined) {
  if (!hasBase(category)) {
    if (income !== undefined && income !== null) throw new AppError('orglife_dues_income_not_used')
    return { base_enc: null, rate_bp: null, monthly_cents: monthlyDuesCents(category, null) }
  }
  if (income === undefined || income === null) throw new AppError('orglife_dues_income_required')
  const parsed = incomeToCents(income)
  if ('problem' in parsed) throw new AppError(INCOME_ERRORS[parsed.problem])
  return {
    base_enc: encryptPii(secret, String(parsed.cents)),
    rate_bp: duesRateBp(category, parsed.cents),
    monthly_cents: monthlyDuesCents(category, parsed.cents),
  }
}

async function memberOf(db: Kysely<DB>, orgId: number, personId: number) {
  const m = await db
    .selectFrom('member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'm.status', 'm.joined_on'])
    .where('m.person_id', '=', personId)
    .where('m.party_org_id', '=', orgId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!m) throw new AppError('orglife_dues_not_member', { id: personId })
  return m
}

/** Confirms a member's base for a year (新核定 or a change at the version read); the income is stored encrypted. */
export async function confirmBase(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  personId: number,
  input: DuesBaseInput,
) {
  await loadOrg(ctx.db, orgId)
  await memberOf(ctx.db, orgId, personId)
  const year = Number(today(ctx).slice(0, 4))
  if (input.year < year - 1 || input.year > year + 1) throw new AppError('orglife_dues_year')
  const cols = baseColumns(ctx.secret, input.category, input.monthlyIncome)
  const principal = requirePrincipal(request)
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('orglife_dues_base')
      .select('version')
      .where('person_id', '=', personId)
      .where('year', '=', input.year)
      .forUpdate()
      .executeTakeFirst()
    const values = {
      category: input.category,
      ...cols,
      confirmed_on: today(ctx),
      confirmed_by: principal.accountId,
    }
    if (!current) {
      await trx
        .insertInto('orglife_dues_base')
        .values({ person_id: personId, year: input.year, ...values })
        .execute()
    } else {
      if (input.version !== current.version)
        throw new AppError('version_conflict', { current: current.version })
      await trx
        .updateTable('orglife_dues_base')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('person_id', '=', personId)
        .where('year', '=', input.year)
        .execute()
    }
    await writeAudit(trx, request, {
      action: 'orglife.dues.base',
      entity: 'person',
      ids: [personId],
      detail: { year: input.year, category: input.category, rateBp: cols.rate_bp },
    })
  })
  return { rateBp: cols.rate_bp, monthlyCents: cols.monthly_cents }
}

/** The income behind a base, for a role that may read personal data: one member, audited like an ID number. */
export async function revealBase(ctx: AppContext, request: FastifyRequest, personId: number, year: number) {
  const b = await ctx.db
    .selectFrom('orglife_dues_base')
    .selectAll()
    .where('person_id', '=', personId)
    .where('year', '=', year)
    .executeTakeFirst()
  if (!b) throw new AppError('not_found')
  await writeAudit(ctx.db, request, {
    action: 'pii.read',
    entity: 'person',
    ids: [personId],
    detail: { fields: ['duesBase'], year },
  })
  return {
    personId,
    year,
    category: b.category,
    monthlyIncome: b.base_enc ? Number(decryptPii(ctx.secret, b.base_enc)) / 100 : null,
    rateBp: b.rate_bp,
    monthlyCents: b.monthly_cents,
  }
}

interface DuesMemberRow {
  id: number
  name: string
  status: string
  joined_on: string | null
  category: DuesCategory | null
  rate_bp: number | null
  monthly_cents: number | null
  version: number | null
}

/** One member's year: months owed up to `through`, paid, in arrears; the same rule the area report sums. */
export function memberYear(
  m: DuesMemberRow,
  year: number,
  through: string | null,
  paid: Array<{ month: string; amount_cents: number }>,
): MemberDues {
  const first = year * 12
  const start = Math.max(first, m.joined_on ? monthIndex(m.joined_on.slice(0, 7)) : first)
  const end = through ? monthIndex(through) : first - 1
  const paidSet = new Set(paid.map((p) => p.month.slice(0, 7)))
  const due: string[] = []
  for (let i = start; i <= end; i++) due.push(monthOf(i))
  const arrears = due.filter((x) => !paidSet.has(x))
  let paidThrough: string | null = null
  for (let i = first; i < first + 12 && paidSet.has(monthOf(i)); i++) paidThrough = monthOf(i)
  return {
    personId: m.id,
    name: m.name,
    status: m.status as 'formal',
    category: m.category,
    baseMasked: m.category === null ? null : hasBase(m.category) ? '****' : null,
    rateBp: m.rate_bp,
    monthlyCents: m.monthly_cents,
    baseVersion: m.version,
    dueMonths: due.length,
    paidMonths: [...paidSet].sort(),
    arrearsMonths: arrears,
    arrearsCents: m.monthly_cents === null ? 0 : arrears.length * m.monthly_cents,
    paidCents: paid.reduce((n, p) => n + p.amount_cents, 0),
    paidThrough,
  }
}

export async function paymentsOf(db: Kysely<DB>, personIds: number[], year: number) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('orglife_dues_payment')
    .select(['person_id', sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'amount_cents'])
    .where('person_id', 'in', personIds)
    .where('month', '>=', `${year}-01-01`)
    .where('month', '<=', `${year}-12-01`)
    .execute()
}

export async function orgDues(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  year?: number,
): Promise<OrgDues> {
  const org = await loadOrg(ctx.db, orgId)
  const day = today(ctx)
  const y = year ?? Number(day.slice(0, 4))
  const through = duesThrough(y, day)
  const members = await ctx.db
    .selectFrom('member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('orglife_dues_base as b', (j) =>
      j.onRef('b.person_id', '=', 'm.person_id').on('b.year', '=', y),
    )
    .select([
      'p.id',
      'p.name',
      'm.status',
      'm.joined_on',
      'b.category',
      'b.rate_bp',
      'b.monthly_cents',
      'b.version',
    ])
    .where('m.party_org_id', '=', orgId)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute()
  const payments = await paymentsOf(
    ctx.db,
    members.map((m) => m.id),
    y,
  )
  const rows = members.map((m) =>
    memberYear(
      m as DuesMemberRow,
      y,
      through,
      payments.filter((p) => p.person_id === m.id),
    ),
  )
  await writeAudit(ctx.db, request, {
    action: 'person.list',
    entity: 'person',
    ids: rows.map((r) => r.personId),
    detail: { via: 'orglife.dues', partyOrgId: orgId, year: y },
  })
  return {
    partyOrgId: orgId,
    name: org.name,
    year: y,
    through,
    members: rows,
    expectedCents: rows.reduce((n, r) => n + (r.monthlyCents ?? 0) * r.dueMonths, 0),
    paidCents: rows.reduce((n, r) => n + r.paidCents, 0),
    arrearsCents: rows.reduce((n, r) => n + r.arrearsCents, 0),
    membersInArrears: rows.filter((r) => r.arrearsMonths.length > 0).length,
    withoutBase: rows.filter((r) => r.category === null).length,
  }
}

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
