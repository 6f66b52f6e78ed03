import type { Registration } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { noticePromoted } from '../notifications/flows.people.ts'
import { eventRefs, inAudience, personOf } from './access.ts'
import { SEATED } from './events.repository.ts'

const STATUS_WORDS: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  registered: { 'zh-CN': '已报名', 'en-US': 'registered' },
  waitlisted: { 'zh-CN': '候补中', 'en-US': 'waitlisted' },
  attended: { 'zh-CN': '已签到', 'en-US': 'attended' },
  no_show: { 'zh-CN': '未到场', 'en-US': 'no-show' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'cancelled' },
}
export const statusWord = (s: string) => STATUS_WORDS[s] ?? { 'zh-CN': s, 'en-US': s }

export const toRegistration = (r: {
  id: number
  event_id: number
  name: string
  person_id: number | null
  status: string
  inside: boolean
  registered_at: Date
  attended_at: Date | null
}): Registration => ({
  id: r.id,
  eventId: r.event_id,
  name: r.name,
  personId: r.person_id,
  status: r.status as Registration['status'],
  inside: r.inside,
  registeredAt: r.registered_at.toISOString(),
  attendedAt: r.attended_at ? r.attended_at.toISOString() : null,
})

/**
 * Moves the waitlist up into free seats, oldest first. Callers hold the event row's lock, so two
 * cancellations at once cannot promote the same person or overfill the event.
 */
export async function fillSeats(
  ctx: AppContext,
  trx: Kysely<DB>,
  e: { id: number; capacity: number; title: string; area_code?: string },
  now: Date,
): Promise<number[]> {
  const seated = await trx
    .selectFrom('event_registration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', e.id)
    .where('status', 'in', SEATED)
    .executeTakeFirstOrThrow()
  const free = e.capacity - Number(seated.n)
  if (free <= 0) return []
  const promoted = await trx
    .updateTable('event_registration')
    .set({ status: 'registered', promoted_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('event_registration')
        .select('id')
        .where('event_id', '=', e.id)
        .where('status', '=', 'waitlisted')
        .orderBy('id')
        .limit(free),
    )
    .returning(['id', 'account_id', 'person_id'])
    .execute()
  if (promoted.length > 0) await noticePromoted(ctx, trx, e, promoted, now)
  return promoted.map((p) => p.id)
}

/**
 * Registers the caller (or, for an organiser, a member by person id). The event row is locked for the
 * count and the insert, so however many requests race, exactly `capacity` are registered and the rest
 * wait in order; a second registration of the same person is refused (409) — the unique index backs it.
 */
export async function register(
  ctx: AppContext,
  request: FastifyRequest,
  eventId: number,
  body: { personId?: number },
) {
  const principal = requirePrincipal(request)
  const now = ctx.clock.now()
  const e = await ctx.db.selectFrom('event').selectAll().where('id', '=', eventId).executeTakeFirst()
  if (!e) throw new AppError('not_found')
  if (e.status === 'cancelled') throw new AppError('event_cancelled')
  if (e.ends_at < now) throw new AppError('event_over')
  let who: { accountId: number | null; personId: number | null; name: string }
  if (body.personId) {
    let allowed = false
    for (const ref of eventRefs(e)) allowed ||= await request.can('event.manage', ref)
    if (!allowed) throw new AppError('forbidden_scope')
    const person = await ctx.db
      .selectFrom('person as p')
      .leftJoin('account_person_link as l', 'l.person_id', 'p.id')
      .select(['p.id', 'p.name', 'l.account_id'])
      .where('p.id', '=', body.personId)
      .where('p.deleted_at', 'is', null)
      .executeTakeFirst()
    if (!person)
      throw new AppError('unknown_ref', { what: { 'zh-CN': '人员', 'en-US': 'person' }, id: body.personId })
    who = { accountId: person.account_id, personId: person.id, name: person.name }
  } else {
    const person = await personOf(ctx.db, principal.accountId)
    if (!(await inAudience(ctx.db, e, person ?? null))) throw new AppError('event_not_in_audience')
    who = {
      accountId: principal.accountId,
      personId: person?.id ?? null,
      name: person?.name ?? principal.displayName,
    }
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('event')
      .select(['id', 'capacity', 'status', 'title'])
      .where('id', '=', eventId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (locked.status === 'cancelled') throw new AppError('event_cancelled')
    const existing = await trx
      .selectFrom('event_registration')
      .select('status')
      .where('event_id', '=', eventId)
      .where('status', '<>', 'cancelled')
      .where((eb) =>
        eb.or([
          ...(who.accountId !== null ? [eb('account_id', '=', who.accountId)] : []),
          ...(who.personId !== null ? [eb('person_id', '=', who.personId)] : []),
        ]),
      )
      .executeTakeFirst()
    if (existing) throw new AppError('event_already_registered', { status: statusWord(existing.status) })
    const seated = await trx
      .selectFrom('event_registration')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', eventId)
      .where('status', 'in', SEATED)
      .executeTakeFirstOrThrow()
    const row = await trx
      .insertInto('event_registration')
      .values({
        event_id: eventId,
        account_id: who.accountId,
        person_id: who.personId,
        name: who.name,
        status: Number(seated.n) < locked.capacity ? 'registered' : 'waitlisted',
        registered_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (body.personId) {
      await writeAudit(trx, request, {
        action: 'event.register_member',
        entity: 'event_registration',
        ids: [row.id],
        detail: { eventId, personId: body.personId },
      })
    }
    return row.id
  })
  return id
}

/** Cancels the caller's registration; a freed seat goes to the first on the waitlist in the same transaction. */
export async function cancelRegistration(ctx: AppContext, request: FastifyRequest, eventId: number) {
  const principal = requirePrincipal(request)
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const e = await trx
      .selectFrom('event')
      .select(['id', 'capacity', 'title', 'ends_at'])
      .where('id', '=', eventId)
      .forUpdate()
      .executeTakeFirst()
    if (!e) throw new AppError('not_found')
    const mine = await trx
      .selectFrom('event_registration')
      .select(['id', 'status'])
      .where('event_id', '=', eventId)
      .where('account_id', '=', principal.accountId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst()
    if (!mine) throw new AppError('event_not_registered')
    if (mine.status !== 'registered' && mine.status !== 'waitlisted')
      throw new AppError('event_registration_final')
    if (e.ends_at < now) throw new AppError('event_over')
    await trx
      .updateTable('event_registration')
      .set({ status: 'cancelled', cancelled_at: now })
      .where('id', '=', mine.id)
      .execute()
    if (mine.status === 'registered') await fillSeats(ctx, trx, e, now)
  })
}

export async function eventRegistrations(ctx: AppContext, eventId: number): Promise<Registration[]> {
  const rows = await ctx.db
    .selectFrom('event_registration')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute()
  return rows.map(toRegistration)
}

/**
 * After an event's check-in window has closed, whoever is still only `registered` did not come. A plain
 * conditional update: any number of instances may run it, each row changes once.
 */
export async function markNoShows(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const res = await ctx.db
    .updateTable('event_registration')
    .set({ status: 'no_show' })
    .where('status', '=', 'registered')
    .where('event_id', 'in', (eb) =>
      eb
        .selectFrom('event')
        .select('id')
        .where('status', '=', 'scheduled')
        .where(sql<boolean>`ends_at + checkin_margin_minutes * interval '1 minute' < ${now}`),
    )
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}
