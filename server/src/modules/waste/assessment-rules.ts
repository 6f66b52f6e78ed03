import type { AssessmentParty } from '@tongxin/contracts'
import { addDays } from '../../lib/dates.ts'

export interface Criterion {
  key: string
  weight: number
  zh: string
  en: string
}

/**
 * 物业和客户分类双考核: what each side is scored on each month, and how much each counts. The property
 * manager answers for the facilities; the tenants for what they put in the bins and for taking part.
 */
export const CRITERIA: Record<AssessmentParty, readonly Criterion[]> = {
  property: [
    { key: 'bins', weight: 30, zh: '分类桶配置与完好', en: 'Bins: enough, complete, clean' },
    { key: 'rooms', weight: 25, zh: '垃圾房管理', en: 'Waste rooms kept' },
    { key: 'collection', weight: 25, zh: '定时定点收运', en: 'Collection on schedule' },
    { key: 'signage', weight: 20, zh: '标识与宣传', en: 'Signage and prompts' },
  ],
  tenants: [
    {
      key: 'floors',
      weight: 60,
      zh: '楼层分类正确率（巡查结果）',
      en: 'Floors sorted right (patrol results)',
    },
    {
      key: 'participation',
      weight: 40,
      zh: '参与度（巡查、培训、活动）',
      en: 'Taking part (patrols, training, events)',
    },
  ],
}

/** Days into the following month an assessment may still be entered (the month's last week needs time). */
export const ASSESSMENT_GRACE_DAYS = 10

export const monthStart = (month: string) => `${month}-01`
export const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}
export const prevMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** Whether `today` lies inside month's assessment window: from its first day to day 10 of the next. */
export function withinAssessmentWindow(month: string, today: string): boolean {
  const last = addDays(monthStart(nextMonth(month)), ASSESSMENT_GRACE_DAYS - 1)
  return today >= monthStart(month) && today <= last
}

export type ScoreProblem =
  | { kind: 'unknown'; criterion: string }
  | { kind: 'twice'; criterion: string }
  | { kind: 'missing'; criterion: string }

/** Every criterion of the side exactly once, nothing else; the weighted total on 0..100 (two decimals). */
export function weighTotal(
  party: AssessmentParty,
  scores: readonly { criterion: string; score: number }[],
): { total: number } | { problem: ScoreProblem } {
  const criteria = CRITERIA[party]
  const seen = new Map<string, number>()
  for (const s of scores) {
    if (!criteria.some((c) => c.key === s.criterion))
      return { problem: { kind: 'unknown', criterion: s.criterion } }
    if (seen.has(s.criterion)) return { problem: { kind: 'twice', criterion: s.criterion } }
    seen.set(s.criterion, s.score)
  }
  const missing = criteria.find((c) => !seen.has(c.key))
  if (missing) return { problem: { kind: 'missing', criterion: missing.key } }
  const weights = criteria.reduce((n, c) => n + c.weight, 0)
  const sum = criteria.reduce((n, c) => n + c.weight * seen.get(c.key)!, 0)
  return { total: Math.round((sum / weights) * 100) / 100 }
}
