/**
 * Optimality: the solver against brute force over every feasible assignment on small random rounds, the flow
 * engine against a plain one-path-at-a-time successive-shortest-path (Bellman–Ford) on medium random graphs,
 * and candidate generation against scoring every pair.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildCandidates } from './candidates.ts'
import { buildContext } from './context.ts'
import { fit as fitPair } from './fit.ts'
import { maxWeightBMatching } from './flow.ts'
import { greedy } from './greedy.ts'
import { solve } from './solver.ts'
import { type MatchInput, MatchingError, type Options, type Pin, type Solution } from './types.ts'

const AREAS = [
  undefined,
  '310120003',
  '310120003201',
  '310120003202',
  '310120003001',
  '310120002',
  '310120002005',
]
const ADJACENCY = { '310120003201': ['310120003202'], '310120003': ['310120002'] }
const CATEGORIES = ['养老', '文体', '教育']

const location = fc.record(
  {
    areaCode: fc.constantFrom(...AREAS),
    lat: fc.double({ min: 30.88, max: 30.92, noNaN: true }),
    lng: fc.double({ min: 121.48, max: 121.52, noNaN: true }),
  },
  { requiredKeys: ['areaCode'] },
)

/** Up to 5 providers × 6 targets with small capacities and demands, random rules and preferences. */
const smallRound = fc
  .record({
    providers: fc.array(
      fc.record({
        capacity: fc.integer({ min: 0, max: 2 }),
        categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 3 }),
        location,
      }),
      { minLength: 1, maxLength: 5 },
    ),
    targets: fc.array(
      fc.record({
        demand: fc.integer({ min: 0, max: 2 }),
        wants: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 2 }),
        location,
      }),
      { minLength: 1, maxLength: 6 },
    ),
    prefs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.integer({ min: -25, max: 15 })), {
      maxLength: 6,
    }),
    pins: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('pin', 'forbid'), fc.boolean()), {
      maxLength: 3,
    }),
    reach: fc.constantFrom('any', 'adjacent', 'same'),
    maxDistanceKm: fc.option(fc.constantFrom(1.5, 3)),
    /** round numbers make equal-fit alternatives (and so the tie-break on pairs) common */
    roundNumbers: fc.boolean(),
  })
  .map((r): MatchInput => {
    const pid = (i: number) => `p${i % r.providers.length}`
    const tid = (i: number) => `t${i % r.targets.length}`
    const options: Options = {
      areaReach: r.reach as Options['areaReach'],
      adjacency: ADJACENCY,
      candidatesPerTarget: Number.POSITIVE_INFINITY,
      ...(r.maxDistanceKm === null ? {} : { maxDistanceKm: r.maxDistanceKm }),
      ...(r.roundNumbers
        ? {
            weights: {
              category: 10,
              preference: 5,
              sameArea: 10,
              adjacentArea: 10,
              sameStreet: 0,
              nearby: 0,
            },
          }
        : {}),
    }
    return {
      providers: r.providers.map((p, i) => ({ id: `p${i}`, ...p })),
      targets: r.targets.map((t, i) => ({ id: `t${i}`, ...t })),
      preferences: r.prefs.map(([p, t, byTarget, weight]) => ({
        providerId: pid(p),
        targetId: tid(t),
        side: byTarget ? 'target' : 'provider',
        weight: r.roundNumbers ? 2 * Math.round(weight / 10) : weight,
      })),
      pins: r.pins.map(([p, t, kind, override]) => ({
        providerId: pid(p),
        targetId: tid(t),
        kind: kind as Pin['kind'],
        override,
      })),
      options,
    }
  })

/** The best (total fit, then number of pairs) over every feasible assignment that contains the pins. */
function bruteForce(input: MatchInput): { total: number; count: number } | null {
  const pins = input.pins ?? []
  const forbidden = new Set(
    pins.filter((x) => x.kind === 'forbid').map((x) => `${x.providerId}|${x.targetId}`),
  )
  const pinned = new Set(pins.filter((x) => x.kind === 'pin').map((x) => `${x.providerId}|${x.targetId}`))
  for (const key of pinned) if (forbidden.has(key)) return null
  const cap = new Map(input.providers.map((p) => [p.id, p.capacity]))
  const dem = new Map(input.targets.map((t) => [t.id, t.demand ?? 1]))
  let base = 0
  const free: Array<{ p: string; t: string; score: number }> = []
  for (const p of input.providers)
    for (const t of input.targets) {
      const key = `${p.id}|${t.id}`
      if (forbidden.has(key)) continue
      const ownPins = pins.filter((x) => x.kind === 'pin' && `${x.providerId}|${x.targetId}` === key)
      const f = fitPair(p, t, { preferences: input.preferences, pins: ownPins, options: input.options })
      if (pinned.has(key)) {
        if (f === null) return null
        base += f.score
        cap.set(p.id, cap.get(p.id)! - 1)
        dem.set(t.id, dem.get(t.id)! - 1)
      } else if (f) free.push({ p: p.id, t: t.id, score: f.score })
    }
  if ([...cap.values(), ...dem.values()].some((n) => n < 0)) return null
  let best = { total: -1, count: -1 }
  const suffix = free.map((_, i) => free.slice(i).reduce((n, x) => n + x.score, 0))
  const walk = (i: number, total: number, count: number) => {
    if (total > best.total || (total === best.total && count > best.count)) best = { total, count }
    if (i === free.length || total + suffix[i]! < best.total) return
    const { p, t, score } = free[i]!
    if (cap.get(p)! > 0 && dem.get(t)! > 0) {
      cap.set(p, cap.get(p)! - 1)
      dem.set(t, dem.get(t)! - 1)
      walk(i + 1, total + score, count + 1)
      cap.set(p, cap.get(p)! + 1)
      dem.set(t, dem.get(t)! + 1)
    }
    walk(i + 1, total, count)
  }
  walk(0, 0, 0)
  return { total: base + best.total, count: pinned.size + best.count }
}

function checkFeasible(input: MatchInput, s: Solution) {
  const load = new Map<string, number>()
  const got = new Map<string, number>()
  const seen = new Set<string>()
  for (const pair of s.pairs) {
    const key = `${pair.providerId}|${pair.targetId}`
    expect(seen.has(key)).toBe(false)
    seen.add(key)
    load.set(pair.providerId, (load.get(pair.providerId) ?? 0) + 1)
    got.set(pair.targetId, (got.get(pair.targetId) ?? 0) + 1)
    expect(pair.reasons.length).toBeGreaterThan(0)
    expect(pair.reasons.reduce((n, r) => n + r.points, 0)).toBe(pair.score)
  }
  for (const p of input.providers) expect(load.get(p.id) ?? 0).toBeLessThanOrEqual(p.capacity)
  for (const t of input.targets) expect(got.get(t.id) ?? 0).toBeLessThanOrEqual(t.demand ?? 1)
  for (const pin of input.pins ?? [])
    expect(seen.has(`${pin.providerId}|${pin.targetId}`)).toBe(pin.kind === 'pin')
  expect(s.totalFit).toBe(s.pairs.reduce((n, x) => n + x.score, 0))
}

describe('solve against brute force (property)', () => {
  it('finds the maximum total fit (and most pairs at that fit), within capacities, pins and forbids', () => {
    let solved = 0
    fc.assert(
      fc.property(smallRound, (input) => {
        const best = bruteForce(input)
        if (best === null) {
          expect(() => solve(input)).toThrow(MatchingError)
          return
        }
        solved++
        const s = solve(input)
        checkFeasible(input, s)
        expect(s.totalFit).toBe(best.total)
        expect(s.pairs.length).toBe(best.count)
        const g = greedy(input)
        checkFeasible(input, g)
        expect(g.totalFit).toBeLessThanOrEqual(s.totalFit)
      }),
      { numRuns: 400 },
    )
    expect(solved).toBeGreaterThan(200)
  })
})

/** Textbook successive shortest paths: one Bellman–Ford path at a time, while the path costs ≤ 0. */
function reference(cap: number[], dem: number[], edges: Array<[number, number, number]>) {
  const nP = cap.length
  const s = nP + dem.length
  const z = s + 1
  const arcs: Array<{ from: number; to: number; cap: number; cost: number }> = []
  const add = (from: number, to: number, c: number, cost: number) => {
    arcs.push({ from, to, cap: c, cost }, { from: to, to: from, cap: 0, cost: -cost })
  }
  for (let p = 0; p < nP; p++) add(s, p, cap[p]!, 0)
  for (const [p, t, w] of edges) add(p, nP + t, 1, -w)
  for (let t = 0; t < dem.length; t++) add(nP + t, z, dem[t]!, 0)
  let total = 0
  let count = 0
  while (true) {
    const dist = new Array<number>(z + 1).fill(Number.POSITIVE_INFINITY)
    const via = new Array<number>(z + 1).fill(-1)
    dist[s] = 0
    for (let round = 0; round <= z; round++) {
      let changed = false
      arcs.forEach((a, i) => {
        if (a.cap > 0 && dist[a.from]! + a.cost < dist[a.to]!) {
          dist[a.to] = dist[a.from]! + a.cost
          via[a.to] = i
          changed = true
        }
      })
      if (!changed) break
    }
    if (dist[z]! > 0 || dist[z] === Number.POSITIVE_INFINITY) return { total, count }
    for (let v = z; v !== s; v = arcs[via[v]!]!.from) {
      arcs[via[v]!]!.cap--
      arcs[via[v]! ^ 1]!.cap++
    }
    total -= dist[z]!
    count++
  }
}

describe('flow engine against textbook successive shortest paths (property)', () => {
  const graph = fc
    .record({ nP: fc.integer({ min: 1, max: 25 }), nT: fc.integer({ min: 1, max: 35 }) })
    .chain(({ nP, nT }) =>
      fc.record({
        cap: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: nP, maxLength: nP }),
        dem: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: nT, maxLength: nT }),
        edges: fc.uniqueArray(
          fc.tuple(fc.nat(nP - 1), fc.nat(nT - 1), fc.constantFrom(10, 20, 30, 40, 60, 23)),
          { selector: ([p, t]) => `${p}|${t}`, maxLength: 150, size: 'max' },
        ),
      }),
    )
  it('reaches the same total fit and number of pairs', () => {
    fc.assert(
      fc.property(graph, ({ cap, dem, edges }) => {
        const r = maxWeightBMatching(
          Int32Array.from(cap),
          Int32Array.from(dem),
          Int32Array.from(edges.map((e) => e[0])),
          Int32Array.from(edges.map((e) => e[1])),
          Int32Array.from(edges.map((e) => e[2])),
        )
        const want = reference(cap, dem, edges)
        let total = 0
        const load = new Array<number>(cap.length).fill(0)
        const got = new Array<number>(dem.length).fill(0)
        edges.forEach(([p, t, w], i) => {
          if (!r.used[i]) return
          total += w
          load[p]!++
          got[t]!++
        })
        expect(total).toBe(want.total)
        expect(r.used.reduce((n, u) => n + u, 0)).toBe(want.count)
        for (let p = 0; p < cap.length; p++) expect(load[p]).toBeLessThanOrEqual(cap[p]!)
        for (let t = 0; t < dem.length; t++) expect(got[t]).toBeLessThanOrEqual(dem[t]!)
        expect(r.phases).toBeLessThanOrEqual(61) // at most max fit + 1 rounds
      }),
      { numRuns: 150 },
    )
  })
})

describe('candidate generation (property)', () => {
  it('gives exactly the allowed pairs, and per target the best k (at least its demand) of them', () => {
    fc.assert(
      fc.property(smallRound, fc.integer({ min: 1, max: 3 }), (round, k) => {
        const input = { ...round, pins: (round.pins ?? []).filter((x) => x.kind === 'forbid') }
        const ctx = buildContext(input)
        const all = buildCandidates(ctx, ctx.capacity, ctx.demand)
        const allowed: string[] = []
        ctx.targets.forEach((t, ti) => {
          if (ctx.demand[ti] === 0) return
          const scored = ctx.providers
            .map((p, pi) => ({ pi, f: ctx.capacity[pi] ? fitPair(p, t, input) : null }))
            .filter((x) => x.f !== null)
            .sort((a, b) => b.f!.score - a.f!.score || a.pi - b.pi)
          for (const x of scored) allowed.push(`${x.pi}|${ti}|${x.f!.score}`)
        })
        const edges = (c: typeof all) => Array.from(c.p, (p, e) => `${p}|${c.t[e]}|${c.w[e]}`)
        expect(edges(all)).toEqual(allowed)
        const kCtx = buildContext({ ...input, options: { ...input.options, candidatesPerTarget: k } })
        const top = buildCandidates(kCtx, kCtx.capacity, kCtx.demand)
        const perTarget = new Map<string, number>()
        const expected = allowed.filter((key) => {
          const t = key.split('|')[1]!
          perTarget.set(t, (perTarget.get(t) ?? 0) + 1)
          return perTarget.get(t)! <= Math.max(k, ctx.demand[Number(t)]!) // never fewer than the demand
        })
        expect(edges(top)).toEqual(expected)
        expect(top.pruned).toBe(allowed.length - expected.length)
      }),
      { numRuns: 300 },
    )
  })
})

describe('determinism (property)', () => {
  it('gives the same solution for the same round in any order', () => {
    fc.assert(
      fc.property(smallRound, fc.integer(), (input, seed) => {
        let first: Solution
        try {
          first = solve(input)
        } catch {
          return
        }
        const shuffle = <T>(list: readonly T[]) =>
          list
            .map((x, i) => ({ x, k: Math.imul(i + 1, 2654435761 ^ seed) >>> 0 }))
            .sort((a, b) => a.k - b.k)
            .map((y) => y.x)
        const again = solve({
          ...input,
          providers: shuffle(input.providers),
          targets: shuffle(input.targets),
          preferences: shuffle(input.preferences ?? []),
          pins: shuffle(input.pins ?? []),
        })
        expect(again).toEqual(first)
      }),
      { numRuns: 200 },
    )
  })
})

describe('determinism (regression)', () => {
  it('prints a weight of -0 like 0, so duplicate preferences in any order give the same reasons', () => {
    const base = {
      providers: [{ id: 'p0', capacity: 1, categories: ['养老'] }],
      targets: [{ id: 't0', demand: 1, wants: ['养老'] }],
    }
    const a = { providerId: 'p0', targetId: 't0', side: 'target' as const, weight: -0 }
    const b = { ...a, weight: 0 }
    const one = solve({ ...base, preferences: [a, b] })
    const other = solve({ ...base, preferences: [b, a] })
    expect(other).toEqual(one)
    expect(
      one.pairs[0]!.reasons.filter((r) => r.kind === 'preference').map((r) => Object.is(r.points, -0)),
    ).toEqual([false, false])
  })
})
