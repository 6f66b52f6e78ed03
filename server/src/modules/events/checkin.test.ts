import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { api, createEvent, HOUR, iso, memberAccount, memberFixture } from './test-fixtures.ts'
import { signToken, verifyToken } from './tokens.ts'

let t: TestApp
let call: ReturnType<typeof api>
let fengpu: Session
let nanqiao: Session
const m: Session[] = []
let eventId: number
let otherEventId: number
let start: number

beforeAll(async () => {
  t = await startTestApp({ config: { sessionIdleMinutes: 7 * 24 * 60, sessionMaxHours: 24 * 30 } })
  call = api(t)
  const admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  nanqiao = await login(t.app, 'nanqiao_admin')
  const fx = await memberFixture(t, admin, '签到测试', 4)
  for (let i = 0; i < 4; i++) m.push(await memberAccount(t, `ci_member_${i}`, fx.people[i]!))
  start = t.clock.now().getTime() + 2 * HOUR
  eventId = (
    await createEvent(t, fengpu, {
      capacity: 2,
      startsAt: iso(start),
      endsAt: iso(start + 2 * HOUR),
      checkinMarginMinutes: 30,
    })
  ).first.id
  otherEventId = (await createEvent(t, fengpu, { startsAt: iso(start), endsAt: iso(start + HOUR) })).first.id
  for (const s of m.slice(0, 3)) await call(s, 'POST', `/api/events/${eventId}/registrations`, {})
  await call(m[0]!, 'POST', `/api/events/${otherEventId}/registrations`, {})
})
afterAll(() => t.close())

const nonce = (() => {
  let n = 0
  return () => `nonce-${Date.now()}-${++n}`
})()

describe('tokens', () => {
  it('verify only what was signed with the secret', () => {
    const claims = { kind: 'R' as const, eventId: 7, registrationId: 42, exp: 1_900_000_000 }
    const token = signToken('s3cret', claims)
    expect(verifyToken('s3cret', token)).toEqual(claims)
    expect(verifyToken('other', token)).toBeNull()
    expect(verifyToken('s3cret', token.replace('.42.', '.43.'))).toBeNull()
    expect(verifyToken('s3cret', token.replace('.1900000000.', '.1999999999.'))).toBeNull()
    expect(verifyToken('s3cret', 'TX1.R.7.42')).toBeNull()
  })
})

describe('check-in', () => {
  it('gives a QR ticket to seated registrants only', async () => {
    const qr = await call(m[0]!, 'GET', `/api/events/${eventId}/my-qr`)
    expect(qr.status).toBe(200)
    expect(qr.body.svg).toContain('<svg')
    const waiting = await call(m[2]!, 'GET', `/api/events/${eventId}/my-qr`)
    expect([waiting.status, waiting.body.code]).toEqual([409, 'checkin_not_admitted'])
    const none = await call(m[3]!, 'GET', `/api/events/${eventId}/my-qr`)
    expect([none.status, none.body.code]).toEqual([404, 'event_not_registered'])
  })

  it('refuses scans before the window, forged, foreign and other-scope scans', async () => {
    const { token } = (await call(m[0]!, 'GET', `/api/events/${eventId}/my-qr`)).body
    const early = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, { token, nonce: nonce() })
    expect([early.status, early.body.code]).toEqual([409, 'checkin_outside_window'])
    t.clock.set(new Date(start - 20 * 60_000))
    const forged = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
      token: `${token.slice(0, -3)}abc`,
      nonce: nonce(),
    })
    expect([forged.status, forged.body.code]).toEqual([400, 'checkin_token_invalid'])
    const other = (await call(m[0]!, 'GET', `/api/events/${otherEventId}/my-qr`)).body.token
    const foreign = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
      token: other,
      nonce: nonce(),
    })
    expect([foreign.status, foreign.body.code]).toEqual([409, 'checkin_other_event'])
    const outsider = await call(nanqiao, 'POST', `/api/events/${eventId}/scans`, { token, nonce: nonce() })
    expect([outsider.status, outsider.body.code]).toEqual([403, 'forbidden_scope'])
    const byMember = await call(m[1]!, 'POST', `/api/events/${eventId}/scans`, { token, nonce: nonce() })
    expect(byMember.status).toBe(403)
    const reg = await t.ctx.db
      .selectFrom('event_registration')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('id')
      .execute()
    expect(reg.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted'])
  })

  it('counts a scan retried with its nonce once, and refuses a replayed ticket with a new nonce', async () => {
    t.clock.set(new Date(start + 5 * 60_000))
    const { token } = (await call(m[0]!, 'GET', `/api/events/${eventId}/my-qr`)).body
    const n = nonce()
    // The scanner was offline: the same scan arrives several times at once, later.
    const sent = await Promise.all(
      [1, 2, 3].map(() => call(fengpu, 'POST', `/api/events/${eventId}/scans`, { token, nonce: n })),
    )
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200])
    expect(sent.map((r) => r.body.replayed).sort()).toEqual([false, true, true])
    const scans = await t.ctx.db.selectFrom('event_scan').selectAll().where('nonce', '=', n).execute()
    expect(scans).toHaveLength(1)
    const replay = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, { token, nonce: nonce() })
    expect([replay.status, replay.body.code]).toEqual([409, 'checkin_already_inside'])
    const reused = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
      token,
      nonce: n,
      direction: 'exit',
    })
    expect([reused.status, reused.body.code]).toEqual([409, 'checkin_nonce_reused'])
    const event = await call(m[0]!, 'GET', `/api/events/${eventId}`)
    expect(event.body).toMatchObject({ attended: 1, mine: { status: 'attended', inside: true } })
  })

  it('records exit and re-entry, and refuses exit before entry', async () => {
    const { token } = (await call(m[1]!, 'GET', `/api/events/${eventId}/my-qr`)).body
    const exitFirst = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
      token,
      nonce: nonce(),
      direction: 'exit',
    })
    expect([exitFirst.status, exitFirst.body.code]).toEqual([409, 'checkin_not_inside'])
    for (const direction of ['entry', 'exit', 'entry']) {
      const r = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
        token,
        nonce: nonce(),
        direction,
      })
      expect([r.status, r.body.direction]).toEqual([200, direction])
    }
    const scans = await t.ctx.db
      .selectFrom('event_scan')
      .select('direction')
      .where('event_id', '=', eventId)
      .orderBy('id')
      .execute()
    expect(scans.map((s) => s.direction)).toEqual(['entry', 'entry', 'exit', 'entry'])
  })

  it('lets a member check in by scanning the door QR, once', async () => {
    const door = (await call(fengpu, 'GET', `/api/events/${eventId}/door-qr`)).body.token
    const waiting = await call(m[2]!, 'POST', '/api/events/door-scans', { token: door, nonce: nonce() })
    expect([waiting.status, waiting.body.code]).toEqual([409, 'checkin_not_admitted'])
    const notRegistered = await call(m[3]!, 'POST', '/api/events/door-scans', { token: door, nonce: nonce() })
    expect([notRegistered.status, notRegistered.body.code]).toEqual([404, 'event_not_registered'])
    // A registration ticket is not a door code, nor the other way round.
    const ticket = (await call(m[0]!, 'GET', `/api/events/${eventId}/my-qr`)).body.token
    expect(
      (await call(m[0]!, 'POST', '/api/events/door-scans', { token: ticket, nonce: nonce() })).body.code,
    ).toBe('checkin_token_invalid')
    expect(
      (await call(fengpu, 'POST', `/api/events/${eventId}/scans`, { token: door, nonce: nonce() })).body.code,
    ).toBe('checkin_token_invalid')
  })

  it('accepts an offline scan made inside the window after it closed, but not a later one, nor an expired ticket', async () => {
    const ticket = (await call(m[1]!, 'GET', `/api/events/${eventId}/my-qr`)).body.token
    const scannedAt = iso(t.clock.now().getTime())
    t.clock.set(new Date(start + 3 * HOUR)) // the window closed at end + 30 min
    const n = nonce()
    const late = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
      token: ticket,
      nonce: n,
      direction: 'exit',
      scannedAt,
    })
    expect([late.status, late.body.replayed]).toEqual([200, false])
    const again = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
      token: ticket,
      nonce: n,
      direction: 'exit',
      scannedAt,
    })
    expect([again.status, again.body.replayed]).toEqual([200, true])
    const now = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, { token: ticket, nonce: nonce() })
    expect([now.status, now.body.code]).toEqual([410, 'checkin_token_expired'])
    const future = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
      token: ticket,
      nonce: nonce(),
      scannedAt: iso(t.clock.now().getTime() + HOUR),
    })
    expect([future.status, future.body.code]).toEqual([400, 'checkin_scan_in_future'])
  })
})
