import type { FloorPoint, FloorStars, StreetRule } from '@tongxin/contracts'

/** The rules a street uses until it sets its own (waste_street_rule). */
export const DEFAULT_RULE: Omit<StreetRule, 'areaCode' | 'custom' | 'version'> = {
  starWindow: 4,
  starThresholds: [0.6, 0.7, 0.8, 0.9, 0.95],
  demoMonths: 3,
  demoMinScore: 85,
  demoMinStars: 4,
}

export type StarRule = Pick<StreetRule, 'starWindow' | 'starThresholds'>

export interface PatrolFigures {
  date: string
  checked: number
  right: number
}

/** Whether thresholds rise (or stay) from 1★ to 5★ and lie in 0..1; the rule is meaningless otherwise. */
export function thresholdsValid(t: readonly number[]): boolean {
  return t.length === 5 && t.every((x, i) => x >= 0 && x <= 1 && (i === 0 || x >= t[i - 1]!))
}

/**
 * Stars for `right` of `checked` bags: one for each threshold reached. Compared as right ≥ t × checked with
 * a tolerance, so 19 of 20 reaches 95% although 19/20 and 0.95 differ in binary.
 */
export function starsFor(right: number, checked: number, thresholds: readonly number[]): number {
  return thresholds.filter((t) => right >= t * checked - 1e-9).length
}

/**
 * A floor's rating from its patrols (any order): stars rest on the last `starWindow` patrols that checked at
 * least one bag, pooled (Σ right / Σ checked) so a day with two bags does not weigh like a day with forty.
 * Until a floor has a full window it has no stars yet. The trend gives the rating after every patrol.
 */
export function rateFloor(floor: number, patrols: readonly PatrolFigures[], rule: StarRule): FloorStars {
  const sorted = [...patrols].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const window: PatrolFigures[] = []
  const trend: FloorPoint[] = []
  let stars: number | null = null
  let rate: number | null = null
  for (const p of sorted) {
    if (p.checked > 0) {
      window.push(p)
      if (window.length > rule.starWindow) window.shift()
    }
    if (window.length === rule.starWindow) {
      const right = window.reduce((n, w) => n + w.right, 0)
      const checked = window.reduce((n, w) => n + w.checked, 0)
      stars = starsFor(right, checked, rule.starThresholds)
      rate = right / checked
    }
    trend.push({
      date: p.date,
      checked: p.checked,
      right: p.right,
      rate: p.checked > 0 ? p.right / p.checked : null,
      stars,
    })
  }
  return {
    floor,
    stars,
    rate: rate === null ? null : Math.round(rate * 10_000) / 10_000,
    patrols: sorted.length,
    lastDate: sorted.at(-1)?.date ?? null,
    trend,
  }
}
