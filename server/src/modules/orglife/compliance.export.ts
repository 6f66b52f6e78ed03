import ExcelJS from 'exceljs'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import type { Locale } from '../../lib/messages.ts'
import { thisYear, today } from './access.ts'
import { areaScope } from './compliance.service.ts'
import { listRules } from './rules.service.ts'

/**
 * The year's summary per organisation of an area, one row each (年度组织生活情况汇总): per rule the periods
 * that are over, met of due, and the meetings counted; meetings, attendance rate, members absent three times
 * running. From the same per-organisation facts the figures sum, so the sheet adds up to the street's page.
 */
export async function complianceWorkbook(
  ctx: AppContext,
  request: FastifyRequest,
  q: { area?: string; year?: number; org?: number },
  locale: Locale,
): Promise<{ buffer: Buffer; fileName: string }> {
  const a = await areaScope(ctx, q.area)
  const year = q.year ?? thisYear(ctx)
  const day = today(ctx)
  const rules = (await listRules(ctx.db)).filter((r) => r.active)
  const inArea = a.path.includes('/')
    ? sql`o.area_code IN (SELECT code FROM area WHERE path = ${a.path} OR path LIKE ${`${a.path}/%`})`
    : sql`true`
  const orgFilter = q.org ? sql`o.id = ${q.org}` : sql`true`
  const orgs = await sql<{ id: number; name: string; type: string; area_name: string }>`
    SELECT o.id, o.name, o.type, ar.name AS area_name
      FROM party_org o JOIN area ar ON ar.code = o.area_code
     WHERE o.deleted_at IS NULL AND ${inArea} AND ${orgFilter}
       AND EXISTS (SELECT 1 FROM orglife_org_due d WHERE d.party_org_id = o.id AND d.rule_code = '*')
     ORDER BY o.area_code, o.name LIMIT 20000`.execute(ctx.db)
  const per = await sql<{ party_org_id: number; rule_code: string; due: number; met: number; held: number }>`
    WITH pr AS (
      SELECT r.code, s::date AS start FROM orglife_rule r
       CROSS JOIN LATERAL generate_series(${`${year}-01-01`}::date, ${`${year}-12-31`}::date,
         CASE r.period WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END) s
       WHERE r.active AND tx_orglife_period_next(r.period, s::date) <= ${day}::date)
    SELECT d.party_org_id, d.rule_code, count(*)::int AS due, count(*) FILTER (WHERE p.met)::int AS met,
           coalesce(sum(p.held), 0)::int AS held
      FROM orglife_org_due d JOIN party_org o ON o.id = d.party_org_id
      JOIN pr ON pr.code = d.rule_code AND (d.established_on IS NULL OR d.established_on <= pr.start)
      LEFT JOIN orglife_org_period p ON p.party_org_id = d.party_org_id AND p.rule_code = d.rule_code AND p.period_start = pr.start
     WHERE ${inArea} AND ${orgFilter}
     GROUP BY 1, 2`.execute(ctx.db)
  const months = await sql<{ party_org_id: number; meetings: number; present: number; absent: number }>`
    SELECT m.party_org_id, sum(m.meetings)::int AS meetings, sum(m.present)::int AS present, sum(m.absent)::int AS absent
      FROM orglife_org_month m JOIN party_org o ON o.id = m.party_org_id
     WHERE m.month >= ${`${year}-01-01`}::date AND m.month <= ${`${year}-12-01`}::date AND ${inArea} AND ${orgFilter}
     GROUP BY 1`.execute(ctx.db)
  const streaks = await sql<{ party_org_id: number; n: number }>`
    SELECT m.party_org_id, count(*)::int AS n
      FROM orglife_member_streak s JOIN member m ON m.person_id = s.person_id JOIN party_org o ON o.id = m.party_org_id
     WHERE s.streak >= 3 AND ${inArea} AND ${orgFilter}
     GROUP BY 1`.execute(ctx.db)

  const zh = locale === 'zh-CN'
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(zh ? `${year}年组织生活` : `Organisational life ${year}`)
  const header = [
    zh ? '党组织' : 'Organisation',
    zh ? '所在地区' : 'Area',
    ...rules.map((r) => (zh ? r.name : r.nameEn)),
    zh ? '达标率' : 'Rate',
    zh ? '会议次数' : 'Meetings',
    zh ? '出席率' : 'Attendance',
    zh ? '连续三次缺席人数' : 'Absent 3× running',
  ]
  ws.addRow([
    zh
      ? `${a.name} ${year} 年组织生活情况汇总（截至 ${day}）`
      : `${a.name}: organisational life in ${year} (as of ${day})`,
  ])
  ws.addRow(header)
  ws.getRow(2).font = { bold: true }
  for (const o of orgs.rows) {
    const cells = rules.map((r) =>
      per.rows.find((x) => Number(x.party_org_id) === Number(o.id) && x.rule_code === r.code),
    )
    const due = cells.reduce((n, c) => n + (c?.due ?? 0), 0)
    const met = cells.reduce((n, c) => n + (c?.met ?? 0), 0)
    const m = months.rows.find((x) => Number(x.party_org_id) === Number(o.id))
    const present = m?.present ?? 0
    const absent = m?.absent ?? 0
    ws.addRow([
      o.name,
      o.area_name,
      ...cells.map((c) => (c ? `${c.met}/${c.due}（${c.held}）` : '—')),
      due > 0 ? Math.round((met / due) * 1000) / 10 : null,
      m?.meetings ?? 0,
      present + absent > 0 ? Math.round((present / (present + absent)) * 1000) / 10 : null,
      streaks.rows.find((x) => Number(x.party_org_id) === Number(o.id))?.n ?? 0,
    ])
  }
  ws.addRow([])
  ws.addRow([
    zh
      ? '各规则列：达标周期数/应开周期数（计入的会议次数），只计已结束的周期；达标率、出席率为百分数。'
      : 'Rule columns: periods met / periods due (meetings counted), periods that are over only; rates in percent.',
  ])
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 36 : i === 1 ? 14 : 16
  })
  await writeAudit(ctx.db, request, {
    action: 'export.orglife_compliance',
    entity: 'party_org',
    ids: orgs.rows.map((o) => o.id),
    detail: { area: a.code, year, org: q.org ?? null },
  })
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: zh ? `组织生活汇总_${a.name}_${year}.xlsx` : `orglife_${a.code}_${year}.xlsx`,
  }
}
