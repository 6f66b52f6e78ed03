import type { SurveyQuestion } from '@tongxin/contracts'
import { AppError } from '../../lib/errors.ts'

type Reason = { 'zh-CN': string; 'en-US': string }
const r = (zh: string, en: string): Reason => ({ 'zh-CN': zh, 'en-US': en })
export type AnswerValue = string | number | string[]
export type Answers = Record<string, AnswerValue>

const CHOICE_TYPES = new Set(['single', 'multiple', 'ranking'])

function invalid(q: SurveyQuestion, reason: Reason): never {
  throw new AppError('survey_question_invalid', { question: q.title, reason })
}

/**
 * Checks a questionnaire before it is stored and returns it normalised (rating scale defaulted to 5).
 * Branching may only look back: a condition names an earlier single/multiple question and options it has,
 * so answering in order always knows whether a question is shown, and no cycle can exist.
 */
export function validateQuestions(questions: SurveyQuestion[]): SurveyQuestion[] {
  const seen = new Map<string, SurveyQuestion>()
  const attributes = new Set<string>()
  const out: SurveyQuestion[] = []
  for (const q of questions) {
    if (seen.has(q.key)) invalid(q, r(`题目代码“${q.key}”重复`, `the key "${q.key}" is used twice`))
    const options = q.options ?? []
    if (CHOICE_TYPES.has(q.type)) {
      if (options.length < 2)
        invalid(q, r('选择题至少需要两个选项', 'a choice question needs at least two options'))
      const keys = new Set(options.map((o) => o.key))
      if (keys.size !== options.length) invalid(q, r('选项代码重复', 'two options share a key'))
    } else if (q.options !== undefined) {
      invalid(q, r('只有选择题和排序题可以有选项', 'only choice and ranking questions have options'))
    }
    if (q.maxChoices !== undefined && (q.type !== 'multiple' || q.maxChoices > options.length))
      invalid(
        q,
        r(
          '最多可选数只用于多选题，且不能超过选项数',
          'maxChoices is for multiple choice, up to the number of options',
        ),
      )
    if (q.scale !== undefined && q.type !== 'rating')
      invalid(q, r('只有评分题有分值', 'only rating questions have a scale'))
    if ((q.min !== undefined || q.max !== undefined) && q.type !== 'number')
      invalid(q, r('只有数字题有上下限', 'only number questions have bounds'))
    if (q.min !== undefined && q.max !== undefined && q.min > q.max)
      invalid(q, r('下限不能大于上限', 'the minimum is above the maximum'))
    if (q.attribute !== undefined) {
      if (q.type !== 'single')
        invalid(q, r('受访者属性题必须是单选题', 'an attribute question must be single choice'))
      if (attributes.has(q.attribute))
        invalid(q, r('同一受访者属性只能问一次', 'each respondent attribute may be asked once'))
      attributes.add(q.attribute)
    }
    if (q.showIf) {
      const ref = seen.get(q.showIf.question)
      if (!ref || (ref.type !== 'single' && ref.type !== 'multiple'))
        throw new AppError('survey_branch_invalid', { question: q.title, ref: q.showIf.question })
      const refKeys = new Set((ref.options ?? []).map((o) => o.key))
      const missing = q.showIf.anyOf.find((k) => !refKeys.has(k))
      if (missing !== undefined)
        throw new AppError('survey_branch_invalid', { question: q.title, ref: `${ref.title} / ${missing}` })
    }
    const normalised = q.type === 'rating' ? { ...q, scale: q.scale ?? 5 } : q
    seen.set(q.key, normalised)
    out.push(normalised)
  }
  return out
}

const isEmpty = (v: AnswerValue | undefined) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** Whether a question is shown, given the answers to the questions before it (conditions look back only). */
export function visibleQuestions(questions: SurveyQuestion[], answers: Answers): Set<string> {
  const visible = new Set<string>()
  for (const q of questions) {
    if (!q.showIf) {
      visible.add(q.key)
      continue
    }
    if (!visible.has(q.showIf.question)) continue
    const a = answers[q.showIf.question]
    const picked = Array.isArray(a) ? a : typeof a === 'string' ? [a] : []
    if (picked.some((k) => q.showIf!.anyOf.includes(k))) visible.add(q.key)
  }
  return visible
}

function checkValue(q: SurveyQuestion, v: AnswerValue): AnswerValue | Reason {
  const options = new Set((q.options ?? []).map((o) => o.key))
  switch (q.type) {
    case 'single':
      if (typeof v !== 'string' || !options.has(v))
        return r('请选择一个列出的选项', 'choose one of the listed options')
      return v
    case 'multiple': {
      if (!Array.isArray(v))
        return r('请选择一个或多个列出的选项', 'choose one or more of the listed options')
      if (new Set(v).size !== v.length) return r('同一选项选了两次', 'an option is ticked twice')
      if (v.some((k) => !options.has(k)))
        return r('包含未列出的选项', 'an option is not one of the listed ones')
      if (q.maxChoices !== undefined && v.length > q.maxChoices)
        return r(`最多选 ${q.maxChoices} 项`, `tick at most ${q.maxChoices}`)
      return v
    }
    case 'rating': {
      const scale = q.scale ?? 5
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > scale)
        return r(`请给出 1 到 ${scale} 的整数分`, `give a whole score from 1 to ${scale}`)
      return v
    }
    case 'ranking':
      if (
        !Array.isArray(v) ||
        v.length !== options.size ||
        new Set(v).size !== v.length ||
        v.some((k) => !options.has(k))
      )
        return r('请把全部选项各排一次', 'rank every option exactly once')
      return v
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return r('请填写数字', 'enter a number')
      if (q.min !== undefined && v < q.min) return r(`不能小于 ${q.min}`, `must be at least ${q.min}`)
      if (q.max !== undefined && v > q.max) return r(`不能大于 ${q.max}`, `must be at most ${q.max}`)
      return v
    case 'text':
      if (typeof v !== 'string') return r('请填写文字', 'enter text')
      return v.trim()
  }
}

/**
 * The answers as they will be stored, or the first problem: an unknown question, an answer to a question
 * the earlier answers hide, a missing required answer, or a value that does not fit the question.
 */
export function validateAnswers(questions: SurveyQuestion[], answers: Answers): Answers {
  const byKey = new Map(questions.map((q) => [q.key, q]))
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) throw new AppError('survey_unknown_question', { question: key })
  }
  const visible = visibleQuestions(questions, answers)
  const out: Answers = {}
  questions.forEach((q, i) => {
    const v = answers[q.key]
    const params = { index: i + 1, question: q.title }
    if (!visible.has(q.key)) {
      if (v !== undefined) throw new AppError('survey_answer_hidden', params)
      return
    }
    if (isEmpty(v)) {
      if (q.required) throw new AppError('survey_answer_required', params)
      return
    }
    const checked = checkValue(q, v as AnswerValue)
    if (typeof checked === 'object' && !Array.isArray(checked))
      throw new AppError('survey_answer_invalid', { ...params, reason: checked })
    out[q.key] = checked
  })
  return out
}
