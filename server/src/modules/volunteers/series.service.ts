import { MAX_SERIES_SHIFTS, type ShiftSeriesInput, type ShiftSeriesResult } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { shanghaiAt } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadPoint, requireCoordinator } from './access.ts'
import { checkNeeds, listShifts, MAX_SHIFT_MS } from './shifts.service.ts'

const DAY = 86_400_000

/** Adds days to a calendar date (YYYY-MM-DD), by the calendar alone. */
const addDays = (d: string, n: number) =>
  new Date(new Date(`${d}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10)
/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
const weekday = (d: string) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1

/** The Shanghai dates of a series: the list given, or the chosen weekdays over the weeks from `from`. */
export function seriesDates(input: Pick<ShiftSeriesInput, 'dates' | 'repeat'>): string[] {
  if (Boolean(input.dates) === Boolean(input.repeat)) throw new AppError('vol_series_empty')
  let dates: string[]
  if (input.dates) dates = input.dates
  else {
    const { from, weeks, weekdays } = input.repeat!
    const days = new Set(weekdays)
    dates = []
    for (let i = 0; i < weeks * 7; i++) {
      const d = addDays(from, i)
      if (days.has(weekday(d))) dates.push(d)
    }
  }
  // A date typed twice is one shift, not two.
  const unique = [...new Set(dates)].sort()
  if (unique.length === 0) throw new AppError('vol_series_empty')
  if (unique.length > MAX_SERIES_SHIFTS)
    throw new AppError('vol_series_too_many', { count: unique.length, max: MAX_SERIES_SHIFTS })
  return unique
}

/**
 * A series of shifts at one point, all or nothing: every occurrence is checked (times, not in the past, no
 * shift already at the point with the same times) before any is stored, and the point row is locked while
 * they are stored, so two coordinators submitting the same series at once make it once. `preview` stops
 * after the checks, so what the coordinator confirms is what will be made.
 */
export async function createShiftSeries(
  ctx: AppContext,
  request: FastifyRequest,
  input: ShiftSeriesInput,
): Promise<ShiftSeriesResult> {
  const point = await loadPoint(ctx, input.pointId)
  await requireCoordinator(ctx, request, point)
  await checkNeeds(ctx, input.needs)
  const now = ctx.clock.now()
  const occurrences = seriesDates(input).map((date) => {
    const startsAt = shanghaiAt(date, input.startTime)
    const endsAt = shanghaiAt(date, input.endTime)
    return { date, startsAt, endsAt }
  })
  for (const o of occurrences) {
    if (!(o.endsAt > o.startsAt) || o.endsAt.getTime() - o.startsAt.getTime() > MAX_SHIFT_MS)
      throw new AppError('vol_shift_time_invalid')
    if (o.startsAt < now) throw new AppError('vol_series_in_past', { date: o.date })
  }
  const principal = requirePrincipal(request)
  const ids = await ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('duty_point').select('id').where('id', '=', point.id).forUpdate().execute()
    const existing = await trx
      .selectFrom('volunteer_shift')
      .select(['starts_at', 'ends_at'])
      .where('point_id', '=', point.id)
      .where('cancelled_at', 'is', null)
      .where(
        'starts_at',
        'in',
        occurrences.map((o) => o.startsAt),
      )
      .execute()
    const clash = occurrences.find((o) =>
      existing.some(
        (e) => e.starts_at.getTime() === o.startsAt.getTime() && e.ends_at.getTime() === o.endsAt.getTime(),
      ),
    )
    if (clash) throw new AppError('vol_shift_duplicate', { date: clash.date, time: input.startTime })
    if (input.preview) return []
    const ids: number[] = []
    for (const o of occurrences) {
      const row = await trx
        .insertInto('volunteer_shift')
        .values({
          point_id: point.id,
          starts_at: o.startsAt,
          ends_at: o.endsAt,
          note: input.note ?? null,
          created_by: principal.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(row.id)
    }
    await trx
      .insertInto('volunteer_shift_need')
      .values(
        ids.flatMap((id) => input.needs.map((n) => ({ shift_id: id, role_id: n.roleId, needed: n.needed }))),
      )
      .execute()
    await writeAudit(trx, request, {
      action: 'volunteer.shift.series',
      entity: 'volunteer_shift',
      ids,
      detail: {
        pointId: point.id,
        dates: occurrences.map((o) => o.date),
        startTime: input.startTime,
        endTime: input.endTime,
        needs: input.needs,
      },
    })
    return ids
  })
  return {
    occurrences: occurrences.map((o) => ({
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
    })),
    created: ids.length > 0 ? await listShifts(ctx, request, { ids }) : [],
  }
}
