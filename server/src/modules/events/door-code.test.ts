import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { CODE_LIMITS } from './door-code.ts'
import { api, createEvent, HOUR, iso, memberAccount, memberFixture } from './test-fixtures.ts'

/**
 * The short door code: the organiser shows or says it, registrants type it on their own phone. It is the
 * spoken stand-in for the door QR, so guessing it must not pay: wrong codes are counted per account and per
 * event, in the database, race-free.
 */
let t: TestApp
let call: ReturnType<typeof api>
let fengpu: Session
let nanqiao: Session
const m: Session[] = []
let outsider: Session
let eventId: number
let otherEventId: number
let start: number
const ALPHABET = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/

const nonce = (() => {
  let n = 0
  return () => `code-${Date.now()}-${++n}`
})()

beforeAll(async () => {
  t = await startTestApp({ config: { sessionIdleMinutes: 7 * 24 * 60, sessionMaxHours: 24 * 30 } })
  call = api(t)
  const admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  nanqiao = await login(t.app, 'nanqiao_admin')
  const fx = await memberFixture(t, admin, '签到码', 12)
  for (let i = 0; i < 12; i++) m.push(await memberAccount(t, `code_member_${i}`, fx.people[i]!))
  outsider = await memberAccount(t, 'code_outsider', null)
  start = t.clock.now().getTime() + 2 * HOUR
  eventId = (
    await createEvent(t, fengpu, {
      capacity: 20,
      startsAt: iso(start),
      endsAt: iso(start + 2 * HOUR),
      checkinMarginMinutes: 30,
    })
  ).first.id
  otherEventId = (await createEvent(t, fengpu, { startsAt: iso(start), endsAt: iso(start + HOUR) })).first.id
  for (const s of m) await call(s, 'POST', `/api/events/${eventId}/registrations`, {})
  await call(m[0]!, 'POST', `/api/events/${otherEventId}/registrations`, {})
})
afterAll(() => t.close())

const doorCode = async (id = eventId) => {
  const r = await call(fengpu, 'GET', `/api/events/${id}/door-code`)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body.code as string
}
const enter = (s: Session, code: string, id = eventId, n = nonce()) =>
  call(s, 'POST', `/api/events/${id}/code-checkins`, { code, nonce: n })
/** A code of the right shape that is not this event's. */
const wrongCode = (code: string) => (code.startsWith('ZZZZ') ? 'YYYYYYYY' : 'ZZZZZZZZ')

describe('issuing the door code', () => {
  it('gives the organiser one 8-character code from the unambiguous alphabet, and a new one on request', async () => {
    const first = await doorCode()
    expect(first).toMatch(ALPHABET)
    expect(await doorCode()).toBe(first)
    const other = await doorCode(otherEventId)
    expect(other).not.toBe(first)
    const rotated = await call(fengpu, 'POST', `/api/events/${eventId}/door-code`)
    expect(rotated.status).toBe(200)
    expect(rotated.body.code).toMatch(ALPHABET)
    expect(rotated.body.code).not.toBe(first)
    expect(await doorCode()).toBe(rotated.body.code)
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'event.door_code_rotate')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('shows the code to nobody who cannot check people in at this event', async () => {
    for (const s of [nanqiao, m[0]!]) {
      const r = await call(s, 'GET', `/api/events/${eventId}/door-code`)
      expect(r.status).toBe(403)
      expect(JSON.stringify(r.body)).not.toMatch(/"code":"[2-9A-Z]{8}"/)
      expect((await call(s, 'POST', `/api/events/${eventId}/door-code`)).status).toBe(403)
    }
  })
})

describe('checking in with the door code', () => {
  it('refuses it before the window without trying it, and a non-registrant without counting', async () => {
    const code = await doorCode()
    const early = await enter(m[1]!, code)
    expect([early.status, early.body.code]).toEqual([409, 'checkin_outside_window'])
    t.clock.set(new Date(start - 15 * 60_000))
    const stranger = await enter(outsider, code)
    expect([stranger.status, stranger.body.code]).toEqual([404, 'event_not_registered'])
    const rows = await t.ctx.db.selectFrom('checkin_code_throttle').selectAll().execute()
    expect(rows.filter((r) => r.failures > 0)).toEqual([])
  })

  it('answers a mistyped shape with a human message, and accepts lower case, spaces and a dash', async () => {
    const code = await doorCode()
    for (const typed of ['abc', 'K7M4PQ2XX', 'O0I1L0OU', '']) {
      const r = await enter(m[1]!, typed)
      expect([r.status, r.body.code], typed).toEqual([400, 'checkin_code_malformed'])
      expect(r.body.message).not.toMatch(/must|body\//)
    }
    const typed = `${code.slice(0, 4).toLowerCase()} - ${code.slice(4)}`
    const ok = await enter(m[1]!, typed)
    expect([ok.status, ok.body.status, ok.body.direction]).toEqual([200, 'attended', 'entry'])
    const scan = await t.ctx.db
      .selectFrom('event_scan')
      .select(['via', 'scanned_by'])
      .where('registration_id', '=', ok.body.registrationId)
      .executeTakeFirstOrThrow()
    expect(scan.via).toBe('code')
    const again = await enter(m[1]!, code)
    expect([again.status, again.body.code]).toEqual([409, 'checkin_already_inside'])
  })

  it("refuses another event's code as wrong: a code is valid for its event only", async () => {
    const other = await doorCode(otherEventId)
    const r = await enter(m[0]!, other)
    expect([r.status, r.body.code]).toEqual([400, 'checkin_code_wrong'])
  })

  it('locks an account after its wrong codes, even for parallel guesses, and not the others', async () => {
    const code = await doorCode()
    const guesses = await Promise.all(
      Array.from({ length: CODE_LIMITS.perAccount + 4 }, () => enter(m[2]!, wrongCode(code))),
    )
    const codes = guesses.map((g) => g.body.code)
    expect(codes.filter((c) => c === 'checkin_code_wrong')).toHaveLength(CODE_LIMITS.perAccount)
    expect(codes.filter((c) => c === 'checkin_code_locked')).toHaveLength(4)
    const locked = guesses.find((g) => g.body.code === 'checkin_code_locked')!
    expect(locked.status).toBe(429)
    // Locked means locked: the right code is not even looked at now.
    const right = await enter(m[2]!, code)
    expect([right.status, right.body.code]).toEqual([429, 'checkin_code_locked'])
    // m[0] spent one wrong guess above, on this event's counter too; it is not locked.
    const other = await enter(m[3]!, code)
    expect(other.status).toBe(200)
    t.clock.set(new Date(t.clock.now().getTime() + 16 * 60_000))
    const later = await enter(m[2]!, code)
    expect([later.status, later.body.status]).toEqual([200, 'attended'])
  })

  it('locks code entry for the event after too many wrong codes from all accounts together', async () => {
    const code = await doorCode()
    t.clock.set(new Date(t.clock.now().getTime() + 16 * 60_000))
    const guessers = m.slice(4, 4 + Math.ceil(CODE_LIMITS.perEvent / CODE_LIMITS.perAccount))
    let wrong = 0
    for (const s of guessers) {
      for (let i = 0; i < CODE_LIMITS.perAccount && wrong < CODE_LIMITS.perEvent; i++, wrong++) {
        const r = await enter(s, wrongCode(code))
        expect(r.body.code).toBe('checkin_code_wrong')
      }
    }
    expect(guessers).not.toContain(m[11])
    // m[11] never guessed, but the event's budget is spent: the code cannot be tried for now.
    const blocked = await enter(m[11]!, code)
    expect([blocked.status, blocked.body.code]).toEqual([429, 'checkin_code_locked'])
    // The other ways in still work: the organiser checks them in by name.
    const reg = await t.ctx.db
      .selectFrom('event_registration as r')
      .innerJoin('account as a', 'a.id', 'r.account_id')
      .select('r.id')
      .where('r.event_id', '=', eventId)
      .where('a.username', '=', 'code_member_11')
      .executeTakeFirstOrThrow()
    const manual = await call(fengpu, 'POST', `/api/events/${eventId}/registrations/${reg.id}/checkin`, {
      nonce: nonce(),
    })
    expect(manual.status).toBe(200)
  })

  it('stops taking a rotated code at once', async () => {
    t.clock.set(new Date(t.clock.now().getTime() + 16 * 60_000))
    const old = await doorCode()
    const fresh = (await call(fengpu, 'POST', `/api/events/${eventId}/door-code`)).body.code
    const r = await enter(m[5]!, old)
    expect([r.status, r.body.code]).toEqual([400, 'checkin_code_wrong'])
    const ok = await enter(m[5]!, fresh)
    expect(ok.status).toBe(200)
  })
})
