import type { DuesBaseInput, MemberDues, OrgDues } from '@tongxin/contracts'
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

export const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
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

export async function memberOf(db: Kysely<DB>, orgId: number, personId: number) {
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
