/**
 * 党统 coverage at city scale: the raw full-scan SQL baseline against tongxin's GET /api/coverage, for the
 * whole city and for its busiest street, plus a keyset list page and a point lookup, on the same data.
 *   node --import tsx bench/coverage.ts                                   # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/coverage.ts   # database BENCH_CITY_DB there
 * BENCH_REUSE=1 keeps a city already loaded with the same BENCH_SCALE and BENCH_SEED; BENCH_ITERATIONS
 * (default 20) timed runs per case after 2 warm-up runs; the page and point cases run at least 200 times.
 */
import { existsSync } from 'node:fs'
import os from 'node:os'
import { DEMO_PASSWORD } from '../db/demo/accounts.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import type { Database, ScriptClient } from '../server/src/db/connection.ts'
import { systemClock } from '../server/src/lib/clock.ts'
import { countAccounts, insertAccount } from '../server/src/modules/accounts/bootstrap.ts'
import { countRows } from './city-bulk.ts'
import { BENCH_SECRET, type CityLoad, cityMarker, generateCity } from './city-data.ts'
import { openCityDatabase, openLoadTarget, pgliteDir } from './city-load.ts'
import { Rng } from './city-names.ts'

const scale = Number(process.env.BENCH_SCALE ?? 1)
const seed = Number(process.env.BENCH_SEED ?? 1)
const iterations = Number(process.env.BENCH_ITERATIONS ?? 20)

interface Scope {
  label: string
  code: string
  /** null for the whole city, which needs no area filter */
  path: string | null
}

/** As the app counts it: born after this day, a member is under 35 today in Shanghai. */
function under35Cutoff(now = new Date()): string {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
  return `${Number(today.slice(0, 4)) - 35}${today.slice(4)}`
}

/**
 * The 党统 figures straight from the base tables, without unit_stat: per unit its live members and its
 * own / joint coverage, then units per category. Members are placed by their unit, or by their
 * organisation's area when they have no live unit — as the app places them. `u` is NOT MATERIALIZED: as
 * a materialised CTE the planner guesses 200 rows for it and walks person_unit_idx once per unit (2× slower).
 */
function rawCoverageSql(scope: Scope): { sql: string; params: unknown[] } {
  const inArea = (col: string) =>
    scope.path === null ? 'true' : `${col} IN (SELECT code FROM area WHERE path = $2 OR path LIKE $3)`
  const params = scope.path === null ? [under35Cutoff()] : [under35Cutoff(), scope.path, `${scope.path}/%`]
  const sql = `
WITH u AS NOT MATERIALIZED (
  SELECT id, building_id, left_on FROM unit WHERE deleted_at IS NULL AND ${inArea('area_code')}),
mem AS (
  SELECT p.unit_id,
         count(*) FILTER (WHERE m.status = 'formal') AS formal,
         count(*) FILTER (WHERE m.status = 'probationary') AS probationary,
         count(*) FILTER (WHERE p.birth_date > $1::date) AS under35
    FROM member m JOIN person p ON p.id = m.person_id
   WHERE p.deleted_at IS NULL AND p.unit_id IN (SELECT id FROM u)
   GROUP BY p.unit_id),
cov AS (
  SELECT c.unit_id, c.building_id, o.type
    FROM party_org_coverage c JOIN party_org o ON o.id = c.party_org_id
   WHERE o.deleted_at IS NULL),
own AS (SELECT DISTINCT unit_id FROM cov WHERE unit_id IS NOT NULL AND type <> 'joint_branch'),
joint_unit AS (SELECT DISTINCT unit_id FROM cov WHERE unit_id IS NOT NULL AND type = 'joint_branch'),
covered_building AS (SELECT DISTINCT building_id FROM cov WHERE building_id IS NOT NULL),
per_unit AS (
  SELECT u.left_on IS NULL AS operating,
         coalesce(mem.formal, 0) AS formal, coalesce(mem.probationary, 0) AS probationary,
         coalesce(mem.under35, 0) AS under35,
         own.unit_id IS NOT NULL AS own_org,
         (ju.unit_id IS NOT NULL OR cb.building_id IS NOT NULL) AS joint_org
    FROM u
    LEFT JOIN mem ON mem.unit_id = u.id
    LEFT JOIN own ON own.unit_id = u.id
    LEFT JOIN joint_unit ju ON ju.unit_id = u.id
    LEFT JOIN covered_building cb ON cb.building_id = u.building_id),
unitless AS (
  SELECT count(*) FILTER (WHERE m.status = 'formal') AS formal,
         count(*) FILTER (WHERE m.status = 'probationary') AS probationary,
         count(*) FILTER (WHERE p.birth_date > $1::date) AS under35
    FROM member m JOIN person p ON p.id = m.person_id JOIN party_org o ON o.id = m.party_org_id
   WHERE p.deleted_at IS NULL AND ${inArea('o.area_code')}
     AND NOT EXISTS (SELECT 1 FROM unit x WHERE x.id = p.unit_id AND x.deleted_at IS NULL))
SELECT count(*)::int AS units,
       count(*) FILTER (WHERE operating)::int AS operating_units,
       count(*) FILTER (WHERE operating AND own_org)::int AS own,
       count(*) FILTER (WHERE operating AND NOT own_org AND joint_org)::int AS joint,
       count(*) FILTER (WHERE operating AND NOT own_org AND NOT joint_org AND formal >= 3)::int AS should_have,
       count(*) FILTER (WHERE operating AND NOT own_org AND NOT joint_org AND formal < 3 AND formal + probationary > 0)::int AS only_members,
       count(*) FILTER (WHERE operating AND NOT own_org AND NOT joint_org AND formal + probationary = 0)::int AS no_members,
       (coalesce(sum(formal) FILTER (WHERE operating), 0) + (SELECT formal FROM unitless))::int AS formal_members,
       (coalesce(sum(probationary) FILTER (WHERE operating), 0) + (SELECT probationary FROM unitless))::int AS probationary_members,
       (coalesce(sum(under35) FILTER (WHERE operating), 0) + (SELECT under35 FROM unitless))::int AS members_under_35
  FROM per_unit`
  return { sql, params }
}

type Figures = Record<string, number>

/** The same unit figures from the trigger-maintained unit_stat, as a cross-check of the raw SQL. */
async function unitStatFigures(client: ScriptClient, scope: Scope): Promise<Figures> {
  const where =
    scope.path === null ? 'true' : 'area_code IN (SELECT code FROM area WHERE path = $1 OR path LIKE $2)'
  const [r] = await client.query<Figures>(
    `SELECT count(*)::int AS units, count(*) FILTER (WHERE operating)::int AS operating_units,
            count(*) FILTER (WHERE category = 'own')::int AS own, count(*) FILTER (WHERE category = 'joint')::int AS joint,
            count(*) FILTER (WHERE category = 'should_have')::int AS should_have,
            count(*) FILTER (WHERE category = 'only_members')::int AS only_members,
            count(*) FILTER (WHERE category = 'no_members')::int AS no_members
       FROM unit_stat WHERE ${where}`,
    scope.path === null ? [] : [scope.path, `${scope.path}/%`],
  )
  return r!
}

interface Timing {
  p50: number
  p95: number
  n: number
}

async function measure(n: number, fn: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 2; i++) await fn(-1 - i)
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

async function ensureCity(): Promise<{ database: Database; load: CityLoad | null; seconds: number }> {
  if (process.env.BENCH_REUSE === '1' && (process.env.BENCH_DATABASE_URL || existsSync(pgliteDir()))) {
    try {
      const database = await openCityDatabase()
      const [row] = await database.withScriptClient((c) =>
        c.query<{ marker: string | null }>("SELECT obj_description('unit'::regclass, 'pg_class') AS marker"),
      )
      if (row?.marker === cityMarker(scale, seed)) return { database, load: null, seconds: 0 }
      await database.close()
    } catch {
      // Nothing usable there: load afresh below.
    }
  }
  const t0 = performance.now()
  const target = await openLoadTarget()
  const load = await generateCity(target.database, { copyIn: target.copyIn, scale, seed })
  await target.close()
  return { database: await openCityDatabase(), load, seconds: (performance.now() - t0) / 1000 }
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2))

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

async function main() {
  const { database, load, seconds } = await ensureCity()
  // Other processes on a 2-core machine move these figures a lot; the load average says how much.
  const loadBefore = loadAverage()
  const db = database.db
  if ((await countAccounts(db)) === 0) {
    // Only the admin account: loadDemo's registry rows would mix into the city's figures.
    await insertAccount(db, {
      username: 'admin',
      displayName: '市级管理员',
      password: DEMO_PASSWORD,
      grants: [{ role: 'admin', scopeType: 'city', scopeId: null, areaCode: null }],
    })
  }
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
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ')

  const { counts, street, streetIds, sizes } = await database.withScriptClient(async (c) => {
    const [top] = await c.query<{ code: string; name: string; path: string; units: number }>(
      `SELECT u.area_code AS code, a.name, a.path, count(*)::int AS units FROM unit u JOIN area a ON a.code = u.area_code
        WHERE u.deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1 LIMIT 1`,
    )
    const ids = await c.query<{ id: number }>(
      'SELECT id FROM unit WHERE area_code = $1 AND deleted_at IS NULL ORDER BY id',
      [top!.code],
    )
    const mb = await c.query<{ t: string; mb: number }>(
      `SELECT relname AS t, round(pg_total_relation_size(oid) / 1048576.0)::int AS mb FROM pg_class
        WHERE relname IN ('unit', 'person', 'member', 'party_org', 'party_org_coverage', 'unit_stat') AND relkind = 'r'`,
    )
    return { counts: await countRows(c), street: top!, streetIds: ids.map((r) => r.id), sizes: mb }
  })
  const city: Scope = { label: 'city (310000)', code: '310000', path: null }
  const streetScope: Scope = {
    label: `street ${street.code} ${street.name}`,
    code: street.code,
    path: street.path,
  }

  const rows: Array<{ name: string; scope: 'city' | 'street'; t: Timing | null; note?: string }> = []
  const figures: Record<string, Figures> = {}
  for (const scope of [city, streetScope]) {
    const key = scope === city ? 'city' : 'street'
    const { sql, params } = rawCoverageSql(scope)
    const t = await database.withScriptClient((c) =>
      measure(iterations, async () => {
        const [r] = await c.query<Figures>(sql, params)
        figures[`raw ${key}`] = r!
      }),
    )
    rows.push({ name: `raw full-scan SQL, ${scope.label}`, scope: key, t })
    const stat = await database.withScriptClient((c) => unitStatFigures(c, scope))
    for (const [k, v] of Object.entries(stat)) {
      if (figures[`raw ${key}`]![k] !== v)
        throw new Error(`${key}: raw ${k}=${figures[`raw ${key}`]![k]} but unit_stat ${v}`)
    }
  }
  for (const scope of [city, streetScope]) {
    const key = scope === city ? 'city' : 'street'
    const url = `/api/coverage?area=${scope.code}`
    const probe = await app.inject({ method: 'GET', url, headers: { cookie } })
    if (probe.statusCode !== 200) {
      rows.push({
        name: `GET ${url}`,
        scope: key,
        t: null,
        note: `endpoint not available (${probe.statusCode})`,
      })
      continue
    }
    const t = await measure(iterations, async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } })
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`)
    })
    rows.push({ name: `GET ${url}`, scope: key, t, note: agreement(figures[`raw ${key}`]!, probe.json()) })
  }
  const rng = new Rng(seed, 'bench-coverage')
  const cols =
    'id, uscc, name, kind, industry, building_id, floor_from, floor_to, settled_on, left_on, version'
  const pageStarts = streetIds.slice(0, Math.max(1, streetIds.length - 50))
  const maxId = counts.unit!
  await database.withScriptClient(async (c) => {
    const n = Math.max(200, iterations)
    rows.push({
      name: `keyset page of 50 units in ${street.name}`,
      scope: 'street',
      t: await measure(n, () =>
        c.query(
          `SELECT ${cols} FROM unit WHERE area_code = $1 AND deleted_at IS NULL AND id > $2 ORDER BY id LIMIT 50`,
          [street.code, rng.pick(pageStarts) - 1],
        ),
      ),
    })
    rows.push({
      name: 'point lookup of one unit by id',
      scope: 'street',
      t: await measure(n, () => c.query(`SELECT ${cols} FROM unit WHERE id = $1`, [rng.int(1, maxId)])),
    })
  })

  const base = { city: rows[0]!.t!, street: rows[1]!.t! }
  console.log(
    `\nengine: ${database.engine}; scale ${scale}, seed ${seed}; ${os.cpus().length} cores; node ${process.version}; ${iterations} iterations (page/point ${Math.max(200, iterations)}); load average ${loadBefore} before, ${loadAverage()} after`,
  )
  if (load) {
    console.log(
      `loaded in ${seconds.toFixed(1)} s (${Object.entries(load.seconds)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ')})`,
    )
  } else console.log('reused the city already loaded')
  console.log(`\n| table | rows |\n|---|---:|`)
  for (const [t, n] of Object.entries(counts)) console.log(`| ${t} | ${n.toLocaleString('en-US')} |`)
  console.log(`\nsizes on disk (MB, with indexes): ${sizes.map((s) => `${s.t} ${s.mb}`).join(', ')}`)
  console.log(`busiest street: ${street.code} ${street.name}, ${street.units.toLocaleString('en-US')} units`)
  console.log(`city figures (raw SQL): ${JSON.stringify(figures['raw city'])}`)
  console.log(
    '\n| case | p50 ms | p95 ms | p50 ÷ raw SQL p50 (same scope) | note |\n|---|---:|---:|---:|---|',
  )
  for (const r of rows) {
    const ratio = r.t
      ? (r.t.p50 / base[r.scope].p50).toFixed(r.t.p50 / base[r.scope].p50 < 0.01 ? 4 : 2)
      : '—'
    console.log(
      `| ${r.name} | ${r.t ? fmt(r.t.p50) : '—'} | ${r.t ? fmt(r.t.p95) : '—'} | ${ratio} | ${r.note ?? ''} |`,
    )
  }
  await app.close()
  await database.close()
}

/** Whether the endpoint reports the figures the raw SQL computes. */
function agreement(raw: Figures, body: Record<string, unknown>): string {
  const categories = (body.categories ?? {}) as Record<string, number>
  const pairs: Array<[string, unknown, number]> = [
    ['units', body.units, raw.units!],
    ['operatingUnits', body.operatingUnits, raw.operating_units!],
    ['formalMembers', body.formalMembers, raw.formal_members!],
    ['probationaryMembers', body.probationaryMembers, raw.probationary_members!],
    ['membersUnder35', body.membersUnder35, raw.members_under_35!],
    ...['own', 'joint', 'should_have', 'only_members', 'no_members'].map(
      (k) => [`categories.${k}`, categories[k], raw[k]!] as [string, unknown, number],
    ),
  ]
  const diff = pairs.filter(([, got, want]) => got !== want)
  return diff.length === 0
    ? 'figures equal the raw SQL'
    : `differs from raw SQL: ${diff.map(([k, got, want]) => `${k} ${got} vs ${want}`).join(', ')}`
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
