/**
 * Matchmaking rounds (相亲会): the exact solver against the greedy baseline (best pair first), on two seeded
 * instances — the seed's 金海街道 round (38 social organisations × its 9 villages and 9 residential
 * communities) and a city-scale round (5,000 providers over 230 streets × 20,000 single needs).
 *   node --import tsx bench/matching.ts
 * BENCH_SEED (default 1); BENCH_RUNS_SMALL (default 21, after 10 warm-ups) and BENCH_RUNS_LARGE (default 3,
 * after 1 warm-up) timed runs; BENCH_CASES picks cases (default small,large,full: full is the city round
 * without the per-target candidate cap, one run).
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { JINHAI, JINHAI_COMMUNITIES, JINHAI_VILLAGES } from '../db/demo/fengxian.ts'
import { maxWeightBMatching } from '../server/src/modules/exchange/matching/flow.ts'
import {
  greedy,
  type MatchInput,
  type Preference,
  type Provider,
  rankedPreferences,
  type Solution,
  solve,
  type Target,
} from '../server/src/modules/exchange/matching/index.ts'
import { prepare } from '../server/src/modules/exchange/matching/prepare.ts'

const seed = Number(process.env.BENCH_SEED ?? 1)
const runsSmall = Number(process.env.BENCH_RUNS_SMALL ?? 21)
const runsLarge = Number(process.env.BENCH_RUNS_LARGE ?? 3)

const CATEGORIES = ['养老', '文体', '教育', '环保', '医疗健康', '法律', '志愿服务', '儿童']

/** mulberry32: small, fast, seeded. */
function rng(seedValue: number, stream: number) {
  let a = (seedValue * 0x9e3779b1 + stream * 0x85ebca6b) >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy.slice(0, n)
  }
  return { next, int, pick, sample }
}

/**
 * 金海街道: 38 organisations with 1–3 categories and capacity 1 (one in five: 2) — the seed paired each
 * organisation with a village or community, so capacity is tight; two thirds serve the whole street and
 * one third based in a village or community; 18 targets wanting 2–3 categories, 2 organisations each, laid
 * out on a 6 × 3 grid whose neighbours are adjacent; 12 communities rank 3 organisations, 15 organisations
 * rank 2 communities.
 */
function seedRound(): MatchInput {
  const r = rng(seed, 1)
  const areas = [...JINHAI_VILLAGES, ...JINHAI_COMMUNITIES]
  const adjacency: Record<string, string[]> = {}
  areas.forEach((code, i) => {
    const [row, col] = [Math.floor(i / 6), i % 6]
    adjacency[code] = areas.filter(
      (_, j) => Math.abs(Math.floor(j / 6) - row) + Math.abs((j % 6) - col) === 1,
    )
  })
  const providers: Provider[] = Array.from({ length: 38 }, (_, i) => ({
    id: `org${String(i + 1).padStart(2, '0')}`,
    capacity: r.next() < 0.8 ? 1 : 2,
    categories: r.sample(CATEGORIES, r.int(1, 3)),
    location: { areaCode: r.next() < 2 / 3 ? JINHAI : r.pick(areas) },
  }))
  const targets: Target[] = areas.map((code, i) => ({
    id: i < 9 ? `village${i + 1}` : `community${i - 8}`,
    demand: 2,
    wants: r.sample(CATEGORIES, r.int(2, 3)),
    location: { areaCode: code },
  }))
  const preferences: Preference[] = []
  for (const t of r.sample(targets, 12)) {
    const offering = providers.filter((p) => p.categories.some((c) => t.wants.includes(c)))
    preferences.push(
      ...rankedPreferences(
        'target',
        t.id,
        r.sample(offering, 3).map((p) => p.id),
      ),
    )
  }
  for (const p of r.sample(providers, 15)) {
    const wanting = targets.filter((t) => t.wants.some((c) => p.categories.includes(c as string)))
    preferences.push(
      ...rankedPreferences(
        'provider',
        p.id,
        r.sample(wanting, 2).map((t) => t.id),
      ),
    )
  }
  return { providers, targets, preferences, options: { adjacency } }
}

const DISTRICTS = [
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310113',
  '310114',
  '310115',
  '310116',
  '310117',
  '310118',
  '310120',
  '310151',
]

/**
 * City scale: 230 streets in 16 districts (a ring per district, each street adjacent to the two on either
 * side); 5,000 providers (capacity 1–8, 1–3 categories, 70 % street-wide, 30 % in one of the street's 20
 * communities); 20,000 needs at a community, one category each (养老 twice as common as the others),
 * demand 1; 10 % of needs name a first choice among the providers of their street. Reach: same street or
 * an adjacent one.
 */
function cityRound(): MatchInput {
  const r = rng(seed, 2)
  const streets: string[] = []
  const adjacency: Record<string, string[]> = {}
  DISTRICTS.forEach((district, d) => {
    const count = 14 + (d % 3 === 0 ? 2 : 0) - (d % 5 === 0 ? 1 : 0)
    const ring = Array.from({ length: count }, (_, i) => `${district}${String(i + 1).padStart(3, '0')}`)
    ring.forEach((code, i) => {
      adjacency[code] = [1, 2].map((k) => ring[(i + k) % count]!)
    })
    streets.push(...ring)
  })
  const community = (street: string) => `${street}${String(r.int(1, 20)).padStart(3, '0')}`
  const providers: Provider[] = Array.from({ length: 5000 }, (_, i) => {
    const street = r.pick(streets)
    return {
      id: `p${String(i).padStart(5, '0')}`,
      capacity: r.int(1, 8),
      categories: r.sample(CATEGORIES, r.int(1, 3)),
      location: { areaCode: r.next() < 0.7 ? street : community(street) },
    }
  })
  const byStreet = new Map<string, Provider[]>()
  for (const p of providers) {
    const street = p.location!.areaCode!.slice(0, 9)
    byStreet.set(street, [...(byStreet.get(street) ?? []), p])
  }
  const skewed = [CATEGORIES[0]!, ...CATEGORIES]
  const preferences: Preference[] = []
  const targets: Target[] = Array.from({ length: 20000 }, (_, i) => {
    const street = r.pick(streets)
    const want = r.pick(skewed)
    const id = `n${String(i).padStart(5, '0')}`
    if (r.next() < 0.1) {
      const offering = (byStreet.get(street) ?? []).filter((p) => p.categories.includes(want))
      if (offering.length > 0) preferences.push(...rankedPreferences('target', id, [r.pick(offering).id]))
    }
    return { id, demand: 1, wants: [want], location: { areaCode: community(street) }, kind: 'need' }
  })
  return { providers, targets, preferences, options: { adjacency, areaReach: 'adjacent' } }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`
const fmt = (n: number) => n.toLocaleString('en-US')

function time<T>(runs: number, warmups: number, f: () => T): { ms: number; all: number[]; result: T } {
  for (let i = 0; i < warmups; i++) f()
  const all: number[] = []
  let result: T | undefined
  for (let i = 0; i < Math.max(1, runs); i++) {
    const t0 = performance.now()
    result = f()
    all.push(performance.now() - t0)
  }
  return { ms: median(all), all, result: result as T }
}

interface Row {
  label: string
  solver: Solution
  greedy: Solution
  solveMs: number[]
  greedyMs: number[]
  candidatesMs: number
  flowMs: number
  demand: number
  peakRss: number
}

function measure(label: string, input: MatchInput, runs: number, warmups: number): Row {
  const solved = time(runs, warmups, () => solve(input))
  const base = time(runs, warmups, () => greedy(input))
  // The two halves of a solve: checking + candidate generation, then the flow.
  const t0 = performance.now()
  const prep = prepare(input)
  const t1 = performance.now()
  maxWeightBMatching(prep.capLeft, prep.demLeft, prep.candidates.p, prep.candidates.t, prep.candidates.w)
  const t2 = performance.now()
  return {
    label,
    solver: solved.result,
    greedy: base.result,
    solveMs: solved.all,
    greedyMs: base.all,
    candidatesMs: t1 - t0,
    flowMs: t2 - t1,
    demand: input.targets.reduce((n, t) => n + (t.demand ?? 1), 0),
    peakRss: process.resourceUsage().maxRSS * 1024,
  }
}

function report(row: Row) {
  const s = row.solver
  const g = row.greedy
  const gain = s.totalFit - g.totalFit
  const ms = (xs: number[]) => `${median(xs).toFixed(xs.length > 1 && median(xs) < 100 ? 2 : 0)} ms`
  console.log(`\n## ${row.label}`)
  console.log(`| measure | solver | greedy |`)
  console.log(`| --- | ---: | ---: |`)
  console.log(`| total fit | ${fmt(s.totalFit)} | ${fmt(g.totalFit)} |`)
  console.log(`| solver better by | ${fmt(gain)} (${((100 * gain) / g.totalFit).toFixed(2)} %) | — |`)
  console.log(
    `| pairs made (of ${fmt(row.demand)} wanted) | ${fmt(s.pairs.length)} | ${fmt(g.pairs.length)} |`,
  )
  console.log(`| targets short | ${fmt(s.unassignedTargets.length)} | ${fmt(g.unassignedTargets.length)} |`)
  console.log(`| time, median of ${row.solveMs.length} | ${ms(row.solveMs)} | ${ms(row.greedyMs)} |`)
  console.log(
    `| candidate edges (pruned by top-k) | ${fmt(s.stats.candidateEdges)} (${fmt(s.stats.prunedEdges)}) | same |`,
  )
  console.log(`| flow rounds / augmenting paths | ${s.stats.phases} / ${fmt(s.stats.augmentations)} | — |`)
  console.log(
    `| one solve split: candidates / flow | ${row.candidatesMs.toFixed(1)} ms / ${row.flowMs.toFixed(1)} ms | — |`,
  )
  console.log(`| peak RSS of the process so far | ${mb(row.peakRss)} | |`)
  console.log(`runs (ms): solver ${row.solveMs.map((x) => x.toFixed(1)).join(', ')}`)
}

console.log(
  `# matching bench — seed ${seed}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}`,
)
const cases = new Set((process.env.BENCH_CASES ?? 'small,large,full').split(','))

if (cases.has('small')) {
  const small = seedRound()
  report(
    measure(
      '金海街道 round: 38 organisations × 18 villages/communities (demand 2 each)',
      small,
      runsSmall,
      10,
    ),
  )
  const all = { ...small, options: { ...small.options, candidatesPerTarget: Number.POSITIVE_INFINITY } }
  const exact = solve(all)
  console.log(
    `all allowed pairs (no top-k): solver total fit ${fmt(exact.totalFit)}, greedy ${fmt(greedy(all).totalFit)}`,
  )
  console.log('\nexample pairs:')
  for (const pair of exact.pairs.slice(0, 4))
    console.log(
      `  ${pair.targetId} ← ${pair.providerId} (${pair.score}): ${pair.reasons.map((x) => `${x.text_zh} +${x.points}`).join('；')}`,
    )
}

if (cases.has('large') || cases.has('full')) {
  const t0 = performance.now()
  const large = cityRound()
  console.log(`\n(generated the city round in ${(performance.now() - t0).toFixed(0)} ms)`)
  if (cases.has('large'))
    report(
      measure(
        'City round: 5,000 providers × 20,000 needs (demand 1 each), top-30 candidates',
        large,
        runsLarge,
        1,
      ),
    )
  if (cases.has('full')) {
    const full = { ...large, options: { ...large.options, candidatesPerTarget: Number.POSITIVE_INFINITY } }
    report(measure('City round without the top-k cap (all allowed pairs in reach)', full, 1, 0))
  }
}
