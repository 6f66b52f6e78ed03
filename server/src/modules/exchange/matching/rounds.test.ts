import { describe, expect, it } from 'vitest'
import { agreementsFrom, diffPairs, pinsFor } from './rounds.ts'
import { solve } from './solver.ts'
import type { MatchInput, Pair } from './types.ts'

const pair = (providerId: string, targetId: string, score = 20): Pair => ({
  providerId,
  targetId,
  score,
  reasons: [{ kind: 'category', text_zh: '同类服务：养老', text_en: 'Shared services: 养老', points: score }],
  pinned: false,
})

describe('agreementsFrom', () => {
  it('dates the follow-ups from the confirmation day, across month and year ends', () => {
    const [a] = agreementsFrom([pair('A', 'X')], '2026-12-15')
    expect(a).toMatchObject({ providerId: 'A', targetId: 'X', score: 20, confirmedOn: '2026-12-15' })
    expect(a!.followUps).toEqual(['2027-01-14', '2027-03-15', '2027-06-13'])
    expect(agreementsFrom([pair('A', 'X')], '2028-02-28', [1, 7, 1])[0]!.followUps).toEqual([
      '2028-02-29',
      '2028-03-06',
    ])
  })

  it('rejects a bad date or a bad number of days', () => {
    expect(() => agreementsFrom([], '2026-13-01')).toThrow(RangeError)
    expect(() => agreementsFrom([], '15/12/2026')).toThrow(RangeError)
    expect(() => agreementsFrom([], '2026-12-15', [0])).toThrow(RangeError)
  })
})

describe('re-solving a round', () => {
  it('keeps confirmed pairs with pinsFor and reports what changed with diffPairs', () => {
    const round: MatchInput = {
      providers: [
        { id: 'A', capacity: 1, categories: ['养老', '文体'] },
        { id: 'B', capacity: 1, categories: ['养老'] },
      ],
      targets: [
        { id: 'X', wants: ['养老', '文体'] },
        { id: 'Y', wants: ['文体'] },
      ],
    }
    const first = solve(round) // A–X 40 ties A–Y 20 + B–X 20: two pairs
    expect(first.pairs.map((p) => `${p.providerId}-${p.targetId}`)).toEqual(['B-X', 'A-Y'])
    // Staff confirm B–X, and A–Y is forbidden after a call: A goes nowhere, B–X stays.
    const second = solve({
      ...round,
      pins: [...pinsFor([first.pairs[0]!]), { providerId: 'A', targetId: 'Y', kind: 'forbid' }],
    })
    const diff = diffPairs(first.pairs, second.pairs)
    expect(diff.kept.map((p) => [p.providerId, p.targetId, p.pinned])).toEqual([['B', 'X', true]])
    expect(diff.removed.map((p) => [p.providerId, p.targetId])).toEqual([['A', 'Y']])
    expect(diff.added).toEqual([])
  })
})
