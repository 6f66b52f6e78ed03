import type {
  RespondentAttribute,
  SurveyCrossTab,
  SurveyQuestion,
  SurveyQuestionAnalysis,
} from '@tongxin/contracts'
import { AppError } from '../../lib/errors.ts'
import type { Answers } from './questionnaire.ts'

export interface AnalysedResponse {
  answers: Answers
  attributes: Record<RespondentAttribute, string | null>
}

const round4 = (x: number) => Math.round(x * 10000) / 10000
const share = (n: number, of: number) => (of === 0 ? 0 : round4(n / of))

/** Option keys a respondent picked for a choice question (single as one, multiple as its ticks). */
export function picked(q: SurveyQuestion, a: Answers): string[] {
  const v = a[q.key]
  if (q.type === 'single') return typeof v === 'string' ? [v] : []
  if (q.type === 'multiple') return Array.isArray(v) ? v : []
  if (q.type === 'rating') return typeof v === 'number' ? [String(v)] : []
  return []
}

/**
 * Per-question figures. Shares are of the respondents who answered the question, so a multiple-choice
 * question's shares are "this share of respondents ticked it" and may add up to more than 100 %.
 */
export function analyseQuestion(q: SurveyQuestion, answers: Answers[]): SurveyQuestionAnalysis {
  const given = answers.filter((a) => a[q.key] !== undefined)
  const n = given.length
  const base = { key: q.key, type: q.type, title: q.title, answered: n }
  const options = (q.options ?? []).map((o) => {
    const count =
      q.type === 'single' || q.type === 'multiple'
        ? given.filter((a) => picked(q, a).includes(o.key)).length
        : 0
    return { key: o.key, label: o.label, count, share: share(count, n) }
  })
  let average: number | null = null
  let distribution: number[] = []
  if (q.type === 'rating' || q.type === 'number') {
    const values = given.map((a) => a[q.key] as number)
    average = n === 0 ? null : round4(values.reduce((s, x) => s + x, 0) / n)
    if (q.type === 'rating') {
      distribution = Array.from({ length: q.scale ?? 5 }, (_, i) => values.filter((x) => x === i + 1).length)
    }
  }
  const meanRank =
    q.type === 'ranking' && n > 0
      ? (q.options ?? []).map((o) => ({
          key: o.key,
          label: o.label,
          mean: round4(given.reduce((s, a) => s + (a[q.key] as string[]).indexOf(o.key) + 1, 0) / n),
        }))
      : []
  return { ...base, options, average, distribution, meanRank }
}

export const UNKNOWN_GROUP = '_unknown'

/**
 * Respondents of each group (an attribute value) against the options of a choice question: cells count
 * respondents, row shares are of the group's respondents who answered the question. A respondent whose
 * attribute is unknown falls in the `_unknown` row, so rows always add up to the question's total.
 */
export function crossTab(
  q: SurveyQuestion,
  by: RespondentAttribute,
  responses: AnalysedResponse[],
  groupLabel: (key: string) => string,
): SurveyCrossTab {
  if (q.type !== 'single' && q.type !== 'multiple' && q.type !== 'rating') {
    throw new AppError('survey_question_not_analysable', {
      question: q.title,
      reason: {
        'zh-CN': '交叉表只用于单选、多选和评分题',
        'en-US': 'cross-tabs are for choice and rating questions',
      },
    })
  }
  const columns =
    q.type === 'rating'
      ? Array.from({ length: q.scale ?? 5 }, (_, i) => ({ key: String(i + 1), label: String(i + 1) }))
      : (q.options ?? []).map((o) => ({ key: o.key, label: o.label }))
  const groups = new Map<string, { respondents: number; counts: number[] }>()
  for (const res of responses) {
    const keys = picked(q, res.answers)
    if (keys.length === 0) continue
    const g = res.attributes[by] ?? UNKNOWN_GROUP
    let row = groups.get(g)
    if (!row) {
      row = { respondents: 0, counts: columns.map(() => 0) }
      groups.set(g, row)
    }
    row.respondents++
    for (const [i, c] of columns.entries()) {
      if (keys.includes(c.key)) row.counts[i] = (row.counts[i] ?? 0) + 1
    }
  }
  const rows = [...groups.entries()]
    .map(([key, row]) => ({
      key,
      label: groupLabel(key),
      respondents: row.respondents,
      counts: row.counts,
      shares: row.counts.map((c) => share(c, row.respondents)),
    }))
    .sort((a, b) => (a.key === UNKNOWN_GROUP ? 1 : b.key === UNKNOWN_GROUP ? -1 : a.key.localeCompare(b.key)))
  return { question: q.key, by, columns, rows }
}
