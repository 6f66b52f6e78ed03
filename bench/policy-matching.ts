/**
 * Policy matching at city scale: every policy's eligibility rule against every unit (default 200,000 units ×
 * 500 policies, synthetic and seeded). Timed: the module's rule engine (validate + compile each rule once,
 * then evaluate it per unit, counting qualifying units), against a baseline measured in the same run — the
 * same 500 conditions written by hand as one plain JavaScript predicate per policy. Both must agree on every
 * count. Also timed: near-miss explanations (whatIsMissing) for a sample of failing pairs.
 *   node --import tsx bench/policy-matching.ts
 * BENCH_UNITS (200000), BENCH_POLICIES (500), BENCH_SEED (1), BENCH_RUNS (1, after a warm-up on a tenth of the units).
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { compile, monthsBefore, whatIsMissing } from '../server/src/modules/enterprise/rules/evaluate.ts'
import { BUILTIN_FIELDS, type FieldDef, type Rule } from '../server/src/modules/enterprise/rules/types.ts'
import { validateRule } from '../server/src/modules/enterprise/rules/validate.ts'

const N_UNITS = Number(process.env.BENCH_UNITS ?? 200_000)
const N_POLICIES = Number(process.env.BENCH_POLICIES ?? 500)
const RUNS = Number(process.env.BENCH_RUNS ?? 1)
let state = Number(process.env.BENCH_SEED ?? 1) >>> 0
const rand = () => {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))

const today = '2026-06-15'
const ctx = { today }
const KINDS = ['private', 'foreign', 'state', 'social_org', 'agency'] as const
const INDUSTRIES = [
  '制造业',
  '软件和信息技术服务业',
  '批发和零售业',
  '科学研究和技术服务业',
  '租赁和商务服务业',
  '金融业',
  '建筑业',
  '文化体育和娱乐业',
]
const BANDS = ['lt_5m', '5m_20m', '20m_100m', 'gte_100m']
const INCUBATION = ['incubating', 'graduated', 'left', 'none', 'none', 'none', 'none', 'none']
// 16 districts × 15 streets: codes shaped like Shanghai's.
const DISTRICTS = Array.from({ length: 16 }, (_, i) => `3101${String(i + 1).padStart(2, '0')}`)
const STREETS = DISTRICTS.flatMap((d) =>
  Array.from({ length: 15 }, (_, j) => `${d}${String(j + 1).padStart(3, '0')}`),
)

const fields = new Map<string, FieldDef>([
  ...BUILTIN_FIELDS.map((f) => [f.key, f] as const),
  [
    'revenue_band',
    {
      key: 'revenue_band',
      type: 'enum',
      label: { 'zh-CN': '营收', 'en-US': 'revenue' },
      options: BANDS.map((v) => ({ value: v, label: { 'zh-CN': v, 'en-US': v } })),
    },
  ],
  ['high_tech', { key: 'high_tech', type: 'boolean', label: { 'zh-CN': '高新', 'en-US': 'high-tech' } }],
  ['rd_ratio', { key: 'rd_ratio', type: 'number', label: { 'zh-CN': '研发占比', 'en-US': 'R&D share' } }],
])

type BenchUnit = {
  industry: string | null
  kind: string
  employees: number | null
  settled_on: string | null
  area: string
  park: number | null
  incubation: string
  revenue_band: string | null
  high_tech: boolean | null
  rd_ratio: number | null
}

function makeUnit(): BenchUnit {
  const street = pick(STREETS)
  const settled = new Date(Date.UTC(2026, 5, 15) - int(0, 365 * 15) * 86_400_000).toISOString().slice(0, 10)
  return {
    industry: rand() < 0.95 ? pick(INDUSTRIES) : null,
    kind: pick(KINDS),
    employees: rand() < 0.97 ? Math.floor(Math.exp(rand() * 7)) : null,
    settled_on: rand() < 0.9 ? settled : null,
    area: `310000/${street.slice(0, 6)}/${street}`,
    park: rand() < 0.3 ? int(1, 300) : null,
    incubation: pick(INCUBATION),
    revenue_band: rand() < 0.7 ? pick(BANDS) : null,
    high_tech: rand() < 0.8 ? rand() < 0.15 : null,
    rd_ratio: rand() < 0.6 ? Math.round(rand() * 200) / 10 : null,
  }
}

type Predicate = (u: BenchUnit) => boolean
interface Case {
  rule: Rule
  baseline: Predicate
}

// Five shapes of real policies, with random parameters; each has its rule and its hand-written predicate.
function makePolicy(): Case {
  const shape = int(0, 4)
  if (shape === 0) {
    const kinds = [pick(KINDS), pick(KINDS)]
    const lo = int(1, 30)
    const hi = lo + int(10, 300)
    return {
      rule: {
        and: [
          { field: 'kind', op: 'in', value: kinds },
          { field: 'employees', op: 'between', value: [lo, hi] },
        ],
      },
      baseline: (u) =>
        (u.kind === kinds[0] || u.kind === kinds[1]) &&
        u.employees != null &&
        u.employees >= lo &&
        u.employees <= hi,
    }
  }
  if (shape === 1) {
    const industry = pick(INDUSTRIES)
    const months = int(6, 36)
    const cutoff = monthsBefore(today, months)
    return {
      rule: {
        and: [
          { field: 'industry', op: 'eq', value: industry },
          { field: 'settled_on', op: 'within_months', value: months },
          { not: { field: 'incubation', op: 'eq', value: 'incubating' } },
        ],
      },
      baseline: (u) =>
        u.industry === industry &&
        u.settled_on != null &&
        u.settled_on >= cutoff &&
        u.settled_on <= today &&
        u.incubation !== 'incubating',
    }
  }
  if (shape === 2) {
    const r = int(3, 10)
    const e = int(5, 100)
    return {
      rule: {
        or: [
          { field: 'high_tech', op: 'eq', value: true },
          {
            and: [
              { field: 'rd_ratio', op: 'gte', value: r },
              { field: 'employees', op: 'gte', value: e },
            ],
          },
        ],
      },
      baseline: (u) =>
        u.high_tech === true ||
        (u.rd_ratio != null && u.rd_ratio >= r && u.employees != null && u.employees >= e),
    }
  }
  if (shape === 3) {
    const district = pick(DISTRICTS)
    const bands = [pick(BANDS), pick(BANDS)]
    const e = int(5, 50)
    return {
      rule: {
        and: [
          { field: 'area', op: 'in', value: [district] },
          {
            or: [
              { field: 'revenue_band', op: 'in', value: bands },
              { field: 'employees', op: 'lte', value: e },
            ],
          },
        ],
      },
      baseline: (u) =>
        u.area.startsWith(`310000/${district}/`) &&
        ((u.revenue_band != null && (u.revenue_band === bands[0] || u.revenue_band === bands[1])) ||
          (u.employees != null && u.employees <= e)),
    }
  }
  const since = `${int(2012, 2025)}-0${int(1, 9)}-15`
  const street = pick(STREETS)
  return {
    rule: {
      and: [
        { field: 'settled_on', op: 'gte', value: since },
        { field: 'kind', op: 'eq', value: 'private' },
        { not: { field: 'area', op: 'in', value: [street] } },
      ],
    },
    baseline: (u) =>
      u.settled_on != null && u.settled_on >= since && u.kind === 'private' && !u.area.endsWith(`/${street}`),
  }
}

const allUnits = Array.from({ length: N_UNITS }, makeUnit)
const units = allUnits
const policies = Array.from({ length: N_POLICIES }, makePolicy)

function runEngine(units: BenchUnit[] = allUnits): { ms: number; counts: number[] } {
  const t0 = performance.now()
  const counts: number[] = []
  for (const p of policies) {
    if (validateRule(p.rule, fields, ctx).length > 0)
      throw new Error(`invalid rule ${JSON.stringify(p.rule)}`)
    const test = compile(p.rule, ctx)
    let n = 0
    for (let i = 0; i < units.length; i++) if (test(units[i]!)) n++
    counts.push(n)
  }
  return { ms: performance.now() - t0, counts }
}

function runBaseline(units: BenchUnit[] = allUnits): { ms: number; counts: number[] } {
  const t0 = performance.now()
  const counts: number[] = []
  for (const p of policies) {
    const test = p.baseline
    let n = 0
    for (let i = 0; i < units.length; i++) if (test(units[i]!)) n++
    counts.push(n)
  }
  return { ms: performance.now() - t0, counts }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
runEngine(allUnits.slice(0, N_UNITS / 10))
runBaseline(allUnits.slice(0, N_UNITS / 10))
const engine: number[] = []
const baseline: number[] = []
let counts: number[] = []
for (let r = 0; r < RUNS; r++) {
  const b = runBaseline()
  const e = runEngine()
  b.counts.forEach((c, i) => {
    if (c !== e.counts[i]) throw new Error(`policy ${i}: engine ${e.counts[i]} ≠ baseline ${c}`)
  })
  counts = e.counts
  engine.push(e.ms)
  baseline.push(b.ms)
}
const pairs = N_UNITS * N_POLICIES
const qualified = counts.reduce((a, b) => a + b, 0)

// Near-miss explanations for failing pairs (the per-unit page computes these for every policy).
const SAMPLE = 200_000
const t0 = performance.now()
let near = 0
let explained = 0
for (let k = 0; explained < SAMPLE; k++) {
  const p = policies[k % policies.length]!
  const u = units[(k * 7919) % units.length]!
  const miss = whatIsMissing(p.rule, u, ctx)
  if (miss.length === 1) near++
  explained++
}
const nearMs = performance.now() - t0

const e = median(engine)
const b = median(baseline)
console.log(
  `policy matching — ${N_UNITS.toLocaleString()} units × ${N_POLICIES} policies = ${pairs.toLocaleString()} pairs`,
)
console.log(
  `machine: ${os.cpus()[0]?.model ?? '?'} (${os.cpus().length} cores), node ${process.version}; median of ${RUNS} runs`,
)
console.log(
  `qualifying pairs: ${qualified.toLocaleString()} (${((100 * qualified) / pairs).toFixed(1)}%), identical in engine and baseline`,
)
console.log(
  `rule engine (validate + compile + evaluate): ${(e / 1000).toFixed(2)} s  (${((e * 1e6) / pairs).toFixed(1)} ns/pair)`,
)
console.log(
  `hand-written predicates (baseline):        ${(b / 1000).toFixed(2)} s  (${((b * 1e6) / pairs).toFixed(1)} ns/pair)`,
)
console.log(`ratio engine / baseline: ${(e / b).toFixed(2)}×`)
console.log(
  `near-miss explanation (whatIsMissing) on ${SAMPLE.toLocaleString()} pairs: ${(nearMs / 1000).toFixed(2)} s (${((nearMs * 1e6) / SAMPLE).toFixed(0)} ns/pair), ${near.toLocaleString()} near misses`,
)
