import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** An area by its path: the city's path is its own code, so every area is inside it. */
export interface AreaScope {
  code: string
  path: string
  name: string
}

const isCity = (a: AreaScope) => !a.path.includes('/')
const depth = (a: AreaScope) => a.path.split('/').length

/**
 * Rows keyed by an area code, placed in the scope and labelled with the area directly below it they fall in
 * ('' for the scope itself). Every figure and its children use this one join, so they add up.
 */
function placed(a: AreaScope, areaKey: RawBuilder<unknown>) {
  const child = sql`coalesce(nullif(split_part(ar.path, '/', ${depth(a) + 1}), ''), '')`
  const join = sql`LEFT JOIN area ar ON ar.code = ${areaKey}`
  const where = isCity(a) ? sql`true` : sql`(ar.path = ${a.path} OR ar.path LIKE ${`${a.path}/%`})`
  return { child, join, where }
}

export async function dueRows(db: Kysely<DB>, a: AreaScope, year: number) {
  const p = placed(a, sql`r.area_key`)
  const result = await sql<{ child: string; rule_code: string; before: number; total: number }>`
    SELECT ${p.child} AS child, r.rule_code,
           coalesce(sum(r.orgs) FILTER (WHERE r.since_year < ${year}), 0)::bigint AS before,
           coalesce(sum(r.orgs), 0)::bigint AS total
      FROM orglife_due_rollup r ${p.join}
     WHERE ${p.where}
     GROUP BY 1, 2`.execute(db)
  return result.rows.map((r) => ({ ...r, before: Number(r.before), total: Number(r.total) }))
}

/** Organisations founded in the year itself, row by row (few): due from the first period after founding. */
export async function foundedInYear(db: Kysely<DB>, a: AreaScope, year: number) {
  const p = placed(a, sql`d.area_key`)
  const result = await sql<{ child: string; rule_code: string; established_on: string }>`
    SELECT ${p.child} AS child, d.rule_code, d.established_on
      FROM orglife_org_due d ${p.join}
     WHERE d.since_year = ${year} AND ${p.where}`.execute(db)
  return result.rows
}

export async function periodRows(db: Kysely<DB>, a: AreaScope, year: number) {
  const p = placed(a, sql`r.area_key`)
  const result = await sql<{
    child: string
    rule_code: string
    period_start: string
    met: number
    held: number
  }>`
    SELECT ${p.child} AS child, r.rule_code, r.period_start,
           sum(r.met)::bigint AS met, sum(r.held)::bigint AS held
      FROM orglife_period_rollup r ${p.join}
     WHERE r.period_start >= ${`${year}-01-01`}::date AND r.period_start <= ${`${year}-12-31`}::date AND ${p.where}
     GROUP BY 1, 2, 3`.execute(db)
  return result.rows.map((r) => ({ ...r, met: Number(r.met), held: Number(r.held) }))
}

export async function monthRows(db: Kysely<DB>, a: AreaScope, year: number) {
  const p = placed(a, sql`r.area_key`)
  const result = await sql<{
    child: string
    month: string
    meetings: number
    present: number
    absent: number
    excused: number
  }>`
    SELECT ${p.child} AS child, r.month, sum(r.meetings)::bigint AS meetings, sum(r.present)::bigint AS present,
           sum(r.absent)::bigint AS absent, sum(r.excused)::bigint AS excused
      FROM orglife_month_rollup r ${p.join}
     WHERE r.month >= ${`${year}-01-01`}::date AND r.month <= ${`${year}-12-01`}::date AND ${p.where}
     GROUP BY 1, 2`.execute(db)
  return result.rows.map((r) => ({
    ...r,
    meetings: Number(r.meetings),
    present: Number(r.present),
    absent: Number(r.absent),
    excused: Number(r.excused),
  }))
}

/** Members of live organisations in the area absent from their last three meetings or more. */
export function absenteeQuery(db: Kysely<DB>, a: AreaScope) {
  const inArea = isCity(a)
    ? sql<boolean>`true`
    : sql<boolean>`o.area_code IN (SELECT code FROM area WHERE path = ${a.path} OR path LIKE ${`${a.path}/%`})`
  return db
    .selectFrom('orglife_member_streak as s')
    .innerJoin('member as m', 'm.person_id', 's.person_id')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .innerJoin('party_org as o', 'o.id', 'm.party_org_id')
    .where('s.streak', '>=', 3)
    .where('p.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .where(inArea)
}

/** Floating registrations open on a day with organisations in the area, by direction. */
export async function floatingCounts(db: Kysely<DB>, a: AreaScope, day: string) {
  const inArea = isCity(a)
    ? sql`true`
    : sql`o.area_code IN (SELECT code FROM area WHERE path = ${a.path} OR path LIKE ${`${a.path}/%`})`
  const result = await sql<{ direction: 'in' | 'out'; n: number }>`
    SELECT f.direction, count(*)::int AS n
      FROM orglife_floating f JOIN party_org o ON o.id = f.party_org_id AND o.deleted_at IS NULL
     WHERE f.since <= ${day}::date AND (f.ended_on IS NULL OR f.ended_on > ${day}::date)
       AND (f.until IS NULL OR f.until >= ${day}::date) AND ${inArea}
     GROUP BY f.direction`.execute(db)
  const of = (d: 'in' | 'out') => Number(result.rows.find((r) => r.direction === d)?.n ?? 0)
  return { floatingIn: of('in'), floatingOut: of('out') }
}

export async function childNames(db: Kysely<DB>, a: AreaScope) {
  return db.selectFrom('area').select(['code', 'name']).where('parent_code', '=', a.code).execute()
}

/**
 * The organisations behind a compliance figure: per organisation, the rule-periods it was due in the
 * selection and how many it met. Periods: one given period of one rule, or every period of the year that is
 * over. The same facts (orglife_org_due, orglife_org_period) the rollups sum.
 */
export async function complianceOrgs(
  db: Kysely<DB>,
  a: AreaScope,
  q: {
    year: number
    today: string
    rule?: string
    period?: string
    status: 'met' | 'overdue' | 'due'
    afterId: number
    limit: number
  },
) {
  const yearStart = `${q.year}-01-01`
  const yearEnd = `${q.year}-12-31`
  const inArea = isCity(a)
    ? sql`true`
    : sql`d.area_key IN (SELECT code FROM area WHERE path = ${a.path} OR path LIKE ${`${a.path}/%`})`
  const periodFilter = q.period ? sql`pr.start = ${q.period}::date` : sql`pr.over`
  const having =
    q.status === 'overdue'
      ? sql`count(*) FILTER (WHERE pr.over AND NOT coalesce(op.met, false)) > 0`
      : q.status === 'met'
        ? sql`count(*) FILTER (WHERE op.met) > 0`
        : sql`true`
  const result = await sql<{
    id: number
    name: string
    type: string
    area_code: string
    due: number
    met: number
    held: number
  }>`
    WITH pr AS (
      SELECT r.code, s::date AS start, tx_orglife_period_next(r.period, s::date) <= ${q.today}::date AS over
        FROM orglife_rule r
        CROSS JOIN LATERAL generate_series(${yearStart}::date, ${yearEnd}::date,
          CASE r.period WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                        ELSE interval '1 year' END) s
       WHERE r.active ${q.rule ? sql`AND r.code = ${q.rule}` : sql``})
    SELECT o.id, o.name, o.type, o.area_code,
           count(*)::int AS due, count(*) FILTER (WHERE op.met)::int AS met, coalesce(sum(op.held), 0)::int AS held
      FROM orglife_org_due d
      JOIN pr ON pr.code = d.rule_code AND (d.established_on IS NULL OR d.established_on <= pr.start)
      JOIN party_org o ON o.id = d.party_org_id
      LEFT JOIN orglife_org_period op
        ON op.party_org_id = d.party_org_id AND op.rule_code = d.rule_code AND op.period_start = pr.start
     WHERE ${inArea} AND ${periodFilter} AND d.party_org_id > ${q.afterId}
     GROUP BY o.id, o.name, o.type, o.area_code
    HAVING ${having}
     ORDER BY o.id
     LIMIT ${q.limit}`.execute(db)
  return result.rows
}

/** Organisations that missed a rule in its latest period that is over (the gap rule meeting_overdue). */
export async function overdueGapRows(
  db: Kysely<DB>,
  path: string | null,
  afterId: number,
  limit: number,
  today: string,
) {
  const inArea =
    path === null
      ? sql`true`
      : sql`o.area_code IN (SELECT code FROM area WHERE path = ${path} OR path LIKE ${`${path}/%`})`
  const result = await sql<{
    id: number
    name: string
    area_code: string | null
    facts: Record<string, string | number | boolean | null>
  }>`
    WITH last AS (
      SELECT r.code, r.name, r.name_en, r.sort,
             tx_orglife_period_start(r.period, tx_orglife_period_start(r.period, ${today}::date) - 1) AS start
        FROM orglife_rule r WHERE r.active)
    SELECT o.id, o.name, o.area_code,
           jsonb_build_object('missed', x.n, 'rules', x.names, 'rulesEn', x.names_en) AS facts
      FROM party_org o
      CROSS JOIN LATERAL (
        SELECT count(*) AS n, string_agg(l.name, '；' ORDER BY l.sort, l.code) AS names,
               string_agg(l.name_en, '; ' ORDER BY l.sort, l.code) AS names_en
          FROM orglife_org_due d
          JOIN last l ON l.code = d.rule_code
          LEFT JOIN orglife_org_period p
            ON p.party_org_id = d.party_org_id AND p.rule_code = d.rule_code AND p.period_start = l.start
         WHERE d.party_org_id = o.id AND (d.established_on IS NULL OR d.established_on <= l.start)
           AND NOT coalesce(p.met, false)) x
     WHERE o.deleted_at IS NULL AND x.n > 0 AND ${inArea} AND o.id > ${afterId}
     ORDER BY o.id LIMIT ${limit}`.execute(db)
  return result.rows
}
