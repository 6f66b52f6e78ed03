import type { ComplianceFigures, OrgCompliance, RuleFigure } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { loadOrg, thisYear, today } from './access.ts'
import {
  type AreaScope,
  absenteeCount,
  absenteeQuery,
  childNames,
  complianceOrgs,
  dueRows,
  dueYearRows,
  floatingCounts,
  monthRows,
  periodRows,
} from './compliance.repository.ts'
import { type OrgFacts, orgCompliance, periodEnd, periodNext, periodsBetween } from './compliance.ts'
import { listRules, ruleFacts } from './rules.service.ts'

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null)

export async function orgFacts(ctx: AppContext, orgId: number): Promise<OrgFacts & { name: string }> {
  const org = await loadOrg(ctx.db, orgId)
  const groups = await ctx.db
    .selectFrom('orglife_party_group')
    .select('id')
    .where('party_org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  return {
    name: org.name,
    type: org.type,
    hasCommittee: org.has_committee,
    groupIds: groups.map((g) => g.id),
    establishedOn: org.established_on,
    secretaryPersonId: org.secretary_person_id,
  }
}

/** One organisation's year, computed from its meetings by the pure rules of compliance.ts. */
export async function orgYear(ctx: AppContext, request: FastifyRequest, orgId: number, year?: number) {
  const y = year ?? thisYear(ctx)
  const org = await orgFacts(ctx, orgId)
  const rules = await listRules(ctx.db)
  const meetings = await ctx.db
    .selectFrom('orglife_meeting as m')
    .select(['m.kind_code', 'm.held_on', 'm.group_id', 'm.presenter_person_id', 'm.id'])
    .where('m.party_org_id', '=', orgId)
    .where('m.deleted_at', 'is', null)
    .where('m.held_on', '>=', `${y}-01-01`)
    .where('m.held_on', '<=', `${y}-12-31`)
    .execute()
  const attendance = meetings.length
    ? await ctx.db
        .selectFrom('orglife_attendance')
        .select(['status'])
        .where(
          'meeting_id',
          'in',
          meetings.map((m) => m.id),
        )
        .execute()
    : []
  const day = today(ctx)
  const periods = orgCompliance(
    rules.map(ruleFacts),
    org,
    meetings.map((m) => ({
      kindCode: m.kind_code,
      heldOn: m.held_on,
      groupId: m.group_id,
      presenterPersonId: m.presenter_person_id,
    })),
    { from: `${y}-01-01`, to: `${y}-12-31`, today: day },
  )
  const over = periods.filter((p) => p.status === 'met' || p.status === 'overdue')
  const present = attendance.filter((a) => a.status === 'present').length
  const absent = attendance.filter((a) => a.status === 'absent').length
  const absentees = await absenteeQuery(ctx.db, { code: '310000', path: '310000', name: '' })
    .where('m.party_org_id', '=', orgId)
    .select(['s.person_id', 'p.name', 'o.id as org_id', 'o.name as org_name', 's.streak', 's.since'])
    .orderBy('s.streak', 'desc')
    .orderBy('s.person_id')
    .execute()
  if (absentees.length > 0)
    await writeAudit(ctx.db, request, {
      action: 'person.list',
      entity: 'person',
      ids: absentees.map((a) => a.person_id),
      detail: { via: 'orglife.compliance', partyOrgId: orgId },
    })
  const result: OrgCompliance = {
    partyOrgId: orgId,
    name: org.name,
    year: y,
    today: day,
    rules,
    periods,
    rate: ratio(over.filter((p) => p.status === 'met').length, over.length),
    meetings: meetings.length,
    present,
    absent,
    attendanceRate: ratio(present, present + absent),
    absentees: absentees.map((a) => ({
      personId: a.person_id,
      name: a.name,
      partyOrgId: a.org_id,
      partyOrgName: a.org_name,
      streak: a.streak,
      since: a.since,
    })),
  }
  return result
}

export async function areaScope(ctx: AppContext, code?: string): Promise<AreaScope> {
  const area = await ctx.db
    .selectFrom('area')
    .select(['code', 'path', 'name'])
    .where('code', '=', code ?? '310000')
    .executeTakeFirst()
  if (!area) throw new AppError('unknown_area', { code: code ?? '310000' })
  return area
}

/**
 * The street's (district's, city's) figures for a year, summed from the per-area rollups: per rule the
 * organisation-periods due, met and missed over the periods that are over, meetings per month, attendance,
 * and the same per area directly below.
 */
export async function areaFigures(
  ctx: AppContext,
  locale: Locale,
  q: { area?: string; year?: number },
): Promise<ComplianceFigures> {
  const a = await areaScope(ctx, q.area)
  const year = q.year ?? thisYear(ctx)
  const day = today(ctx)
  const [rules, due, late, periods, months, absentees, names, floating] = await Promise.all([
    listRules(ctx.db),
    dueRows(ctx.db, a),
    dueYearRows(ctx.db, a, year),
    periodRows(ctx.db, a, year),
    monthRows(ctx.db, a, year),
    absenteeCount(ctx.db, a),
    childNames(ctx.db, a),
    floatingCounts(ctx.db, a, day),
  ])
  const children = new Map<string, { due: number; met: number; meetings: number; orgs: number }>()
  const child = (c: string) => {
    let v = children.get(c)
    if (!v) {
      v = { due: 0, met: 0, meetings: 0, orgs: 0 }
      children.set(c, v)
    }
    return v
  }
  // The period rows by rule and period, so each period reads its own rows only.
  const periodsOf = new Map<string, typeof periods>()
  for (const p of periods) {
    const key = `${p.rule_code} ${p.period_start}`
    const list = periodsOf.get(key)
    if (list) list.push(p)
    else periodsOf.set(key, [p])
  }
  const ruleFigures: RuleFigure[] = []
  for (const rule of rules.filter((r) => r.active)) {
    const ruleDue = due.filter((d) => d.rule_code === rule.code)
    const ruleLate = late.filter((f) => f.rule_code === rule.code)
    const figure: RuleFigure = {
      rule: rule.code,
      kindCode: rule.kindCode,
      name: locale === 'zh-CN' ? rule.name : rule.nameEn,
      period: rule.period,
      orgs: ruleDue.filter((d) => d.child === '').reduce((n, d) => n + d.total, 0),
      due: 0,
      met: 0,
      overdue: 0,
      held: 0,
      periods: [],
    }
    for (const start of periodsBetween(rule.period, `${year}-01-01`, `${year}-12-31`)) {
      const over = periodNext(rule.period, start) <= day
      // '' is the scope's own figure (a rollup row sums its area's whole subtree), the others the areas below.
      const byChild = new Map<string, { due: number; met: number; held: number }>()
      const add = (c: string, k: 'due' | 'met' | 'held', n: number) => {
        const v = byChild.get(c) ?? { due: 0, met: 0, held: 0 }
        v[k] += n
        byChild.set(c, v)
      }
      // Every organisation due the rule, less those due from after the period's first day: all of a later
      // year's, and of the year's own those from a later month.
      const month = Number(start.slice(5, 7))
      for (const d of ruleDue) add(d.child, 'due', d.total)
      for (const f of ruleLate)
        add(f.child, 'due', -(f.due_year > year ? f.orgs : f.months.slice(month).reduce((n, x) => n + x, 0)))
      for (const p of periodsOf.get(`${rule.code} ${start}`) ?? []) {
        add(p.child, 'met', p.met)
        add(p.child, 'held', p.held)
      }
      const total = byChild.get('') ?? { due: 0, met: 0, held: 0 }
      if (over)
        for (const [c, v] of byChild)
          if (c !== '') {
            child(c).due += v.due
            child(c).met += v.met
          }
      figure.periods.push({ start, end: periodEnd(rule.period, start), ...total, over })
      figure.held += total.held
      if (over) {
        figure.due += total.due
        figure.met += total.met
      }
    }
    figure.overdue = figure.due - figure.met
    ruleFigures.push(figure)
  }
  for (const d of due) if (d.rule_code === '*' && d.child !== '') child(d.child).orgs += d.total
  for (const m of months) if (m.child !== '') child(m.child).meetings += m.meetings
  const own = months.filter((m) => m.child === '')
  const sum = (k: 'meetings' | 'present' | 'absent' | 'excused') => own.reduce((n, m) => n + m[k], 0)
  const monthList = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}-01`
    const rows = own.filter((m) => m.month === month)
    return {
      month,
      meetings: rows.reduce((n, m) => n + m.meetings, 0),
      present: rows.reduce((n, m) => n + m.present, 0),
      absent: rows.reduce((n, m) => n + m.absent, 0),
    }
  })
  const dueAll = ruleFigures.reduce((n, r) => n + r.due, 0)
  const metAll = ruleFigures.reduce((n, r) => n + r.met, 0)
  const nameOf = new Map(names.map((n) => [n.code, n.name]))
  const present = sum('present')
  const absent = sum('absent')
  return {
    scope: { code: a.code, name: a.name },
    year,
    today: day,
    orgs: due.filter((d) => d.rule_code === '*' && d.child === '').reduce((n, d) => n + d.total, 0),
    due: dueAll,
    met: metAll,
    overdue: dueAll - metAll,
    rate: ratio(metAll, dueAll),
    meetings: sum('meetings'),
    present,
    absent,
    excused: sum('excused'),
    attendanceRate: ratio(present, present + absent),
    absentees,
    ...floating,
    rules: ruleFigures,
    months: monthList,
    children: [...children.entries()]
      .filter(([c]) => c !== '')
      .map(([code, v]) => ({
        code,
        name: nameOf.get(code) ?? code,
        orgs: v.orgs,
        due: v.due,
        met: v.met,
        rate: ratio(v.met, v.due),
        meetings: v.meetings,
      }))
      .sort((x, y) => x.code.localeCompare(y.code)),
  }
}

export async function drillOrgs(
  ctx: AppContext,
  q: {
    area?: string
    year?: number
    rule?: string
    period?: string
    status?: 'met' | 'overdue' | 'due'
    cursor?: string
    limit?: number
  },
) {
  const a = await areaScope(ctx, q.area)
  const limit = q.limit ?? 50
  const afterId = q.cursor ? decodeCursor(q.cursor, (v): v is number => Number.isInteger(v)) : 0
  const rows = await complianceOrgs(ctx.db, a, {
    year: q.year ?? thisYear(ctx),
    today: today(ctx),
    rule: q.rule,
    period: q.period,
    status: q.status ?? 'overdue',
    afterId,
    limit: limit + 1,
  })
  const { page, nextCursor } = pageOf(rows, limit, (r) => Number(r.id))
  return {
    items: page.map((r) => ({
      partyOrgId: Number(r.id),
      name: r.name,
      type: r.type as 'branch',
      areaCode: r.area_code,
      due: r.due,
      met: r.met,
      held: r.held,
    })),
    nextCursor,
  }
}

export async function drillAbsentees(
  ctx: AppContext,
  request: FastifyRequest,
  q: { area?: string; cursor?: string; limit?: number },
) {
  const a = await areaScope(ctx, q.area)
  const limit = q.limit ?? 50
  const afterId = q.cursor ? decodeCursor(q.cursor, (v): v is number => Number.isInteger(v)) : 0
  const rows = await absenteeQuery(ctx.db, a)
    .select(['s.person_id', 'p.name', 'o.id as org_id', 'o.name as org_name', 's.streak', 's.since'])
    .where('s.person_id', '>', afterId)
    .orderBy('s.person_id')
    .limit(limit + 1)
    .execute()
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.person_id)
  await writeAudit(ctx.db, request, {
    action: 'person.list',
    entity: 'person',
    ids: page.map((r) => r.person_id),
    detail: { via: 'orglife.absentees', area: a.code },
  })
  return {
    items: page.map((r) => ({
      personId: r.person_id,
      name: r.name,
      partyOrgId: r.org_id,
      partyOrgName: r.org_name,
      streak: r.streak,
      since: r.since,
    })),
    nextCursor,
  }
}
