import type { DemoBuilder } from './builder.ts'
import { rng } from './random.ts'

const DAY = 86_400_000
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * Spreads the incubatees' admissions and exits over the last two to three years, so that the month-end series
 * (在孵 / 累计 / 已毕业) moves as a real incubator's does: firms keep entering, and graduating or leaving
 * through the last two years. Who is incubating, graduated or left today is unchanged (78 / 128 of the seed
 * page); only the dates are set. Its own seed, so the rest of the demo's random draws stay as they were.
 */
export async function spreadIncubationDates(b: DemoBuilder) {
  const rand = rng(20_240_317)
  const today = Date.parse(`${b.today}T00:00:00Z`)
  const stays = await b.db
    .selectFrom('incubatee')
    .select(['id', 'status'])
    .orderBy('incubator_id')
    .orderBy('id')
    .execute()
  for (const s of stays) {
    let entered: number
    let exited: number | null = null
    if (s.status === 'incubating') {
      // Today's firms entered over the last 26 months, a few each month.
      entered = today - rand.int(7, 26 * 30) * DAY
    } else {
      // Those gone entered 14–36 months ago and stayed at least four months; most left within the last two years.
      entered = today - rand.int(14 * 30, 36 * 30) * DAY
      const earliest = Math.max(entered + 120 * DAY, today - 24 * 30 * DAY)
      const latest = today - 10 * DAY
      exited =
        earliest >= latest ? latest : earliest + rand.int(0, Math.floor((latest - earliest) / DAY)) * DAY
    }
    await b.db
      .updateTable('incubatee')
      .set({ entered_on: date(entered), exited_on: exited === null ? null : date(exited) })
      .where('id', '=', s.id)
      .execute()
    // Services were recorded on the day of entry; they follow it.
    await b.db
      .updateTable('incubator_service')
      .set({ served_on: date(entered) })
      .where('incubatee_id', '=', s.id)
      .execute()
  }
}
