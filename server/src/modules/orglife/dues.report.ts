import type { DuesReport } from '@tongxin/contracts'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { today } from './access.ts'
import type { AreaScope } from './compliance.repository.ts'
import { areaScope } from './compliance.service.ts'
import { duesThrough } from './dues.service.ts'

interface OrgTotals {
  party_org_id: number
  name: string
  area_code: string
  child: string
  members: number
  without_base: number
  expected: number
  paid: number
  arrears: number
  in_arrears: number
}

/**
 * Dues per organisation of an area, by the same rule as one organisation's page (memberYear): each current
 * member owes the months from January (or the month they joined) to the last finished month; a month is in
 * arrears while unpaid; amounts need the year's confirmed base.
 */
async function orgTotals(db: Kysely<DB>, a: AreaScope, year: number, through: string | null) {
  const depth = a.path.split('/').length
  const inArea = a.path.includes('/')
    ? sql`(ar.path = ${a.path} OR ar.path LIKE ${`${a.path}/%`})`
    : sql`true`
  const last = through ? sql`${`${through}-01`}::date` : sql`${`${year}-01-01`}::date - 1`
  const result = await sql<OrgTotals>`
    WITH mem AS (
      SELECT m.person_id, m.party_org_id,
             greatest(${`${year}-01-01`}::date, date_trunc('month', coalesce(m.joined_on, ${`${year}-01-01`}::date)::timestamp)::date) AS start,
             b.person_id IS NOT NULL AS has_base, coalesce(b.monthly_cents, 0) AS monthly
        FROM member m
        JOIN person p ON p.id = m.person_id AND p.deleted_at IS NULL
        JOIN party_org o ON o.id = m.party_org_id AND o.deleted_at IS NULL
        LEFT JOIN area ar ON ar.code = o.area_code
        LEFT JOIN orglife_dues_base b ON b.person_id = m.person_id AND b.year = ${year}
       WHERE ${inArea}),
    owed AS (
      SELECT mem.*,
             greatest(0, (extract(year FROM ${last})::int * 12 + extract(month FROM ${last})::int)
                       - (extract(year FROM start)::int * 12 + extract(month FROM start)::int) + 1) AS due_months,
             (SELECT count(*) FROM orglife_dues_payment d
               WHERE d.person_id = mem.person_id AND d.month >= mem.start AND d.month <= ${last})::int AS paid_due,
             (SELECT coalesce(sum(d.amount_cents), 0) FROM orglife_dues_payment d
               WHERE d.person_id = mem.person_id AND d.month >= ${`${year}-01-01`}::date
                 AND d.month <= ${`${year}-12-01`}::date)::bigint AS paid
        FROM mem)
    SELECT o.id AS party_org_id, o.name, o.area_code,
           coalesce(nullif(split_part(ar.path, '/', ${depth + 1}), ''), '') AS child,
           count(*)::int AS members,
           count(*) FILTER (WHERE NOT has_base)::int AS without_base,
           sum(monthly * due_months)::bigint AS expected,
           sum(paid)::bigint AS paid,
           sum(monthly * greatest(0, due_months - paid_due))::bigint AS arrears,
           count(*) FILTER (WHERE due_months > paid_due)::int AS in_arrears
      FROM owed JOIN party_org o ON o.id = owed.party_org_id LEFT JOIN area ar ON ar.code = o.area_code
     GROUP BY o.id, o.name, o.area_code, ar.path
     ORDER BY o.id`.execute(db)
  return result.rows.map((r) => ({
    ...r,
    expected: Number(r.expected),
    paid: Number(r.paid),
    arrears: Number(r.arrears),
  }))
}

export async function duesReport(ctx: AppContext, q: { area?: string; year?: number }): Promise<DuesReport> {
  const a = await areaScope(ctx, q.area)
  const day = today(ctx)
  const year = q.year ?? Number(day.slice(0, 4))
  const through = duesThrough(year, day)
  const rows = await orgTotals(ctx.db, a, year, through)
  const totals = (list: OrgTotals[]) => ({
    orgs: list.length,
    members: list.reduce((n, r) => n + r.members, 0),
    withoutBase: list.reduce((n, r) => n + r.without_base, 0),
    expectedCents: list.reduce((n, r) => n + r.expected, 0),
    paidCents: list.reduce((n, r) => n + r.paid, 0),
    arrearsCents: list.reduce((n, r) => n + r.arrears, 0),
    membersInArrears: list.reduce((n, r) => n + r.in_arrears, 0),
  })
  const names = new Map(
    (
      await ctx.db.selectFrom('area').select(['code', 'name']).where('parent_code', '=', a.code).execute()
    ).map((x) => [x.code, x.name]),
  )
  const children = [...new Set(rows.map((r) => r.child).filter((c) => c !== ''))].sort()
  return {
    scope: { code: a.code, name: a.name },
    year,
    through,
    ...totals(rows),
    orgRows: rows.slice(0, 1000).map((r) => ({
      partyOrgId: Number(r.party_org_id),
      name: r.name,
      areaCode: r.area_code,
      ...totals([r]),
    })),
    children: children.map((c) => ({
      code: c,
      name: names.get(c) ?? c,
      ...totals(rows.filter((r) => r.child === c)),
    })),
  }
}
