import type { StreetRule } from '@tongxin/contracts'

export interface MonthTotals {
  month: string
  property: number | null
  tenants: number | null
}

export type Shortfall =
  | { kind: 'not_assessed'; month: string; party: 'property' | 'tenants' }
  | { kind: 'low_score'; month: string; party: 'property' | 'tenants'; total: number; min: number }
  | { kind: 'no_floors' }
  | { kind: 'floor_unrated'; floor: number }
  | { kind: 'floor_low'; floor: number; stars: number; min: number }

/**
 * 垃圾分类示范楼 criteria: in each of the street's last `demoMonths` months both the property manager's and
 * the tenants' assessments reach `demoMinScore`, and every patrolled floor holds `demoMinStars` now. A floor
 * without a rating yet counts against, as does a month not assessed: the building must show it, not be
 * assumed to.
 */
export function demoShortfalls(
  months: readonly MonthTotals[],
  floors: readonly { floor: number; stars: number | null }[],
  rule: Pick<StreetRule, 'demoMinScore' | 'demoMinStars'>,
): Shortfall[] {
  const out: Shortfall[] = []
  for (const m of months) {
    for (const party of ['property', 'tenants'] as const) {
      const total = m[party]
      if (total === null) out.push({ kind: 'not_assessed', month: m.month, party })
      else if (total < rule.demoMinScore)
        out.push({ kind: 'low_score', month: m.month, party, total, min: rule.demoMinScore })
    }
  }
  if (floors.length === 0) out.push({ kind: 'no_floors' })
  for (const f of floors) {
    if (f.stars === null) out.push({ kind: 'floor_unrated', floor: f.floor })
    else if (f.stars < rule.demoMinStars)
      out.push({ kind: 'floor_low', floor: f.floor, stars: f.stars, min: rule.demoMinStars })
  }
  return out
}

const PARTY = { property: ['物业', 'property manager'], tenants: ['客户', 'tenants'] } as const

export function describeShortfall(s: Shortfall, en: boolean): string {
  const i = en ? 1 : 0
  switch (s.kind) {
    case 'not_assessed':
      return en
        ? `${s.month}: ${PARTY[s.party][i]} not assessed`
        : `${s.month} ${PARTY[s.party][i]}考核未录入`
    case 'low_score':
      return en
        ? `${s.month}: ${PARTY[s.party][i]} scored ${s.total} < ${s.min}`
        : `${s.month} ${PARTY[s.party][i]}考核 ${s.total} 分，低于 ${s.min} 分`
    case 'no_floors':
      return en ? 'no floors patrolled' : '没有巡查楼层'
    case 'floor_unrated':
      return en ? `floor ${s.floor} not rated yet` : `${s.floor} 层尚未评星`
    case 'floor_low':
      return en
        ? `floor ${s.floor} has ${s.stars}★ < ${s.min}★`
        : `${s.floor} 层 ${s.stars} 星，低于 ${s.min} 星`
  }
}
