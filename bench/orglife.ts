/**
 * Organisational life at city scale: a year of meetings with rosters for every branch of the city data set
 * (bench/city-data.ts), then the compliance rollup GET /api/orglife/compliance for the whole city and for the
 * street with the most branches, each against one raw SQL statement over the base tables that computes the
 * same figures (measured in the same run), plus the drill-down page and recording one meeting with its roster.
 *   node --import tsx bench/orglife.ts                                   # embedded PGlite in BENCH_PGLITE_DIR
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/orglife.ts   # database BENCH_CITY_DB there
 * BENCH_REUSE=1 keeps a city (and its year of meetings) already loaded with the same BENCH_SCALE and
 * BENCH_SEED; BENCH_ITERATIONS (default 20) timed runs per case after 2 warm-ups (the raw SQL:
 * BENCH_RAW_ITERATIONS, default 5, after 1); BENCH_WRITES (default 20) meetings recorded through the API.
 */
import os from 'node:os'
import { DEMO_PASSWORD } from '../db/demo/accounts.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { systemClock } from '../server/src/lib/clock.ts'
import { countAccounts, insertAccount } from '../server/src/modules/accounts/bootstrap.ts'
import { BENCH_SECRET } from './city-data.ts'
import { openCityDatabase } from './city-load.ts'
import { ensureOrglifeData, YEAR } from './orglife-data.ts'

const scale = Number(process.env.BENCH_SCALE ?? 1)
const seed = Number(process.env.BENCH_SEED ?? 1)
const iterations = Number(process.env.BENCH_ITERATIONS ?? 20)
const writes = Number(process.env.BENCH_WRITES ?? 20)
// The raw SQL reads every meeting and roster row of the scope: seconds for the city, so fewer runs.
const rawIterations = Number(process.env.BENCH_RAW_ITERATIONS ?? 5)

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2))

async function measure(n: number, fn: (i: number) => Promise<unknown>, warmUps = 2) {
  for (let i = 0; i < warmUps; i++) await fn(-1 - i)
  const ms: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn(i)
    ms.push(performance.now() - t0)
  }
  ms.sort((a, b) => a - b)
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!
  return { p50: at(0.5), p95: at(0.95), n }
}

/**
 * Every figure of the endpoint from the base tables (party_org, orglife_rule, orglife_party_group,
 * orglife_meeting, orglife_attendance, member, person), none from the facts the triggers keep: per rule and
 * period the organisations due, those that met it and the meetings counted; meetings and attendance of the
 * year; members absent from their last three meetings or more.
 */
function rawSql(path: string | null): { sql: string; params: unknown[] } {
  const inArea =
    path === null ? 'true' : 'o.area_code IN (SELECT code FROM area WHERE path = $3 OR path LIKE $4)'
  const params = [`${YEAR}-01-01`, `${YEAR}-12-31`, ...(path === null ? [] : [path, `${path}/%`])]
  const sql = `
WITH o AS NOT MATERIALIZED (
  SELECT o.id, o.type, o.has_committee, o.established_on, o.secretary_person_id FROM party_org o
   WHERE o.deleted_at IS NULL AND ${inArea}),
r AS (SELECT * FROM orglife_rule WHERE active),
g AS (SELECT g.id, g.party_org_id FROM orglife_party_group g JOIN o ON o.id = g.party_org_id WHERE g.deleted_at IS NULL),
pr AS (
  SELECT r.code, s::date AS start, tx_orglife_period_next(r.period, s::date) AS next
    FROM r CROSS JOIN LATERAL generate_series($1::date, $2::date,
      CASE r.period WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                    ELSE interval '1 year' END) s),
due AS (
  SELECT o.id AS org, r.code, o.established_on FROM o JOIN r ON o.type = ANY (r.org_types)
   WHERE CASE r.applies_to WHEN 'all' THEN true WHEN 'committee' THEN o.has_committee
              ELSE EXISTS (SELECT 1 FROM g WHERE g.party_org_id = o.id) END),
mt AS (
  SELECT m.id, m.party_org_id, m.kind_code, m.held_on, m.group_id, m.presenter_person_id
    FROM orglife_meeting m JOIN o ON o.id = m.party_org_id
   WHERE m.deleted_at IS NULL AND m.held_on BETWEEN $1::date AND $2::date),
counted AS (
  SELECT mt.party_org_id AS org, mt.group_id, r.code, r.applies_to, pr.start
    FROM mt JOIN o ON o.id = mt.party_org_id JOIN r ON r.kind_code = mt.kind_code
    JOIN pr ON pr.code = r.code AND mt.held_on >= pr.start AND mt.held_on < pr.next
   WHERE NOT r.by_secretary OR mt.presenter_person_id = o.secretary_person_id),
held AS (SELECT org, code, start, count(*) AS n FROM counted GROUP BY 1, 2, 3),
group_held AS (
  SELECT org, group_id, code, start, count(*) AS n FROM counted WHERE applies_to = 'groups' GROUP BY 1, 2, 3, 4),
dp AS (
  SELECT due.org, due.code, pr.start FROM due JOIN pr ON pr.code = due.code
   WHERE due.established_on IS NULL OR due.established_on <= pr.start),
group_short AS (
  SELECT g.party_org_id AS org, r.code, pr.start
    FROM g JOIN r ON r.applies_to = 'groups' JOIN pr ON pr.code = r.code
    LEFT JOIN group_held gh ON gh.org = g.party_org_id AND gh.group_id = g.id AND gh.code = r.code AND gh.start = pr.start
   WHERE coalesce(gh.n, 0) < r.min_count
   GROUP BY 1, 2, 3),
met AS (
  SELECT dp.code, dp.start, count(*) AS n
    FROM dp JOIN r ON r.code = dp.code
    LEFT JOIN held h ON h.org = dp.org AND h.code = dp.code AND h.start = dp.start
    LEFT JOIN group_short s ON s.org = dp.org AND s.code = dp.code AND s.start = dp.start
   WHERE CASE WHEN r.applies_to = 'groups' THEN s.org IS NULL ELSE coalesce(h.n, 0) >= r.min_count END
   GROUP BY 1, 2),
lp AS (
  SELECT a.person_id, max(m.starts_at) AS at
    FROM orglife_attendance a JOIN orglife_meeting m ON m.id = a.meeting_id AND m.deleted_at IS NULL
   WHERE a.status = 'present' AND a.person_id IN (SELECT mb.person_id FROM member mb JOIN o ON o.id = mb.party_org_id)
   GROUP BY 1),
streak AS (
  SELECT a.person_id FROM orglife_attendance a
    JOIN orglife_meeting m ON m.id = a.meeting_id AND m.deleted_at IS NULL
    LEFT JOIN lp ON lp.person_id = a.person_id
   WHERE a.status = 'absent' AND a.person_id IN (SELECT mb.person_id FROM member mb JOIN o ON o.id = mb.party_org_id)
     AND (lp.at IS NULL OR m.starts_at > lp.at)
   GROUP BY 1 HAVING count(*) >= 3)
SELECT (SELECT count(DISTINCT org) FROM due)::int AS orgs,
       (SELECT count(*) FROM mt)::int AS meetings,
       (SELECT json_object_agg(status, n) FROM (
          SELECT a.status, count(*) AS n FROM orglife_attendance a JOIN mt ON mt.id = a.meeting_id GROUP BY 1) x)
         AS attendance,
       (SELECT count(*) FROM streak s JOIN person p ON p.id = s.person_id AND p.deleted_at IS NULL)::int AS absentees,
       (SELECT json_agg(json_build_object('rule', pr.code, 'start', pr.start, 'due', coalesce(d.n, 0),
                                          'met', coalesce(mt_.n, 0), 'held', coalesce(h.n, 0)))
          FROM pr
          LEFT JOIN (SELECT code, start, count(*) AS n FROM dp GROUP BY 1, 2) d ON d.code = pr.code AND d.start = pr.start
          LEFT JOIN met mt_ ON mt_.code = pr.code AND mt_.start = pr.start
          LEFT JOIN (SELECT code, start, sum(n) AS n FROM held GROUP BY 1, 2) h ON h.code = pr.code AND h.start = pr.start)
         AS periods`
  return { sql, params }
}

interface Raw {
  orgs: number
  meetings: number
  attendance: Record<string, number> | null
  absentees: number
  periods: Array<{ rule: string; start: string; due: number; met: number; held: number }>
}

/** Whether the endpoint reports what the raw SQL computes, figure by figure. */
function agreement(raw: Raw, body: Record<string, unknown>): string {
  const att = raw.attendance ?? {}
  const pairs: Array<[string, unknown, number]> = [
    ['orgs', body.orgs, raw.orgs],
    ['meetings', body.meetings, raw.meetings],
    ['present', body.present, Number(att.present ?? 0)],
    ['absent', body.absent, Number(att.absent ?? 0)],
    ['excused', body.excused, Number(att.excused ?? 0)],
    ['absentees', body.absentees, raw.absentees],
  ]
  const rules = body.rules as Array<{ rule: string; periods: Array<Record<string, number | string>> }>
  for (const p of raw.periods) {
    const got = rules
      .find((r) => r.rule === p.rule)
      ?.periods.find((x) => x.start === String(p.start).slice(0, 10))
    for (const k of ['due', 'met', 'held'] as const)
      pairs.push([`${p.rule} ${p.start} ${k}`, got?.[k], Number(p[k])])
  }
  const diff = pairs.filter(([, got, want]) => got !== want)
  return diff.length === 0
    ? `figures equal the raw SQL (${pairs.length} compared)`
    : `differs: ${diff
        .slice(0, 5)
        .map(([k, got, want]) => `${k} ${got} vs ${want}`)
        .join(', ')}`
}

async function main() {
  const { cityLoad, yearLoad } = await ensureOrglifeData()
  const loadBefore = loadAverage()
  const database = await openCityDatabase()
  const db = database.db
  // A city loaded before a later migration (BENCH_REUSE) gets it now; a migration that rebuilt the facts
  // leaves new tables without statistics, so the touched tables are analysed as the loader does.
  const t0 = performance.now()
  const { applied } = await migrate(database)
  if (applied.length > 0)
    await database.withScriptClient((c) =>
      c.exec(`VACUUM ANALYZE orglife_org_due, orglife_org_period, orglife_org_month, orglife_member_streak,
                orglife_absentee, orglife_due_rollup, orglife_due_year_rollup, orglife_period_rollup,
                orglife_month_rollup, orglife_absentee_rollup`),
    )
  const migrated = applied.length
    ? `migrations applied to the loaded city: ${applied.join(', ')} (${((performance.now() - t0) / 1000).toFixed(1)} s with VACUUM ANALYZE)`
    : null
  if ((await countAccounts(db)) === 0)
    await insertAccount(db, {
      username: 'admin',
      displayName: '市级管理员',
      password: DEMO_PASSWORD,
      grants: [{ role: 'admin', scopeType: 'city', scopeId: null, areaCode: null }],
    })
  const config = loadConfig({ TONGXIN_SECRET: BENCH_SECRET, LOG_LEVEL: 'silent' })
  const app = await buildApp(
    { config, database, db, clock: systemClock, secret: config.secret! },
    { logger: false, web: false },
  )
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: DEMO_PASSWORD },
  })
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`)
  const headers = {
    cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': login.cookies.find((c) => c.name === 'tx_csrf')!.value,
  }

  const { street, sizes, counts } = await database.withScriptClient(async (c) => {
    const [top] = await c.query<{ code: string; name: string; path: string; orgs: number }>(
      `SELECT a.code, a.name, a.path, count(*)::int AS orgs FROM orglife_org_due d JOIN area a ON a.code = d.area_key
        WHERE d.rule_code = '*' GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1 LIMIT 1`,
    )
    const n: Record<string, number> = {}
    for (const t of [
      'party_org',
      'member',
      'orglife_party_group',
      'orglife_meeting',
      'orglife_attendance',
      'orglife_org_due',
      'orglife_org_period',
      'orglife_org_month',
      'orglife_member_streak',
      'orglife_absentee',
      'orglife_due_rollup',
      'orglife_due_year_rollup',
      'orglife_period_rollup',
      'orglife_month_rollup',
      'orglife_absentee_rollup',
    ])
      n[t] = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n
    const mb = await c.query<{ t: string; mb: number }>(
      `SELECT relname AS t, round(pg_total_relation_size(oid) / 1048576.0)::int AS mb FROM pg_class
        WHERE relname IN ('orglife_meeting', 'orglife_attendance', 'orglife_org_period', 'orglife_period_rollup')
          AND relkind = 'r' ORDER BY 1`,
    )
    return { street: top!, sizes: mb, counts: n }
  })

  type Row = { name: string; base: 'city' | 'street'; t: Awaited<ReturnType<typeof measure>>; note?: string }
  const rows: Row[] = []
  const raws: Record<string, Raw> = {}
  for (const [key, path, label] of [
    ['city', null, 'city (310000)'],
    ['street', street.path, `${street.code} ${street.name}`],
  ] as const) {
    const { sql, params } = rawSql(path)
    const t = await database.withScriptClient((c) =>
      measure(
        rawIterations,
        async () => {
          raws[key] = (await c.query<Raw>(sql, params))[0]!
        },
        1,
      ),
    )
    rows.push({ name: `raw SQL over the base tables, ${label}`, base: key, t })
  }
  for (const [key, code] of [
    ['city', '310000'],
    ['street', street.code],
  ] as const) {
    const url = `/api/orglife/compliance?area=${code}&year=${YEAR}`
    const probe = await app.inject({ method: 'GET', url, headers })
    if (probe.statusCode !== 200) throw new Error(`${url}: ${probe.statusCode} ${probe.body}`)
    const t = await measure(iterations, async () => {
      const res = await app.inject({ method: 'GET', url, headers })
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`)
    })
    rows.push({ name: `GET ${url}`, base: key, t, note: agreement(raws[key]!, probe.json()) })
  }
  // A yardstick for the machine's load: the coverage figures of the same city, measured at 7.9 ms p50 on
  // PostgreSQL at load average 1.2–1.5 (bench/README.md, "After per-area rollups").
  rows.push({
    name: 'reference: GET /api/coverage?area=310000',
    base: 'city',
    t: await measure(iterations, async () => {
      const res = await app.inject({ method: 'GET', url: '/api/coverage?area=310000', headers })
      if (res.statusCode !== 200) throw new Error(`coverage: ${res.statusCode}`)
    }),
  })
  const drill = `/api/orglife/compliance/orgs?area=${street.code}&year=${YEAR}&status=overdue&limit=50`
  rows.push({
    name: `GET ${drill}`,
    base: 'street',
    t: await measure(iterations, async () => {
      const res = await app.inject({ method: 'GET', url: drill, headers })
      if (res.statusCode !== 200) throw new Error(`${drill}: ${res.statusCode} ${res.body}`)
    }),
  })

  // Recording one meeting with its roster, all triggers on: one theme day today in a different branch each
  // time (soft-deleted afterwards, so a rerun on the same data can record them again).
  const targets = await database.withScriptClient((c) =>
    c.query<{ id: number }>(
      `SELECT d.party_org_id AS id FROM orglife_org_due d WHERE d.rule_code = 'theme_day_monthly'
        ORDER BY d.party_org_id LIMIT $1`,
      [writes + 2],
    ),
  )
  const recorded: number[] = []
  const now = new Date(Date.now() - 60_000).toISOString()
  let sumRoster = 0
  const writeT = await measure(writes, async (i) => {
    const orgId = Number(targets[i + 2]!.id)
    const roster = await app.inject({ method: 'GET', url: `/api/orglife/orgs/${orgId}/roster`, headers })
    const people = (roster.json().people as Array<{ personId: number }>).map((p, k) => ({
      personId: p.personId,
      status: k === 0 ? 'absent' : 'present',
    }))
    sumRoster += people.length
    const res = await app.inject({
      method: 'POST',
      url: `/api/orglife/orgs/${orgId}/meetings`,
      headers,
      payload: { kindCode: 'theme_day', startsAt: now, topic: '压测主题党日', roster: people },
    })
    if (res.statusCode !== 200 && res.statusCode !== 201)
      throw new Error(`record: ${res.statusCode} ${res.body}`)
    recorded.push(res.json().id)
  })
  await database.withScriptClient((c) =>
    c.query('UPDATE orglife_meeting SET deleted_at = now() WHERE id = ANY ($1)', [recorded]),
  )
  rows.push({
    name: `GET roster + POST one meeting with its roster (${(sumRoster / (writes + 2)).toFixed(1)} people on average)`,
    base: 'street',
    t: writeT,
  })

  console.log(
    `\nengine: ${database.engine}; scale ${scale}, seed ${seed}, year ${YEAR}; ${os.cpus().length} cores; node ${process.version}; ${iterations} iterations (raw SQL ${rawIterations}, writes ${writes}); load average ${loadBefore} before, ${loadAverage()} after`,
  )
  if (cityLoad) console.log(`city loaded in ${cityLoad.total.toFixed(1)} s`)
  else console.log('reused the city already loaded')
  if (yearLoad)
    console.log(
      `year of meetings loaded: ${Object.entries(yearLoad)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')}`,
    )
  else console.log('reused the year of meetings already loaded')
  if (migrated) console.log(migrated)
  console.log(`\n| table | rows |\n|---|---:|`)
  for (const [t, n] of Object.entries(counts)) console.log(`| ${t} | ${n.toLocaleString('en-US')} |`)
  console.log(`\nsizes on disk (MB, with indexes): ${sizes.map((s) => `${s.t} ${s.mb}`).join(', ')}`)
  console.log(`street with the most branches: ${street.code} ${street.name}, ${street.orgs} organisations`)
  const base = {
    city: rows.find((r) => r.base === 'city')!.t,
    street: rows.find((r) => r.base === 'street')!.t,
  }
  console.log(
    '\n| case | p50 ms | p95 ms | p50 ÷ raw SQL p50 (same scope) | note |\n|---|---:|---:|---:|---|',
  )
  for (const r of rows) {
    const ratio = r.t.p50 / base[r.base].p50
    console.log(
      `| ${r.name} | ${fmt(r.t.p50)} | ${fmt(r.t.p95)} | ${ratio.toFixed(ratio < 0.01 ? 4 : 2)} | ${r.note ?? ''} |`,
    )
  }
  await app.close()
  await database.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
