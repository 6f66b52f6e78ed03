import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.ts'

/**
 * The rules every bookable thing shares (station rooms in events, alliance resources in exchange): a slot
 * is a half-open interval [start, end) in Shanghai local time, it must end after it starts, fall inside one
 * opening window of one day, and not overlap a booking that holds the thing. Each module locks its own
 * row (the room, the offering) before `findClash`, so two requests for one slot take turns and the second
 * sees the first's booking — one wins on PGlite and PostgreSQL alike (PGlite has no btree_gist for an
 * exclusion constraint). The modules keep their own error codes, as their wording differs ("the room" /
 * "the resource"); these functions say what is wrong, not how to put it.
 */

const SHANGHAI_MS = 8 * 3_600_000
/** '2026-11-26T14:05' in Shanghai local time. */
export const shanghaiLocal = (d: Date) => new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 16)

export interface Window {
  opens: string
  closes: string
}

export type SlotProblem =
  | { problem: 'ends_before_start' }
  | { problem: 'in_past' }
  /** `windows`: that day's opening windows (empty: closed that day). */
  | { problem: 'outside_hours'; windows: Window[] }

/** ISO weekday (1 = Monday … 7 = Sunday) of a Shanghai local 'YYYY-MM-DD'. */
export const isoWeekday = (localDate: string) => {
  const d = new Date(`${localDate}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/**
 * What is wrong with a slot, or null. `hours` gives a weekday's windows, or null when the thing keeps no
 * hours (any time, any length). `now` refuses a slot that has already begun.
 */
export function slotProblem(
  startsAt: Date,
  endsAt: Date,
  o: { now?: Date; hours: (weekday: number) => Window[] | null },
): SlotProblem | null {
  if (endsAt <= startsAt) return { problem: 'ends_before_start' }
  if (o.now && startsAt < o.now) return { problem: 'in_past' }
  const from = shanghaiLocal(startsAt)
  const to = shanghaiLocal(endsAt)
  const windows = o.hours(isoWeekday(from.slice(0, 10)))
  if (windows === null) return null
  const fits =
    from.slice(0, 10) === to.slice(0, 10) &&
    windows.some((w) => from.slice(11) >= w.opens && to.slice(11) <= w.closes)
  return fits ? null : { problem: 'outside_hours', windows }
}

/**
 * The first booking of the same thing that overlaps [startsAt, endsAt) among those in `holding` states,
 * as Shanghai local times for the message ({from: '2026-11-26 14:00', to: '15:00'}), or null. Must run
 * after the thing's row is locked in the same transaction.
 */
export async function findClash(
  trx: Kysely<DB>,
  o: {
    table: 'booking' | 'resource_booking'
    column: 'station_room_id' | 'offering_id'
    id: number
    holding: string[]
    startsAt: Date
    endsAt: Date
    except?: number
  },
): Promise<{ from: string; to: string } | null> {
  const r = await sql<{ starts_at: Date; ends_at: Date }>`
    SELECT starts_at, ends_at FROM ${sql.table(o.table)}
     WHERE ${sql.ref(o.column)} = ${o.id} AND status IN (${sql.join(o.holding)})
       AND starts_at < ${o.endsAt} AND ends_at > ${o.startsAt}
       ${o.except === undefined ? sql`` : sql`AND id <> ${o.except}`}
     ORDER BY starts_at LIMIT 1`.execute(trx)
  const clash = r.rows[0]
  if (!clash) return null
  return {
    from: shanghaiLocal(new Date(clash.starts_at)).replace('T', ' '),
    to: shanghaiLocal(new Date(clash.ends_at)).slice(11),
  }
}
