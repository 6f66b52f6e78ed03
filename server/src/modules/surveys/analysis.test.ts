import type { SurveyQuestion } from '@tongxin/contracts'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyseQuestion, crossTab, UNKNOWN_GROUP } from './analysis.ts'
import { type Answers, visibleQuestions } from './questionnaire.ts'

const KEYS = ['a', 'b', 'c', 'd']
const multiple: SurveyQuestion = {
  key: 'm',
  type: 'multiple',
  title: 'm',
  required: false,
  options: KEYS.map((key) => ({ key, label: key.toUpperCase() })),
}

const respondent = fc.record({
  ticks: fc.option(fc.subarray(KEYS, { minLength: 1 }), { nil: undefined }),
  group: fc.option(fc.constantFrom('g1', 'g2', 'g3'), { nil: null }),
})

describe('multiple-choice figures (property)', () => {
  it('count people, not ticks; cross-tab rows and columns add up to the totals', () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 60 }), (people) => {
        const answers = people.map((p): Answers => (p.ticks ? { m: p.ticks } : {}))
        const a = analyseQuestion(multiple, answers)
        const answered = people.filter((p) => p.ticks).length
        expect(a.answered).toBe(answered)
        for (const o of a.options) {
          const n = people.filter((p) => p.ticks?.includes(o.key)).length
          expect(o.count).toBe(n)
          expect(o.share).toBeCloseTo(answered === 0 ? 0 : n / answered, 4)
          expect(o.share).toBeLessThanOrEqual(1)
        }
        const ticks = people.reduce((s, p) => s + (p.ticks?.length ?? 0), 0)
        expect(a.options.reduce((s, o) => s + o.count, 0)).toBe(ticks)

        const x = crossTab(
          multiple,
          'area',
          people.map((p) => ({
            answers: answers[people.indexOf(p)]!,
            attributes: { area: p.group, building: null, age_band: null, unit_kind: null },
          })),
          (k) => k,
        )
        expect(x.rows.reduce((s, r) => s + r.respondents, 0)).toBe(answered)
        for (const [i, o] of a.options.entries()) {
          expect(x.rows.reduce((s, r) => s + (r.counts[i] ?? 0), 0)).toBe(o.count)
        }
        for (const r of x.rows) {
          const inGroup = people.filter((p) => p.ticks && (p.group ?? UNKNOWN_GROUP) === r.key)
          expect(r.respondents).toBe(inGroup.length)
        }
      }),
    )
  })
})

describe('branching visibility (property)', () => {
  it('a question behind a hidden question is hidden, whatever was answered', () => {
    const qs: SurveyQuestion[] = [
      {
        key: 'q1',
        type: 'single',
        title: '1',
        required: true,
        options: [
          { key: 'y', label: 'y' },
          { key: 'n', label: 'n' },
        ],
      },
      {
        key: 'q2',
        type: 'multiple',
        title: '2',
        required: true,
        showIf: { question: 'q1', anyOf: ['y'] },
        options: [
          { key: 'x', label: 'x' },
          { key: 'z', label: 'z' },
        ],
      },
      { key: 'q3', type: 'text', title: '3', required: true, showIf: { question: 'q2', anyOf: ['z'] } },
    ]
    fc.assert(
      fc.property(fc.constantFrom('y', 'n'), fc.subarray(['x', 'z']), (q1, q2) => {
        const v = visibleQuestions(qs, { q1, q2 })
        expect(v.has('q2')).toBe(q1 === 'y')
        expect(v.has('q3')).toBe(q1 === 'y' && q2.includes('z'))
      }),
    )
  })
})
