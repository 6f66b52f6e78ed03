import type { FastifyRequest } from 'fastify'
import ical, { ICalEventStatus } from 'ical-generator'
import type { AppContext } from '../../context.ts'
import { hmac, randomToken } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { type EventRow, eventQuery } from './events.repository.ts'

/**
 * Times are written in UTC (`…Z`), which every client places exactly. A calendar timezone without a
 * VTIMEZONE generator made ical-generator write the UTC digits as floating local time (a 14:00 Shanghai
 * event at DTSTART:…T060000, read as 06:00 wherever the client is).
 */
function calendarOf(name: string, rows: EventRow[]) {
  const cal = ical({ name, prodId: { company: 'tongxin', product: 'events', language: 'ZH' } })
  for (const r of rows) {
    cal.createEvent({
      id: `event-${r.id}@tongxin`,
      start: r.starts_at,
      end: r.ends_at,
      summary: r.title,
      description: r.description ?? undefined,
      location: [r.venue_name, r.location].filter(Boolean).join(' ') || r.area_name,
      status: r.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: r.version,
    })
  }
  return cal.toString()
}

export async function eventIcs(ctx: AppContext, id: number): Promise<string> {
  const row = await eventQuery(ctx.db).where('e.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return calendarOf(row.title, [row])
}

const feedHash = (ctx: AppContext, token: string) => hmac(ctx.secret, `events.feed:${token}`)

/** A new secret feed address for the caller; the previous one stops working. Only the token's HMAC is kept. */
export async function resetFeedToken(ctx: AppContext, request: FastifyRequest): Promise<string> {
  const principal = requirePrincipal(request)
  const token = randomToken(24)
  await ctx.db
    .insertInto('calendar_feed')
    .values({
      account_id: principal.accountId,
      token_hash: feedHash(ctx, token),
      created_at: ctx.clock.now(),
    })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({ token_hash: feedHash(ctx, token), created_at: ctx.clock.now() }),
    )
    .execute()
  return token
}

/** The personal feed: every event the account is registered or waiting for, from 90 days back. */
export async function personalFeed(ctx: AppContext, token: string): Promise<string> {
  const feed = await ctx.db
    .selectFrom('calendar_feed')
    .select('account_id')
    .where('token_hash', '=', feedHash(ctx, token))
    .executeTakeFirst()
  if (!feed) throw new AppError('feed_token_unknown')
  const since = new Date(ctx.clock.now().getTime() - 90 * 86_400_000)
  const rows = await eventQuery(ctx.db)
    .where('e.ends_at', '>=', since)
    .where('e.id', 'in', (eb) =>
      eb
        .selectFrom('event_registration')
        .select('event_id')
        .where('account_id', '=', feed.account_id)
        .where('status', '<>', 'cancelled'),
    )
    .orderBy('e.starts_at')
    .limit(500)
    .execute()
  return calendarOf('同心 · 我的活动', rows)
}
