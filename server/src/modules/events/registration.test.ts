import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { markNoShows } from './registration.service.ts'
import { api, createEvent, FENGPU, HOUR, iso, memberAccount, memberFixture } from './test-fixtures.ts'

let t: TestApp
let call: ReturnType<typeof api>
let fengpu: Session
let chief: Session
let fx: Awaited<ReturnType<typeof memberFixture>>
const members: Session[] = []
let outsider: Session

beforeAll(async () => {
  t = await startTestApp({ config: { sessionIdleMinutes: 7 * 24 * 60, sessionMaxHours: 24 * 30 } })
  call = api(t)
  const admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  chief = await login(t.app, 'chief_demo')
  fx = await memberFixture(t, admin, '报名测试', 16)
  for (let i = 0; i < 3; i++) members.push(await memberAccount(t, `ev_member_${i}`, fx.people[i]!))
  outsider = await memberAccount(t, 'ev_outsider', null)
})
afterAll(() => t.close())

const soon = () => t.clock.now().getTime() + 24 * HOUR

describe('creating events', () => {
  it('refuses bad input with specific codes and stores nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const base = { kind: 'lecture', theme: 'economy', title: '党课', areaCode: FENGPU, capacity: 5 }
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, startsAt: iso(soon()), endsAt: iso(soon() - HOUR) }, 400, 'event_ends_before_start'],
      [{ ...base, startsAt: iso(soon()), endsAt: iso(soon() + 100 * HOUR) }, 400, 'event_too_long'],
      [
        { ...base, areaCode: undefined, startsAt: iso(soon()), endsAt: iso(soon() + HOUR) },
        400,
        'event_venue_required',
      ],
      [
        { ...base, audience: 'buildings', startsAt: iso(soon()), endsAt: iso(soon() + HOUR) },
        400,
        'event_audience_ids_required',
      ],
      [
        { ...base, lecturerIds: [999999], startsAt: iso(soon()), endsAt: iso(soon() + HOUR) },
        400,
        'unknown_lecturer',
      ],
      [
        { ...base, rrule: 'FREQ=WEEKLY', startsAt: iso(soon()), endsAt: iso(soon() + HOUR) },
        400,
        'rrule_unbounded',
      ],
      [
        { ...base, rrule: 'FREQ=DAILY;COUNT=400', startsAt: iso(soon()), endsAt: iso(soon() + HOUR) },
        400,
        'rrule_unbounded',
      ],
      [
        { ...base, rrule: 'FREQ=SOMETIMES;COUNT=3', startsAt: iso(soon()), endsAt: iso(soon() + HOUR) },
        400,
        'rrule_invalid',
      ],
    ]
    for (const [payload, status, code] of cases) {
      const res = await call(fengpu, 'POST', '/api/events', payload)
      expect([res.status, res.body.code]).toEqual([status, code])
    }
    const after = await t.ctx.db
      .selectFrom('event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('lets a member read but not organise, and a chief organise only in their building', async () => {
    const res = await call(members[0]!, 'POST', '/api/events', {
      kind: 'activity',
      theme: 'home',
      title: '亲子活动',
      areaCode: FENGPU,
      capacity: 5,
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    expect(res.status).toBe(403)
    const chiefs = await call(chief, 'POST', '/api/events', {
      kind: 'activity',
      theme: 'home',
      title: '楼宇活动',
      buildingId: fx.buildingId,
      capacity: 5,
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    expect(chiefs.status).toBe(403)
  })

  it('expands a bounded RRULE into a series', async () => {
    const start = soon()
    const body = await createEvent(t, fengpu, {
      kind: 'activity',
      theme: 'health',
      title: '贤韵养生堂',
      rrule: 'FREQ=WEEKLY;COUNT=4',
      startsAt: iso(start),
      endsAt: iso(start + 2 * HOUR),
    })
    expect(body.ids).toHaveLength(4)
    const rows = await t.ctx.db
      .selectFrom('event')
      .select(['starts_at', 'series_id'])
      .where('id', 'in', body.ids)
      .orderBy('starts_at')
      .execute()
    expect(rows.map((r) => r.starts_at.getTime() - start)).toEqual([0, 7, 14, 21].map((d) => d * 24 * HOUR))
    expect(new Set(rows.map((r) => r.series_id)).size).toBe(1)
  })
})

describe('registration', () => {
  it('under concurrency registers exactly capacity and waitlists the rest, in order', async () => {
    const { first } = await createEvent(t, fengpu, {
      capacity: 5,
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    const people = fx.people.slice(3, 15)
    const results = await Promise.all(
      people.map((personId) => call(fengpu, 'POST', `/api/events/${first.id}/registrations`, { personId })),
    )
    expect(results.map((r) => r.status)).toEqual(people.map(() => 201))
    const regs = await call(fengpu, 'GET', `/api/events/${first.id}/registrations`)
    const statuses = regs.body.items.map((r: { status: string }) => r.status)
    expect(statuses.filter((s: string) => s === 'registered')).toHaveLength(5)
    expect(statuses.filter((s: string) => s === 'waitlisted')).toHaveLength(7)
    // Seats go to the first five rows in id order: registration order decides.
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill('registered'))
    const again = await call(fengpu, 'POST', `/api/events/${first.id}/registrations`, { personId: people[0] })
    expect([again.status, again.body.code]).toEqual([409, 'event_already_registered'])
  })

  it('refuses a second registration of the same member, even when both race', async () => {
    const { first } = await createEvent(t, fengpu, {
      capacity: 3,
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    const twice = await Promise.all(
      [1, 2, 3].map(() => call(members[0]!, 'POST', `/api/events/${first.id}/registrations`, {})),
    )
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409, 409])
    expect(twice.find((r) => r.status === 409)!.body.code).toBe('event_already_registered')
    const event = await call(members[0]!, 'GET', `/api/events/${first.id}`)
    expect(event.body.registered).toBe(1)
    expect(event.body.mine.status).toBe('registered')
  })

  it('promotes the first waitlisted exactly once when seats free up, even when cancellations race', async () => {
    const { first } = await createEvent(t, fengpu, {
      capacity: 2,
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    for (const m of members)
      expect((await call(m, 'POST', `/api/events/${first.id}/registrations`, {})).status).toBe(201)
    // A fourth joins through the organiser: waitlist positions 1 and 2.
    await call(fengpu, 'POST', `/api/events/${first.id}/registrations`, { personId: fx.people[15] })
    const third = await call(members[2]!, 'GET', `/api/events/${first.id}`)
    expect(third.body.mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    // Both seated members cancel at once: both waiting get seats, nobody twice, capacity never exceeded.
    const cancels = await Promise.all(
      [members[0]!, members[1]!].map((m) => call(m, 'DELETE', `/api/events/${first.id}/registrations/mine`)),
    )
    expect(cancels.map((c) => c.status)).toEqual([200, 200])
    const regs = (await call(fengpu, 'GET', `/api/events/${first.id}/registrations`)).body.items
    expect(regs.map((r: { status: string }) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'registered',
      'registered',
    ])
    const note = await t.ctx.db
      .selectFrom('notification')
      .selectAll()
      .where('entity', '=', 'event')
      .where('entity_id', '=', first.id)
      .where('kind', '=', 'event.promoted')
      .execute()
    expect(note).toHaveLength(1) // the organiser-registered person has no account to notify
    // Cancelling again: nothing to cancel.
    const again = await call(members[0]!, 'DELETE', `/api/events/${first.id}/registrations/mine`)
    expect([again.status, again.body.code]).toEqual([404, 'event_not_registered'])
    // A cancelled member may register again — at the back of the queue.
    const back = await call(members[0]!, 'POST', `/api/events/${first.id}/registrations`, {})
    expect(back.body.mine.status).toBe('waitlisted')
  })

  it('keeps events with an audience rule to that audience', async () => {
    const { first } = await createEvent(t, fengpu, {
      audience: 'buildings',
      audienceIds: [fx.buildingId],
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    const no = await call(outsider, 'POST', `/api/events/${first.id}/registrations`, {})
    expect([no.status, no.body.code]).toEqual([403, 'event_not_in_audience'])
    expect((await call(members[1]!, 'POST', `/api/events/${first.id}/registrations`, {})).status).toBe(201)
    const byOrg = await createEvent(t, fengpu, {
      audience: 'orgs',
      audienceIds: [fx.orgId],
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    expect((await call(members[2]!, 'POST', `/api/events/${byOrg.first.id}/registrations`, {})).status).toBe(
      201,
    )
    expect((await call(outsider, 'POST', `/api/events/${byOrg.first.id}/registrations`, {})).status).toBe(403)
  })

  it('cancelling an event notifies everyone registered or waiting, and then refuses registrations', async () => {
    const { first } = await createEvent(t, fengpu, {
      capacity: 1,
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    await call(members[0]!, 'POST', `/api/events/${first.id}/registrations`, {})
    await call(members[1]!, 'POST', `/api/events/${first.id}/registrations`, {})
    const stale = await call(fengpu, 'POST', `/api/events/${first.id}/cancel`, {
      version: 99,
      reason: '讲师临时有事',
    })
    expect([stale.status, stale.body.code]).toEqual([409, 'version_conflict'])
    const res = await call(fengpu, 'POST', `/api/events/${first.id}/cancel`, {
      version: first.version,
      reason: '讲师临时有事',
    })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
    const notes = await t.ctx.db
      .selectFrom('notification')
      .select(['kind', 'body'])
      .where('entity', '=', 'event')
      .where('entity_id', '=', first.id)
      .execute()
    expect(notes).toEqual([
      { kind: 'event.cancelled', body: '讲师临时有事' },
      { kind: 'event.cancelled', body: '讲师临时有事' },
    ])
    const late = await call(members[2]!, 'POST', `/api/events/${first.id}/registrations`, {})
    expect([late.status, late.body.code]).toEqual([409, 'event_cancelled'])
  })

  it('raising capacity moves the waitlist up; editing needs the current version', async () => {
    const { first } = await createEvent(t, fengpu, {
      capacity: 1,
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    await call(members[0]!, 'POST', `/api/events/${first.id}/registrations`, {})
    await call(members[1]!, 'POST', `/api/events/${first.id}/registrations`, {})
    const edited = await call(fengpu, 'PATCH', `/api/events/${first.id}`, {
      version: first.version,
      capacity: 2,
    })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ registered: 2, waitlisted: 0, version: first.version + 1 })
    const stale = await call(fengpu, 'PATCH', `/api/events/${first.id}`, {
      version: first.version,
      capacity: 3,
    })
    expect(stale.status).toBe(409)
    const bad = await call(fengpu, 'PATCH', `/api/events/${first.id}`, {
      version: first.version + 1,
      endsAt: iso(soon() - HOUR),
    })
    expect([bad.status, bad.body.code]).toEqual([400, 'event_ends_before_start'])
  })

  it('marks those who never came as no-shows once the window closes, once', async () => {
    const start = t.clock.now().getTime() + HOUR
    const { first } = await createEvent(t, fengpu, {
      startsAt: iso(start),
      endsAt: iso(start + HOUR),
      checkinMarginMinutes: 15,
    })
    await call(members[0]!, 'POST', `/api/events/${first.id}/registrations`, {})
    t.clock.advance(2 * HOUR + 10 * 60_000)
    await markNoShows(t.ctx)
    let reg = await t.ctx.db
      .selectFrom('event_registration')
      .select('status')
      .where('event_id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(reg.status).toBe('registered')
    t.clock.advance(10 * 60_000)
    await Promise.all([markNoShows(t.ctx), markNoShows(t.ctx)])
    reg = await t.ctx.db
      .selectFrom('event_registration')
      .select('status')
      .where('event_id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(reg.status).toBe('no_show')
    const late = await call(members[1]!, 'POST', `/api/events/${first.id}/registrations`, {})
    expect([late.status, late.body.code]).toEqual([409, 'event_over'])
  })
})

describe('calendar', () => {
  it('serves an event as .ics and a personal feed behind a secret token', async () => {
    const { first } = await createEvent(t, fengpu, {
      title: '党课：百年党史',
      startsAt: iso(soon()),
      endsAt: iso(soon() + HOUR),
    })
    const ics = await call(members[2]!, 'GET', `/api/events/${first.id}/ics`)
    expect(ics.status).toBe(200)
    expect(ics.raw.headers['content-type']).toContain('text/calendar')
    expect(ics.raw.body).toContain('SUMMARY:党课：百年党史')
    await call(members[2]!, 'POST', `/api/events/${first.id}/registrations`, {})
    const token = await call(members[2]!, 'POST', '/api/calendar/feed-token')
    const feed = await t.app.inject({ method: 'GET', url: token.body.path })
    expect(feed.statusCode).toBe(200)
    expect(feed.body).toContain(`event-${first.id}@tongxin`)
    // A new token retires the old address.
    await call(members[2]!, 'POST', '/api/calendar/feed-token')
    const old = await t.app.inject({ method: 'GET', url: token.body.path })
    expect([old.statusCode, old.json().code]).toEqual([404, 'feed_token_unknown'])
  })
})
