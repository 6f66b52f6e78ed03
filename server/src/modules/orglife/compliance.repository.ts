import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** An area by its path: the city's path is its own code, so every area is inside it. */
export interface AreaScope {
  code: string
  path: string
  name: string
}

const isCity = (a: AreaScope) => !a.path.includes('/')

/**
 * Rollup rows of the scope and of each area directly below it (each row sums its area's whole subtree):
 * labelled '' for the scope — the figure itself — or the child's code.
 */
function subtrees(a: AreaScope) {
  const child = sql`CASE WHEN r.area_key = ${a.code} THEN '' ELSE r.area_key END`
  // As one array, so the planner walks the primary key per area instead of scanning the rollup.
  const where = sql`r.area_key = ANY (ARRAY(SELECT code FROM area WHERE parent_code = ${a.code}) || ${a.code}::text)`
  return { child, where }
}

/** Organisations due each rule, whenever founded: the scope's ('') and each area's below it. */
export async function dueRows(db: Kysely<DB>, a: AreaScope) {
  const p = subtrees(a)
  const result = await sql<{ child: string; rule_code: string; total: number }>`
    SELECT ${p.child} AS child, r.rule_code, r.orgs AS total
      FROM orglife_due_rollup r
     WHERE ${p.where} AND r.orgs <> 0`.execute(db)
  return result.rows.map((r) => ({ ...r, total: Number(r.total) }))
}

/**
 * Organisations due from a first of a month in the year or later, by year (rows of the year and after only):
 * `months[m-1]` of a row of the year are those due from its month m. Periods start on the first of a month,
 * so "founded on or before the start" is "due from on or before it".
 */
export async function dueYearRows(db: Kysely<DB>, a: AreaScope, year: number) {
  const p = subtrees(a)
  const result = await sql<{
    child: string
    rule_code: string
    due_year: number
    orgs: number
    months: number[]
  }>`
    SELECT ${p.child} AS child, r.rule_code, r.due_year, r.orgs::int AS orgs, r.months::int[] AS months
      FROM orglife_due_year_rollup r
     WHERE ${p.where} AND r.due_year >= ${year} AND r.orgs <> 0`.execute(db)
  return result.rows
}

export async function periodRows(db: Kysely<DB>, a: AreaScope, year: number) {
  const p = subtrees(a)
  const result = await sql<{
    child: string
    rule_code: string
    period_start: string
    met: number
    held: number
  }>`
    SELECT ${p.child} AS child, r.rule_code, r.period_start, r.met, r.held
      FROM orglife_period_rollup r
     WHERE ${p.where} AND r.period_start >= ${`${year}-01-01`}::date AND r.period_start <= ${`${year}-12-31`}::date`.execute(
    db,
  )
  return result.rows.map((r) => ({ ...r, met: Number(r.met), held: Number(r.held) }))
}

export async function monthRows(db: Kysely<DB>, a: AreaScope, year: number) {
  const p = subtrees(a)
  const result = await sql<{
    child: string
    month: string
    meetings: number
    present: number
    absent: number
    excused: number
  }>`
    SELECT ${p.child} AS child, r.month, r.meetings, r.present, r.absent, r.excused
      FROM orglife_month_rollup r
     WHERE ${p.where} AND r.month >= ${`${year}-01-01`}::date AND r.month <= ${`${year}-12-01`}::date`.execute(
    db,
  )
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
  return db
    .selectFrom('orglife_member_streak as s')
    .innerJoin('member as m', 'm.person_id', 's.person_id')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .innerJoin('party_org as o', 'o.id', 'm.party_org_id')
    .where('s.streak', '>=', 3)
    .where('p.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .where(orgInArea(a))
}

const orgInArea = (a: AreaScope) =>
  isCity(a)
    ? sql<boolean>`true`
    : sql<boolean>`o.area_code IN (SELECT code FROM area WHERE path = ${a.path} OR path LIKE ${`${a.path}/%`})`

/** How many members absenteeQuery lists: the area's rollup row (migration 0032), kept by triggers. */
export async function absenteeCount(db: Kysely<DB>, a: AreaScope): Promise<number> {
  const row = await db
    .selectFrom('orglife_absentee_rollup')
    .select('members')
    .where('area_key', '=', a.code)
    .executeTakeFirst()
  return Number(row?.members ?? 0)
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
    -- Counted per organisation id first and named after: joined to party_org before grouping, the planner
    -- walked every organisation in id order against every fact of the area.
    , x AS (
      SELECT d.party_org_id AS id, count(*)::int AS due, count(*) FILTER (WHERE op.met)::int AS met,
             coalesce(sum(op.held), 0)::int AS held
        FROM orglife_org_due d
        JOIN pr ON pr.code = d.rule_code AND (d.established_on IS NULL OR d.established_on <= pr.start)
        LEFT JOIN orglife_org_period op
          ON op.party_org_id = d.party_org_id AND op.rule_code = d.rule_code AND op.period_start = pr.start
       WHERE ${inArea} AND ${periodFilter} AND d.party_org_id > ${q.afterId}
       GROUP BY d.party_org_id
      HAVING ${having}
       ORDER BY d.party_org_id
       LIMIT ${q.limit})
    SELECT o.id, o.name, o.type, o.area_code, x.due, x.met, x.held
      FROM x JOIN party_org o ON o.id = x.id
     ORDER BY o.id`.execute(db)
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
  return (await overdueGapQuery(path, afterId, limit, today).execute(db)).rows
}

/** The SQL behind `overdueGapRows`, so the gap list can also count it; `limit` null for all. */
export function overdueGapQuery(path: string | null, afterId: number, limit: number | null, today: string) {
  const inArea =
    path === null
      ? sql`true`
      : sql`o.area_code IN (SELECT code FROM area WHERE path = ${path} OR path LIKE ${`${path}/%`})`
  return sql<{
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
     ORDER BY o.id LIMIT ${limit}`
}
