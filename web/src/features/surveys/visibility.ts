import type { SurveyQuestion } from '@tongxin/contracts'

export type AnswerValue = string | number | string[]
export type Answers = Record<string, AnswerValue | undefined>

/** Which questions are shown for the answers so far; the same look-back rule as the server's. */
export function visibleKeys(questions: SurveyQuestion[], answers: Answers): Set<string> {
  const visible = new Set<string>()
  for (const q of questions) {
    if (!q.showIf) {
      visible.add(q.key)
      continue
    }
    if (!visible.has(q.showIf.question)) continue
    const a = answers[q.showIf.question]
    const picked = Array.isArray(a) ? a : typeof a === 'string' ? [a] : []
    if (picked.some((k) => q.showIf?.anyOf.includes(k))) visible.add(q.key)
  }
  return visible
}

export const isBlank = (v: AnswerValue | undefined) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
