import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fit as fitPair, haversineKm, rankedPreferences, reasonLine } from './fit.ts'
import type { Options, Preference, Provider, Target } from './types.ts'

const STREET = '310120003'
const VILLAGE1 = '310120003201'
const VILLAGE2 = '310120003202'
const COMMUNITY1 = '310120003001'
const OTHER_STREET = '310120002'
const OTHER_STREET_COMMUNITY = '310120002005'
const OTHER_DISTRICT = '310115004'

const provider = (categories: string[], extra: Partial<Provider> = {}): Provider => ({
  id: 'P',
  capacity: 1,
  categories,
  ...extra,
})
const target = (wants: Target['wants'], extra: Partial<Target> = {}): Target => ({ id: 'T', wants, ...extra })
const lines = (f: ReturnType<typeof fitPair>, lang: 'zh' | 'en' = 'zh') =>
  f?.reasons.map((r) => reasonLine(r, lang))

describe('fit: categories', () => {
  it('scores 20 per shared category and names them in the order the target wants them', () => {
    const f = fitPair(provider(['养老', '文体', '法律']), target(['文体', '养老', '儿童']))
    expect(f).toEqual({
      score: 40,
      reasons: [
        {
          kind: 'category',
          text_zh: '同类服务：文体、养老',
          text_en: 'Shared services: 文体, 养老',
          points: 40,
        },
      ],
    })
  })

  it('uses category names and want weights when given', () => {
    const options: Options = { categoryNames: { elderly: { zh: '养老', en: 'elderly care' } } }
    const f = fitPair(provider(['elderly']), target([{ category: 'elderly', weight: 1.5 }]), { options })
    expect(lines(f, 'en')).toEqual(['Shared services: elderly care +30'])
    expect(lines(f)).toEqual(['同类服务：养老 +30'])
  })

  it('does not allow a pair with no shared category, or a forbidden one', () => {
    expect(fitPair(provider(['法律']), target(['养老']))).toBeNull()
    const pins = [{ providerId: 'P', targetId: 'T', kind: 'forbid' as const }]
    expect(fitPair(provider(['养老']), target(['养老']), { pins })).toBeNull()
  })
})

describe('fit: distance', () => {
  const adjacency = { [VILLAGE1]: [VILLAGE2], [STREET]: [OTHER_STREET] }
  const at = (p: string, t: string, options: Options = {}) =>
    fitPair(
      provider(['养老'], { location: { areaCode: p } }),
      target(['养老'], { location: { areaCode: t } }),
      {
        options: { adjacency, ...options },
      },
    )

  it('names the relation of the two areas', () => {
    expect(lines(at(VILLAGE1, VILLAGE1))).toEqual(['同类服务：养老 +20', '同村居 +10'])
    expect(lines(at(STREET, VILLAGE1))).toEqual(['同类服务：养老 +20', '同街道 +10'])
    expect(lines(at(VILLAGE2, VILLAGE1))).toEqual(['同类服务：养老 +20', '相邻村居 +5'])
    expect(lines(at(VILLAGE1, VILLAGE2), 'en')).toEqual([
      'Shared services: 养老 +20',
      'Neighbouring community +5',
    ])
    expect(lines(at(OTHER_STREET_COMMUNITY, VILLAGE1))).toEqual(['同类服务：养老 +20', '相邻街道 +5'])
    expect(lines(at(COMMUNITY1, VILLAGE1))).toEqual(['同类服务：养老 +20', '同街道不同村居 +3'])
    expect(lines(at(OTHER_DISTRICT, VILLAGE1))).toEqual(['同类服务：养老 +20'])
  })

  it('keeps pairs out of reach by area when asked', () => {
    expect(at(VILLAGE2, VILLAGE1, { areaReach: 'same' })).toBeNull()
    expect(at(STREET, VILLAGE1, { areaReach: 'same' })?.score).toBe(30)
    expect(at(COMMUNITY1, VILLAGE1, { areaReach: 'adjacent' })?.score).toBe(23)
    expect(at(OTHER_DISTRICT, VILLAGE1, { areaReach: 'adjacent' })).toBeNull()
    // Without an area code on one side the area rule does not apply.
    const noArea = fitPair(provider(['养老']), target(['养老'], { location: { areaCode: VILLAGE1 } }), {
      options: { areaReach: 'same' },
    })
    expect(noArea?.score).toBe(20)
  })

  it('uses coordinates: points fall with distance, pairs beyond the maximum are out', () => {
    const here = { lat: 30.85, lng: 121.5 }
    const km = (d: number) => ({ lat: here.lat + d / 111.195, lng: here.lng })
    const pair = (d: number, options: Options = {}) =>
      fitPair(provider(['养老'], { location: km(d) }), target(['养老'], { location: here }), { options })
    expect(haversineKm([30, 121], [31, 121])).toBeCloseTo(111.195, 2)
    expect(lines(pair(1, { maxDistanceKm: 5 }))).toEqual(['同类服务：养老 +20', '相距1.0公里 +8'])
    expect(pair(6, { maxDistanceKm: 5 })).toBeNull()
    expect(lines(pair(12))).toEqual(['同类服务：养老 +20'])
  })
})

describe('fit: preferences and pins', () => {
  const both = (prefs: Preference[], t: Partial<Target> = {}, pins = []) =>
    fitPair(provider(['养老']), target(['养老'], t), { preferences: prefs, pins })

  it('words ranked and plain preferences for each side', () => {
    const prefs = [
      ...rankedPreferences('target', 'T', ['P', 'Q']),
      ...rankedPreferences('provider', 'P', ['S', 'T']),
      { providerId: 'Q', targetId: 'T', side: 'target' as const, weight: 99 },
    ]
    expect(lines(both(prefs))).toEqual(['同类服务：养老 +20', '社区首选 +15', '组织第2志愿 +10'])
    expect(
      lines(both([{ providerId: 'P', targetId: 'T', side: 'target', weight: 4 }], { kind: 'need' })),
    ).toEqual(['同类服务：养老 +20', '需求方意向 +4'])
    expect(lines(both([{ providerId: 'P', targetId: 'T', side: 'provider', weight: -5 }]), 'en')).toEqual([
      'Shared services: 养老 +20',
      'Provider would rather not -5',
    ])
  })

  it('drops a pair whose fit falls below 1 unless it is pinned', () => {
    const dislike: Preference[] = [{ providerId: 'P', targetId: 'T', side: 'target', weight: -20 }]
    expect(both(dislike)).toBeNull()
    const pinned = fitPair(provider(['养老']), target(['养老']), {
      preferences: dislike,
      pins: [{ providerId: 'P', targetId: 'T', kind: 'pin' }],
    })
    expect(pinned?.score).toBe(0)
    expect(pinned?.reasons.map((r) => r.kind)).toEqual(['category', 'preference', 'pinned'])
  })

  it('lets a pin override the rules only when it says so', () => {
    const pin = { providerId: 'P', targetId: 'T', kind: 'pin' as const }
    expect(fitPair(provider(['法律']), target(['养老']), { pins: [pin] })).toBeNull()
    const forced = fitPair(provider(['法律']), target(['养老']), { pins: [{ ...pin, override: true }] })
    expect(lines(forced)).toEqual(['工作人员指定（规则之外） +0'])
  })
})

describe('fit: score is the sum of the reasons (property)', () => {
  const code = fc.constantFrom(undefined, STREET, VILLAGE1, VILLAGE2, COMMUNITY1, OTHER_STREET_COMMUNITY)
  const cats = fc.uniqueArray(fc.constantFrom('养老', '文体', '教育', '环保'), { minLength: 1, maxLength: 3 })
  it('holds for random pairs, options and preferences', () => {
    fc.assert(
      fc.property(
        cats,
        fc.array(
          fc.record({
            category: fc.constantFrom('养老', '文体', '教育'),
            weight: fc.double({ min: 0, max: 3, noNaN: true }),
          }),
          { maxLength: 3 },
        ),
        code,
        code,
        fc.option(
          fc.tuple(
            fc.double({ min: -0.1, max: 0.1, noNaN: true }),
            fc.double({ min: -0.1, max: 0.1, noNaN: true }),
          ),
        ),
        fc.array(fc.integer({ min: -30, max: 30 }), { maxLength: 3 }),
        fc.record({
          category: fc.integer({ min: 0, max: 40 }),
          sameArea: fc.double({ min: 0, max: 20, noNaN: true }),
        }),
        (have, wants, pa, ta, offset, prefWeights, weights) => {
          const options: Options = { adjacency: { [VILLAGE1]: [VILLAGE2] }, weights, maxDistanceKm: 8 }
          const p = provider(have, {
            location: { areaCode: pa, ...(offset ? { lat: 30.9 + offset[0], lng: 121.5 + offset[1] } : {}) },
          })
          const t = target(wants, { location: { areaCode: ta, lat: 30.9, lng: 121.5 } })
          const preferences = prefWeights.map((weight, i) => ({
            providerId: 'P',
            targetId: 'T',
            side: i % 2 ? ('provider' as const) : ('target' as const),
            weight,
          }))
          const f = fitPair(p, t, { preferences, options })
          if (f === null) return
          expect(Number.isInteger(f.score)).toBe(true)
          expect(f.score).toBeGreaterThanOrEqual(1)
          expect(f.reasons.reduce((n, r) => n + r.points, 0)).toBe(f.score)
          expect(f.reasons.every((r) => r.text_zh && r.text_en && Number.isInteger(r.points))).toBe(true)
        },
      ),
    )
  })
})
