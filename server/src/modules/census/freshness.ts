import { CENSUS_PARTS, type CensusPart } from '@tongxin/contracts'
import type { Locale } from '../../lib/messages.ts'

/**
 * The freshness rule, in one place: a part counts from its last verification (or, never verified, from the
 * building's registration — the record was collected first-hand then) and stays clear for the configured
 * number of calendar months, the last day included. Figures compare `since` against `cutoffOf(today)` (one
 * date for every row, so SQL can use an index); a building's view shows `freshUntil(since)`, derived from the
 * same cutoff so the two never disagree at a month's end.
 */
export const isCensusPart = (p: string): p is CensusPart => (CENSUS_PARTS as readonly string[]).includes(p)

const pad = (n: number) => String(n).padStart(2, '0')

/** A calendar date moved by whole months, the day clamped to the target month's length (as PostgreSQL's date arithmetic does). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`
}

/** A part whose `since` is before this day is stale today. */
export const cutoffOf = (today: string, months: number) => addMonths(today, -months)

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * The last day a part counted from `since` is fresh: the last `today` whose cutoff is not after `since`. From
 * the end of a short month that is up to three days past `since + months` (28 Feb + 1 month: cutoffs of
 * 29, 30 and 31 Mar are all 28 Feb), so it is searched from there rather than assumed.
 */
export function freshUntil(since: string, months: number): string {
  let day = addMonths(since, months)
  for (let next = nextDay(day); cutoffOf(next, months) <= since; next = nextDay(next)) day = next
  return day
}

export const isStale = (since: string, today: string, months: number) => since < cutoffOf(today, months)

const TEXT = {
  'zh-CN': {
    never: (since: string) => `自 ${since} 登记以来未经走访核实`,
    last: (on: string, by: string | null) =>
      `上次核实 ${on}${by ? `（${by}）` : ''}，已超过有效期，需再次走访`,
  },
  'en-US': {
    never: (since: string) => `not verified by a visit since it was registered on ${since}`,
    last: (on: string, by: string | null) =>
      `last verified on ${on}${by ? ` by ${by}` : ''}; due for another visit`,
  },
} as const

/** Why a recorded part is no longer clear, in the request's language. */
export function staleText(
  check: { verifiedOn: string | null; verifiedBy: string | null; since: string },
  locale: Locale,
): string {
  const t = TEXT[locale]
  return check.verifiedOn ? t.last(check.verifiedOn, check.verifiedBy) : t.never(check.since)
}
