import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { api, createEvent, HOUR, memberAccount, memberFixture } from './test-fixtures.ts'

let t: TestApp
let call: ReturnType<typeof api>
let fengpu: Session
let member: Session

beforeAll(async () => {
  t = await startTestApp()
  call = api(t)
  fengpu = await login(t.app, 'fengpu_admin')
  const fx = await memberFixture(t, await login(t.app, 'admin'), '日历测试', 1)
  member = await memberAccount(t, 'ev_calendar_member', fx.people[0]!)
})
afterAll(() => t.close())

/**
 * The instants a calendar file gives for each event (by UID), read back with ical.js. A time must carry its
 * zone: UTC (`Z`) or a TZID defined by a VTIMEZONE in the same file. A floating time (neither) is refused,
 * since a client reads it in its own zone — whatever this machine's zone happens to be.
 */
function instants(text: string): Map<string, { start: number; end: number }> {
  const cal = new ICAL.Component(ICAL.parse(text))
  const zones = new Map<string, ICAL.Timezone>()
  for (const vtz of cal.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtz)
    zones.set(zone.tzid, zone)
  }
  const at = (vevent: ICAL.Component, name: 'dtstart' | 'dtend') => {
    const prop = vevent.getFirstProperty(name)!
    const time = prop.getFirstValue() as ICAL.Time
    const tzid = prop.getParameter('tzid') as string | undefined
    if (tzid) {
      const zone = zones.get(tzid)
      expect(zone, `${name} names TZID ${tzid} without a VTIMEZONE`).toBeDefined()
      time.zone = zone!
    } else {
      expect(time.zone?.tzid, `${name} ${prop.toICALString()} is floating`).toBe('UTC')
    }
    return time.toUnixTime() * 1000
  }
  const out = new Map<string, { start: number; end: number }>()
  for (const vevent of cal.getAllSubcomponents('vevent')) {
    out.set(String(vevent.getFirstPropertyValue('uid')), {
      start: at(vevent, 'dtstart'),
      end: at(vevent, 'dtend'),
    })
  }
  return out
}

describe('calendar files carry the right instant', () => {
  it('puts a 14:00 Shanghai lecture at 14:00 Shanghai in the .ics and in the personal feed', async () => {
    const day = new Date(t.clock.now().getTime() + 10 * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10)
    const startsAt = new Date(`${day}T14:00:00+08:00`)
    const endsAt = new Date(`${day}T15:30:00+08:00`)
    const { first } = await createEvent(t, fengpu, {
      title: '党课：时区',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    })
    const stored = await t.ctx.db
      .selectFrom('event')
      .select(['starts_at', 'ends_at'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(stored.starts_at.getTime()).toBe(startsAt.getTime())
    const uid = `event-${first.id}@tongxin`

    const ics = await call(member, 'GET', `/api/events/${first.id}/ics`)
    expect(ics.status).toBe(200)
    const single = instants(ics.raw.body).get(uid)
    expect(single).toEqual({ start: stored.starts_at.getTime(), end: stored.ends_at.getTime() })

    expect((await call(member, 'POST', `/api/events/${first.id}/registrations`, {})).status).toBe(201)
    const token = await call(member, 'POST', '/api/calendar/feed-token')
    const feed = await t.app.inject({ method: 'GET', url: token.body.path })
    expect(feed.statusCode).toBe(200)
    expect(instants(feed.body).get(uid)).toEqual({
      start: stored.starts_at.getTime(),
      end: stored.ends_at.getTime(),
    })
  })
})
