import { describe, expect, it } from 'vitest'
import { reasonLine } from './fit.ts'
import { greedy } from './greedy.ts'
import { solve } from './solver.ts'
import { type MatchInput, MatchingError, type Pin, type Solution } from './types.ts'

const pairsOf = (s: Solution) => s.pairs.map((p) => `${p.providerId}-${p.targetId}`)
const fails = (input: MatchInput): MatchingError => {
  try {
    solve(input)
  } catch (error) {
    if (error instanceof MatchingError) return error
    throw error
  }
  throw new Error('expected a MatchingError')
}

/** A–X 40, A–Y 20, B–X 20 + the community's first choice 15 = 35; B–Y not allowed. */
const blocking: MatchInput = {
  providers: [
    { id: 'A', capacity: 1, categories: ['养老', '文体'] },
    { id: 'B', capacity: 1, categories: ['养老'] },
  ],
  targets: [
    { id: 'X', wants: ['养老', '文体'] },
    { id: 'Y', wants: ['文体'] },
  ],
  preferences: [{ providerId: 'B', targetId: 'X', side: 'target', weight: 15, rank: 1 }],
}

/** Capacities and demands above 1: the optimum 140 (an upper bound per target) needs A at X and Z. */
const capacities: MatchInput = {
  providers: [
    { id: 'A', capacity: 2, categories: ['养老', '文体', '教育'] },
    { id: 'B', capacity: 1, categories: ['养老'] },
    { id: 'C', capacity: 1, categories: ['文体'] },
  ],
  targets: [
    { id: 'X', demand: 2, wants: ['养老', '文体', '教育'] },
    { id: 'Y', wants: ['养老'] },
    { id: 'Z', wants: ['文体', '教育'] },
  ],
}

describe('solve: hand-made cases with a known optimum', () => {
  it('beats greedy when the best pair blocks two good ones', () => {
    const best = solve(blocking)
    expect(pairsOf(best)).toEqual(['B-X', 'A-Y'])
    expect(best.totalFit).toBe(55)
    expect(best.pairs.map((p) => p.reasons.map((r) => reasonLine(r, 'zh')))).toEqual([
      ['同类服务：养老 +20', '社区首选 +15'],
      ['同类服务：文体 +20'],
    ])
    const base = greedy(blocking)
    expect(pairsOf(base)).toEqual(['A-X'])
    expect(base.totalFit).toBe(40)
    expect(base.unassignedTargets).toEqual([{ targetId: 'Y', demand: 1, assigned: 0 }])
  })

  it('uses capacities and demands above 1', () => {
    const best = solve(capacities)
    expect(best.totalFit).toBe(140)
    expect(pairsOf(best)).toEqual(['A-X', 'C-X', 'B-Y', 'A-Z'])
    expect(best.unassignedTargets).toEqual([])
    expect(best.providerLoad).toEqual([
      { providerId: 'A', load: 2, capacity: 2 },
      { providerId: 'B', load: 1, capacity: 1 },
      { providerId: 'C', load: 1, capacity: 1 },
    ])
    // Greedy takes A–X 60, A–Z 40, then B–X 20 (ids first) and leaves Y empty.
    const base = greedy(capacities)
    expect(base.totalFit).toBe(120)
    expect(base.unassignedTargets.map((t) => t.targetId)).toEqual(['Y'])
  })

  it('maximises the total fit, not the number of pairs', () => {
    // A–X 100 alone beats A–Y 20 + B–X 20.
    const input: MatchInput = {
      providers: [
        { id: 'A', capacity: 1, categories: ['养老', '文体', '教育'] },
        { id: 'B', capacity: 1, categories: ['文体'] },
      ],
      targets: [
        { id: 'X', wants: ['养老', '文体', '教育'] },
        { id: 'Y', wants: ['养老'] },
      ],
      preferences: [{ providerId: 'A', targetId: 'X', side: 'provider', weight: 40 }],
    }
    const best = solve(input)
    expect(pairsOf(best)).toEqual(['A-X'])
    expect(best.totalFit).toBe(100)
  })

  it('prefers more pairs when the total fit is equal', () => {
    // {A–X} = 40 and {A–Y, B–X} = 20 + 20: same fit, two pairs win.
    const input: MatchInput = {
      providers: [
        { id: 'A', capacity: 1, categories: ['养老', '文体'] },
        { id: 'B', capacity: 1, categories: ['文体'] },
      ],
      targets: [
        { id: 'X', wants: ['养老', '文体'] },
        { id: 'Y', wants: ['养老'] },
      ],
    }
    const best = solve(input)
    expect(best.totalFit).toBe(40)
    expect(pairsOf(best)).toEqual(['B-X', 'A-Y'])
  })

  it('handles empty rounds, zero capacity and zero demand', () => {
    expect(solve({ providers: [], targets: [] })).toMatchObject({
      pairs: [],
      totalFit: 0,
      unassignedTargets: [],
    })
    const input: MatchInput = {
      providers: [
        { id: 'A', capacity: 0, categories: ['养老'] },
        { id: 'B', capacity: 3, categories: ['养老'] },
      ],
      targets: [
        { id: 'X', demand: 0, wants: ['养老'] },
        { id: 'Y', demand: 2, wants: ['养老'] },
      ],
    }
    const best = solve(input)
    expect(pairsOf(best)).toEqual(['B-Y'])
    expect(best.unassignedTargets).toEqual([{ targetId: 'Y', demand: 2, assigned: 1 }])
  })

  it('prunes to the best k candidates per target (at least its demand) and says how many it dropped', () => {
    // k = 1: X (demand 2) keeps A and B, Y keeps A, Z keeps A; the optimum over those edges is 120.
    const best = solve({ ...capacities, options: { candidatesPerTarget: 1 } })
    expect(best.stats).toMatchObject({ candidateEdges: 4, prunedEdges: 3 })
    expect(pairsOf(best)).toEqual(['A-X', 'B-X', 'A-Z'])
    expect(best.totalFit).toBe(120)
  })
})

describe('solve: staff pins and forbids', () => {
  const pin = (providerId: string, targetId: string, extra: Partial<Pin> = {}): Pin => ({
    providerId,
    targetId,
    kind: 'pin',
    ...extra,
  })

  it('forces pinned pairs in and solves the rest optimally', () => {
    const best = solve({ ...blocking, pins: [pin('A', 'X')] })
    expect(pairsOf(best)).toEqual(['A-X'])
    expect(best.pairs[0]).toMatchObject({ pinned: true, score: 40 })
    expect(best.pairs[0]!.reasons.at(-1)).toMatchObject({
      kind: 'pinned',
      text_zh: '工作人员指定',
      points: 0,
    })
    const rest = solve({ ...capacities, pins: [pin('B', 'X')] })
    // A–X 60 + A–Z 40 ties A–X 60 + A–Y 20 + C–Z 20 at 100: the one with more pairs is returned.
    expect(pairsOf(rest)).toEqual(['A-X', 'B-X', 'A-Y', 'C-Z'])
    expect(rest.totalFit).toBe(120)
  })

  it('keeps forbidden pairs out', () => {
    const best = solve({ ...blocking, pins: [{ providerId: 'A', targetId: 'Y', kind: 'forbid' }] })
    expect(pairsOf(best)).toEqual(['A-X'])
  })

  it('rejects pins that cannot hold, with a clear error', () => {
    expect(fails({ ...blocking, pins: [pin('A', 'X'), pin('A', 'Y')] })).toMatchObject({
      code: 'pin_over_capacity',
      text_zh: '服务方 A 被指定了 2 个对象，超过其容量 1',
      details: { providerId: 'A', pins: 2, capacity: 1 },
    })
    expect(fails({ ...blocking, pins: [pin('A', 'X'), pin('B', 'X')] })).toMatchObject({
      code: 'pin_over_demand',
      text_en: 'Target X is pinned to 2 providers, more than its demand 1',
    })
    const notAllowed = fails({ ...blocking, pins: [pin('B', 'Y')] })
    expect(notAllowed.code).toBe('pin_not_allowed')
    expect(notAllowed.message).toBe(
      'pin_not_allowed: Cannot pin B to Y: they share no service category (set override to pin it anyway)',
    )
    expect(
      fails({ ...blocking, pins: [pin('A', 'X'), { providerId: 'A', targetId: 'X', kind: 'forbid' }] }).code,
    ).toBe('pin_forbidden')
    expect(fails({ ...blocking, pins: [pin('Q', 'X')] }).code).toBe('unknown_provider')
    expect(
      fails({ ...blocking, preferences: [{ providerId: 'A', targetId: 'W', side: 'target', weight: 1 }] })
        .code,
    ).toBe('unknown_target')
  })

  it('takes an overriding pin outside the rules', () => {
    const best = solve({ ...blocking, pins: [pin('B', 'Y', { override: true })] })
    expect(pairsOf(best)).toEqual(['A-X', 'B-Y'])
    expect(best.totalFit).toBe(40)
    expect(best.pairs[1]).toMatchObject({ score: 0, pinned: true })
  })

  it('rejects bad numbers and duplicate ids', () => {
    const bad = (input: Partial<MatchInput>) => fails({ ...blocking, ...input }).code
    expect(bad({ providers: [{ id: 'A', capacity: -1, categories: [] }] })).toBe('invalid_number')
    expect(bad({ providers: [{ id: 'A', capacity: 1.5, categories: [] }] })).toBe('invalid_number')
    expect(bad({ targets: [{ id: 'X', demand: Number.NaN, wants: [] }] })).toBe('invalid_number')
    expect(bad({ options: { candidatesPerTarget: 0 } })).toBe('invalid_number')
    expect(bad({ options: { maxDistanceKm: -2 } })).toBe('invalid_number')
    expect(bad({ options: { weights: { category: Number.POSITIVE_INFINITY } } })).toBe('invalid_number')
    expect(bad({ providers: [...blocking.providers, { id: 'A', capacity: 1, categories: [] }] })).toBe(
      'duplicate_id',
    )
  })
})

describe('solve: determinism', () => {
  it('gives the same output for the same input in any order', () => {
    const a = solve(capacities)
    const b = solve({
      ...capacities,
      providers: [...capacities.providers].reverse(),
      targets: [...capacities.targets].reverse(),
    })
    expect(b).toEqual(a)
    expect(solve(capacities)).toEqual(a)
  })
})
