import * as rrulePackage from 'rrule'

// rrule ships a UMD bundle as its Node entry: under Node's ESM loader its classes sit on the default export,
// under bundlers (Vitest) on the module itself.
const { RRule } = ((rrulePackage as unknown as { default?: typeof rrulePackage }).default ??
  rrulePackage) as typeof rrulePackage

import { AppError } from '../../lib/errors.ts'

export const MAX_OCCURRENCES = 52
const MAX_SPAN_MS = 366 * 86_400_000

/**
 * The start times of a recurring event. A rule must end by itself — COUNT ≤ 52 or UNTIL within a year of
 * the first start — so no request can ask for an endless series; DTSTART is always the event's own start.
 */
export function expandRule(rule: string, firstStart: Date): Date[] {
  const text = rule.trim().replace(/^RRULE:/i, '')
  if (/DTSTART/i.test(text)) throw new AppError('rrule_invalid', { reason: 'DTSTART' })
  let options: ReturnType<typeof RRule.parseString>
  try {
    options = RRule.parseString(text)
  } catch (e) {
    throw new AppError('rrule_invalid', { reason: e instanceof Error ? e.message : String(e) })
  }
  if (options.freq === undefined) throw new AppError('rrule_invalid', { reason: 'FREQ' })
  const bounded =
    (options.count != null && options.count <= MAX_OCCURRENCES) ||
    (options.until != null && options.until.getTime() - firstStart.getTime() <= MAX_SPAN_MS)
  if (!bounded) throw new AppError('rrule_unbounded', { max: MAX_OCCURRENCES })
  if (options.until != null && options.until.getTime() < firstStart.getTime()) {
    throw new AppError('rrule_invalid', { reason: 'UNTIL < DTSTART' })
  }
  let dates: Date[]
  try {
    dates = new RRule({ ...options, dtstart: firstStart }).all((_, i) => i < MAX_OCCURRENCES + 1)
  } catch (e) {
    throw new AppError('rrule_invalid', { reason: e instanceof Error ? e.message : String(e) })
  }
  if (dates.length > MAX_OCCURRENCES) {
    throw new AppError('rrule_too_many', { count: `>${MAX_OCCURRENCES}`, max: MAX_OCCURRENCES })
  }
  if (dates.length === 0) throw new AppError('rrule_invalid', { reason: 'no occurrences' })
  return dates
}
