/** Quiet hours are kept in Shanghai time (UTC+8 all year, no daylight saving). */
const OFFSET_MIN = 8 * 60
const DAY_MIN = 24 * 60

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
export const hhmmOf = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/** Whether the Shanghai minute-of-day `m` falls in [start, end), which wraps past midnight when start > end. */
export function inQuiet(m: number, start: number, end: number): boolean {
  return start < end ? m >= start && m < end : m >= start || m < end
}

/**
 * When a non-urgent message created at `at` may go out: `at` itself, or the end of the quiet period it falls
 * in (the next Shanghai `end` o'clock).
 */
export function releaseTime(at: Date, quiet: { start: number; end: number } | null): Date {
  if (!quiet) return at
  const local = Math.floor(at.getTime() / 60_000) + OFFSET_MIN
  const m = ((local % DAY_MIN) + DAY_MIN) % DAY_MIN
  if (!inQuiet(m, quiet.start, quiet.end)) return at
  const wait = (quiet.end - m + DAY_MIN) % DAY_MIN
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000
  return new Date(startOfMinute + wait * 60_000)
}
