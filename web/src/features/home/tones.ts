import type { WorkbenchFigure, WorkbenchTone } from '@tongxin/contracts'
import type { TFunction } from 'i18next'
import { formatCount, formatDelta, formatRate } from '../../lib/format.ts'

/*
 * Colour means something on the workbench: red only for a promise broken (overdue, escalated, a figure
 * moving the bad way), amber for work waiting, blue for news, green for a figure moving the good way.
 * Levels are never coloured (a coverage of 100 % is plain text, so is 40 %). Text colours are the darker
 * shades of each hue so they pass WCAG AA on white and on their tint.
 */
export const TONE: Record<WorkbenchTone, { text: string; tint: string; edge: string }> = {
  bad: { text: '#a8071a', tint: '#fff1f0', edge: '#cf1322' },
  todo: { text: '#873800', tint: '#fff7e6', edge: '#d46b08' },
  info: { text: '#003eb3', tint: '#e6f4ff', edge: '#1677ff' },
}
export const GOOD = '#135200'
export const NEUTRAL = '#595959'

export function formatFigure(t: TFunction, f: Pick<WorkbenchFigure, 'format'>, value: number | null): string {
  if (value === null) return t('workbench.noValue')
  switch (f.format) {
    case 'rate':
      return formatRate(value)
    case 'minutes':
      // Hours to one decimal, as the volunteer pages count them.
      return t('workbench.hours', { hours: Math.round((value / 60) * 10) / 10 })
    case 'score':
      return value.toFixed(1)
    default:
      return formatCount(value)
  }
}

/** How a figure moved: the signed change, and whether that is good, bad or no verdict. */
export function trendOf(
  f: WorkbenchFigure,
): { diff: number; delta: string; verdict: 'good' | 'bad' | 'none' } | null {
  if (f.value === null || f.previous === null) return null
  const diff = Math.round((f.value - f.previous) * 10_000) / 10_000
  const delta =
    f.format === 'rate'
      ? formatDelta(diff, true)
      : f.format === 'score'
        ? `${diff > 0 ? '+' : diff < 0 ? '−' : ''}${Math.abs(diff).toFixed(1)}`
        : f.format === 'minutes'
          ? `${diff > 0 ? '+' : diff < 0 ? '−' : ''}${Math.round(Math.abs(diff) / 6) / 10}`
          : formatDelta(diff, false)
  if (diff === 0 || f.better === null) return { diff, delta, verdict: 'none' }
  return { diff, delta, verdict: (f.better === 'up') === diff > 0 ? 'good' : 'bad' }
}
