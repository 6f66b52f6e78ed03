import { AppError } from './errors.ts'

/**
 * Shanghai dates. The city keeps one offset all year (UTC+8, no daylight saving), so a Shanghai calendar
 * date is the UTC date of the instant moved forward eight hours, and its midnight is `T00:00:00+08:00`.
 * Dates travel as 'YYYY-MM-DD' text, as PostgreSQL's `date` arrives from both engines.
 */
export const SHANGHAI_OFFSET = '+08:00'

const DAY = 86_400_000
const OFFSET_MS = 8 * 3_600_000

/** The Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export const shanghaiDate = (instant: Date) =>
  new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10)

/** The instant a Shanghai date begins (its midnight in Shanghai). */
export const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00${SHANGHAI_OFFSET}`)

/** The instant of a Shanghai wall-clock time on a date ('HH:MM'). */
export const shanghaiAt = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00${SHANGHAI_OFFSET}`)

/** An instant as Shanghai wall-clock text, 'YYYY-MM-DD HH:MM:SS' (cut it for less). */
export const shanghaiDateTime = (instant: Date) =>
  new Date(instant.getTime() + OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19)

/** The instants a Shanghai date range covers, whole days inclusive: [midnight of from, midnight after to). */
export const shanghaiDays = (from: string, to: string) => ({
  start: shanghaiMidnight(from),
  end: new Date(shanghaiMidnight(to).getTime() + DAY),
})

/**
 * The instants a requested Shanghai date range covers (inclusive days): from today when `from` is left out,
 * `defaultDays` long when `to` is; at most 93 days, and the end after the start, or `invalid_dates`.
 */
export function dayRange(now: Date, from?: string, to?: string, defaultDays = 14) {
  const start = shanghaiMidnight(from ?? shanghaiDate(now))
  const end = to ? shanghaiDays(to, to).end : new Date(start.getTime() + defaultDays * DAY)
  if (end <= start || end.getTime() - start.getTime() > 93 * DAY)
    throw new AppError('invalid_dates', {
      later: { 'zh-CN': '结束日期', 'en-US': 'The end date' },
      earlier: { 'zh-CN': '开始日期（且不超过 93 天）', 'en-US': 'the start date (and within 93 days)' },
    })
  return { start, end }
}

/** Whole days from a Shanghai date's midnight to `now` (negative before it). */
export const daysSince = (date: string, now: Date) =>
  Math.floor((now.getTime() - shanghaiMidnight(date).getTime()) / DAY)

// Calendar arithmetic on 'YYYY-MM-DD' text alone: no time of day, so no offset is involved.

/** A well-formed date that exists in the calendar (no 2026-02-30). */
export const isRealDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d

export const addDays = (d: string, n: number) =>
  new Date(new Date(`${d}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10)

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay()
