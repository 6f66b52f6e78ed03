import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { notify } from './outbox.ts'

const HOUR = 3_600_000

/** "3月5日 14:00" in Shanghai time. */
export function shanghaiWhen(d: Date): string {
  const p = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d)
  const part = (t: string) => p.find((x) => x.type === t)?.value ?? ''
  return `${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}`
}

interface Due {
  id: number
  title: string
  starts_at: Date
  area_code: string | null
  place: string | null
  account_id: number
}

/**
 * Lecture/event reminders 24 h and 2 h before, to everyone holding a seat (their own registration, or one an
 * organiser made for their linked person). Each (account, event, window) is written once: the sweep skips
 * accounts that have it and the unique index on dedupe_key refuses a racing second instance.
 */
export async function remindEvents(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  let written = 0
  for (const [window, from, to] of [
    ['2h', 0, 2 * HOUR],
    ['24h', 2 * HOUR, 24 * HOUR],
  ] as const) {
    const key = `event.reminder.${window}:`
    const due = await sql<Due>`
      SELECT e.id, e.title, e.starts_at, e.area_code, coalesce(e.location, b.name) AS place,
             coalesce(r.account_id, l.account_id) AS account_id
        FROM event e
        JOIN event_registration r ON r.event_id = e.id AND r.status = 'registered'
        LEFT JOIN account_person_link l ON r.account_id IS NULL AND l.person_id = r.person_id
        LEFT JOIN building b ON b.id = e.building_id
       WHERE e.status = 'scheduled'
         AND e.starts_at > ${new Date(now.getTime() + from)} AND e.starts_at <= ${new Date(now.getTime() + to)}
         AND coalesce(r.account_id, l.account_id) IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM notification n
                          WHERE n.account_id = coalesce(r.account_id, l.account_id)
                            AND n.dedupe_key = ${key} || e.id)
       ORDER BY e.id`.execute(ctx.db)
    const byEvent = new Map<number, Due[]>()
    for (const r of due.rows) byEvent.set(Number(r.id), [...(byEvent.get(Number(r.id)) ?? []), r])
    for (const [id, rows] of byEvent) {
      const e = rows[0]!
      written += await ctx.db.transaction().execute((trx) =>
        notify(
          ctx,
          trx,
          {
            kind: 'event.reminder',
            title: `活动提醒：${e.title}（${shanghaiWhen(e.starts_at)}开始）`,
            subject: e.title,
            body: [shanghaiWhen(e.starts_at), e.place].filter(Boolean).join(' · '),
            entity: 'event',
            entityId: id,
            areaCode: e.area_code,
            link: `/events/${id}`,
            dedupeKey: `${key}${id}`,
            at: now,
          },
          rows.map((r) => Number(r.account_id)),
        ),
      )
    }
  }
  return written
}

/** Volunteer shifts: a reminder the day before (within 24 h of the start), once per sign-up. */
export async function remindShifts(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const due = await sql<{
    id: number
    starts_at: Date
    account_id: number
    point: string
    area_code: string
  }>`
    SELECT s.id, s.starts_at, v.account_id, p.name AS point, p.area_code
      FROM volunteer_signup s
      JOIN volunteer v ON v.id = s.volunteer_id
      JOIN volunteer_shift sh ON sh.id = s.shift_id AND sh.cancelled_at IS NULL
      JOIN duty_point p ON p.id = s.point_id
     WHERE s.status = 'active' AND s.starts_at > ${now} AND s.starts_at <= ${new Date(now.getTime() + 24 * HOUR)}
       AND NOT EXISTS (SELECT 1 FROM notification n
                        WHERE n.account_id = v.account_id AND n.dedupe_key = 'shift.reminder:' || s.id)
     ORDER BY s.id`.execute(ctx.db)
  let written = 0
  for (const s of due.rows) {
    written += await ctx.db.transaction().execute((trx) =>
      notify(
        ctx,
        trx,
        {
          kind: 'shift.reminder',
          title: `值守提醒：${s.point}（${shanghaiWhen(s.starts_at)}）`,
          subject: s.point,
          body: shanghaiWhen(s.starts_at),
          entity: 'volunteer_signup',
          entityId: Number(s.id),
          areaCode: s.area_code,
          link: '/my-volunteering',
          dedupeKey: `shift.reminder:${s.id}`,
          at: now,
        },
        [Number(s.account_id)],
      ),
    )
  }
  return written
}
