import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compile, evalLeaf, evaluate, monthsBefore, whatIsMissing } from './evaluate.ts'
import { describeFlip, describe as explain } from './explain.ts'
import { BUILTIN_FIELDS, type Facts, type FieldDef, type Leaf, type Rule } from './types.ts'
import { validateRule } from './validate.ts'

const FIELDS = new Map<string, FieldDef>(
  [
    ...BUILTIN_FIELDS,
    {
      key: 'revenue_band',
      type: 'enum',
      label: { 'zh-CN': '营收规模', 'en-US': 'revenue band' },
      options: ['lt_5m', '5m_20m', '20m_100m', 'gte_100m'].map((v) => ({
        value: v,
        label: { 'zh-CN': v, 'en-US': v },
      })),
      custom: true,
    } satisfies FieldDef,
    {
      key: 'high_tech',
      type: 'boolean',
      label: { 'zh-CN': '高新技术企业', 'en-US': 'high-tech firm' },
      custom: true,
    } satisfies FieldDef,
  ].map((f) => [f.key, f]),
)
const ctx = { today: '2026-06-15' }
const unit: Facts = {
  industry: '软件和信息技术服务业',
  kind: 'private',
  employees: 8,
  settled_on: '2026-01-10',
  area: '310000/310120/310120002',
  park: 3,
  incubation: 'incubating',
  revenue_band: '5m_20m',
  high_tech: true,
}
const leaf = (field: string, op: Leaf['op'], value?: Leaf['value']): Leaf => ({ field, op, value })

describe('each operator', () => {
  const cases: [Leaf, boolean][] = [
    [leaf('kind', 'eq', 'private'), true],
    [leaf('kind', 'eq', 'state'), false],
    [leaf('kind', 'ne', 'state'), true],
    [leaf('kind', 'in', ['state', 'private']), true],
    [leaf('kind', 'not_in', ['state', 'private']), false],
    [leaf('employees', 'gte', 8), true],
    [leaf('employees', 'gte', 9), false],
    [leaf('employees', 'lte', 8), true],
    [leaf('employees', 'lte', 7), false],
    [leaf('employees', 'between', [5, 8]), true],
    [leaf('employees', 'between', [9, 20]), false],
    [leaf('settled_on', 'gte', '2026-01-10'), true],
    [leaf('settled_on', 'lte', '2026-01-09'), false],
    [leaf('settled_on', 'between', ['2025-01-01', '2026-01-10']), true],
    [leaf('settled_on', 'within_months', 6), true], // cutoff 2025-12-15
    [leaf('settled_on', 'within_months', 5), false], // cutoff 2026-01-15
    [leaf('area', 'in', ['310120']), true], // the district contains the street
    [leaf('area', 'in', ['310104']), false],
    [leaf('area', 'in', ['310120001']), false], // a sibling street
    [leaf('area', 'not_in', ['310120002']), false],
    [leaf('park', 'eq', 3), true],
    [leaf('park', 'in', [1, 2]), false],
    [leaf('incubation', 'eq', 'incubating'), true],
    [leaf('high_tech', 'eq', true), true],
    [leaf('revenue_band', 'in', ['20m_100m', 'gte_100m']), false],
    [leaf('industry', 'is_set'), true],
    [leaf('industry', 'is_set', false), false],
  ]
  it.each(cases)('%j → %s', (l, expected) => {
    expect(validateRule(l, FIELDS, ctx)).toEqual([])
    expect(evalLeaf(l, unit, ctx)).toBe(expected)
    expect(compile(l, ctx)(unit)).toBe(expected)
  })

  it('a field the unit has no value for fails every condition except is_set false', () => {
    const empty: Facts = {}
    for (const [l] of cases) {
      const expected = l.op === 'is_set' && l.value === false
      expect(evalLeaf(l, empty, ctx)).toBe(expected)
      expect(compile(l, ctx)(empty)).toBe(expected)
    }
  })

  it('counts months back by calendar, clamping to the month end', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28')
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29')
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15')
  })
})

describe('nesting and near misses', () => {
  // 小微企业稳岗: private or foreign, 1-50 employees, and (settled within 12 months or incubating), not state.
  const rule: Rule = {
    and: [
      leaf('kind', 'in', ['private', 'foreign']),
      leaf('employees', 'between', [10, 50]),
      { or: [leaf('settled_on', 'within_months', 3), leaf('incubation', 'eq', 'graduated')] },
      { not: leaf('revenue_band', 'eq', 'gte_100m') },
    ],
  }
  it('evaluates nested groups', () => {
    expect(evaluate(rule, unit, ctx)).toBe(false)
    expect(evaluate(rule, { ...unit, employees: 12, settled_on: '2026-04-01' }, ctx)).toBe(true)
    expect(evaluate(rule, { ...unit, employees: 12, incubation: 'graduated' }, ctx)).toBe(true)
    expect(
      evaluate(rule, { ...unit, employees: 12, incubation: 'graduated', revenue_band: 'gte_100m' }, ctx),
    ).toBe(false)
  })
  it('names what is missing: the failing leaf of the AND and the cheapest branch of the OR', () => {
    const miss = whatIsMissing(rule, unit, ctx)
    expect(miss.map((m) => m.path)).toEqual(['1', '2.0'])
    expect(describeFlip(miss[0]!, FIELDS, unit, 'zh-CN')).toBe(
      '需满足：从业人数在10人至50人之间（当前：8人）',
    )
    expect(describeFlip(miss[1]!, FIELDS, unit, 'en-US')).toBe(
      'needs: date settled within the last 3 months (now: 2026-01-10)',
    )
  })
  it('a condition under NOT is missing as "must no longer meet"', () => {
    const big = { ...unit, employees: 12, incubation: 'graduated', revenue_band: 'gte_100m' }
    const miss = whatIsMissing(rule, big, ctx)
    expect(miss).toHaveLength(1)
    expect(miss[0]!.want).toBe(false)
    expect(describeFlip(miss[0]!, FIELDS, big, 'zh-CN')).toBe(
      '需不再满足：营收规模为gte_100m（当前：gte_100m）',
    )
  })
  it('explains the rule in plain Chinese and English', () => {
    expect(explain(rule, FIELDS, 'zh-CN', { areas: {} })).toBe(
      '单位类型为非公企业、外资企业之一，且从业人数在10人至50人之间，且（落户日期在最近3个月内，或孵化状态为已毕业），且并非（营收规模为gte_100m）',
    )
    expect(explain(rule, FIELDS, 'en-US')).toBe(
      'kind of unit is one of private firm, foreign-invested firm, and employees between 10 and 50, and (date settled within the last 3 months, or incubation status is graduated), and not (revenue band is gte_100m)',
    )
    expect(explain(leaf('area', 'in', ['310120']), FIELDS, 'zh-CN', { areas: { '310120': '奉贤区' } })).toBe(
      '位于奉贤区',
    )
  })
})

describe('validation', () => {
  const codes = (r: unknown) => validateRule(r, FIELDS, ctx).map((p) => p.code)
  it('rejects unknown fields, wrong operators, wrong value types and unknown options', () => {
    expect(codes(leaf('turnover', 'gte', 5))).toEqual(['rule_unknown_field'])
    expect(codes(leaf('kind', 'gte', 'private'))).toEqual(['rule_bad_operator'])
    expect(codes(leaf('employees', 'gte', '100'))).toEqual(['rule_bad_value'])
    expect(codes(leaf('settled_on', 'gte', '2026-13-01'))).toEqual(['rule_bad_value'])
    expect(codes(leaf('employees', 'between', [5]))).toEqual(['rule_bad_value'])
    expect(codes(leaf('kind', 'in', []))).toEqual(['rule_bad_value'])
    expect(codes(leaf('kind', 'eq', 'startup'))).toEqual(['rule_unknown_option'])
    expect(codes({ and: [] })).toEqual(['rule_empty_group'])
    expect(codes({ xor: [leaf('kind', 'eq', 'private')] })).toEqual(['rule_malformed'])
    expect(codes({ field: 'kind', op: 'eq', value: 'private', extra: 1 })).toEqual(['rule_malformed'])
    expect(codes('kind=private')).toEqual(['rule_malformed'])
  })
  it('finds contradictions inside one AND, also across nested ANDs', () => {
    expect(codes({ and: [leaf('employees', 'gte', 100), leaf('employees', 'lte', 10)] })).toEqual([
      'rule_contradiction',
    ])
    expect(codes({ and: [leaf('kind', 'eq', 'state'), { and: [leaf('kind', 'eq', 'private')] }] })).toEqual([
      'rule_contradiction',
    ])
    expect(
      codes({
        and: [leaf('kind', 'in', ['state', 'private']), leaf('kind', 'not_in', ['state', 'private'])],
      }),
    ).toEqual(['rule_contradiction'])
    expect(
      codes({ and: [leaf('settled_on', 'within_months', 6), leaf('settled_on', 'lte', '2025-01-01')] }),
    ).toEqual(['rule_contradiction'])
    expect(codes({ and: [leaf('industry', 'is_set', false), leaf('industry', 'eq', 'x')] })).toEqual([
      'rule_contradiction',
    ])
    expect(codes(leaf('employees', 'between', [50, 10]))).toEqual(['rule_contradiction'])
    // Alternatives are not contradictions.
    expect(codes({ or: [leaf('employees', 'gte', 100), leaf('employees', 'lte', 10)] })).toEqual([])
    expect(codes({ and: [leaf('employees', 'gte', 10), leaf('employees', 'lte', 10)] })).toEqual([])
  })
})

// Random rules over a few fields, random units, for the algebraic laws.
const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.constantFrom('private', 'state', 'foreign').map((v) => leaf('kind', 'eq', v)),
  fc.subarray(['private', 'state', 'foreign'], { minLength: 1 }).map((v) => leaf('kind', 'in', v)),
  fc.integer({ min: 0, max: 60 }).map((v) => leaf('employees', 'gte', v)),
  fc.integer({ min: 0, max: 60 }).map((v) => leaf('employees', 'lte', v)),
  fc.integer({ min: 1, max: 24 }).map((v) => leaf('settled_on', 'within_months', v)),
  fc.constantFrom('310120', '310120002', '310104').map((v) => leaf('area', 'in', [v])),
  fc.boolean().map((v) => leaf('high_tech', 'eq', v)),
  fc.boolean().map((v) => leaf('industry', 'is_set', v)),
)
const { rule: ruleArb } = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
    fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
    tie('rule').map((not) => ({ not })),
  ),
}))
const factsArb: fc.Arbitrary<Facts> = fc.record({
  kind: fc.constantFrom('private', 'state', 'foreign'),
  employees: fc.option(fc.integer({ min: 0, max: 60 })),
  settled_on: fc.option(
    fc
      .integer({ min: 0, max: 900 })
      .map((d) => new Date(Date.UTC(2026, 5, 15) - d * 86_400_000).toISOString().slice(0, 10)),
  ),
  area: fc.constantFrom('310000/310120/310120002', '310000/310120/310120003', '310000/310104/310104011'),
  high_tech: fc.option(fc.boolean()),
  industry: fc.option(fc.constantFrom('制造业', '软件业')),
})
const ev = (r: Rule, f: Facts) => evaluate(r, f, ctx)

describe('laws (property tests)', () => {
  it('not(not r) ≡ r', () =>
    fc.assert(fc.property(ruleArb, factsArb, (r, f) => ev({ not: { not: r } }, f) === ev(r, f))))
  it('De Morgan: not(a and b) ≡ not a or not b, and dually', () =>
    fc.assert(
      fc.property(ruleArb, ruleArb, factsArb, (a, b, f) => {
        expect(ev({ not: { and: [a, b] } }, f)).toBe(ev({ or: [{ not: a }, { not: b }] }, f))
        expect(ev({ not: { or: [a, b] } }, f)).toBe(ev({ and: [{ not: a }, { not: b }] }, f))
      }),
    ))
  it('compiled closures agree with the interpreter', () =>
    fc.assert(fc.property(ruleArb, factsArb, (r, f) => compile(r, ctx)(f) === ev(r, f))))
  it('the explanation is consistent with the result: nothing missing iff qualified, and flipping what is missing qualifies', () =>
    fc.assert(
      fc.property(ruleArb, factsArb, (r, f) => {
        const miss = whatIsMissing(r, f, ctx)
        expect(miss.length === 0).toBe(ev(r, f))
        expect(evaluate(r, f, ctx, new Map(miss.map((m) => [m.path, m.want])))).toBe(true)
        // Every named leaf currently has the opposite truth of what it needs.
        for (const m of miss) expect(evalLeaf(m.leaf, f, ctx)).toBe(!m.want)
        // And it is minimal among single flips: when one flip is reported no empty fix existed.
        const refuse = whatIsMissing(r, f, ctx, false)
        expect(refuse.length === 0).toBe(!ev(r, f))
      }),
    ))
})
