import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { api, createEvent, HOUR, iso, memberAccount, memberFixture } from './test-fixtures.ts'

/**
 * Check-in without a scanner: the organiser finds a registrant by name or phone tail and checks them in
 * with one tap, through the same redeem as a scan (window, state, nonce, no double count), and exports
 * the list. Whoever may not check people in at this event learns nothing from these routes.
 */
let t: TestApp
let call: ReturnType<typeof api>
let fengpu: Session
let nanqiao: Session
let chief: Session
let member: Session
let eventId: number
let otherEventId: number
let start: number
let admin: Session
const regs: Record<string, number> = {}

const nonce = (() => {
  let n = 0
  return () => `desk-${Date.now()}-${++n}`
})()

beforeAll(async () => {
  t = await startTestApp({ config: { sessionIdleMinutes: 7 * 24 * 60, sessionMaxHours: 24 * 30 } })
  call = api(t)
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  nanqiao = await login(t.app, 'nanqiao_admin')
  chief = await login(t.app, 'chief_demo')
  const fx = await memberFixture(t, admin, '签到台', 1)
  member = await memberAccount(t, 'desk_member', fx.people[0]!)
  const registry = registryApi(t.app, admin)
  const people: Array<[string, string | null]> = [
    ['张晓明', '13812345678'],
    ['张晓红', '13900001111'],
    ['李%明', '13700002222'],
    ['王候补', '13600005678'],
  ]
  const ids: number[] = []
  for (const [name, phone] of people) {
    ids.push((await registry.send('POST', '/api/people', { name, phone, unitId: fx.unitId })).id)
  }
  start = t.clock.now().getTime() + 2 * HOUR
  eventId = (
    await createEvent(t, fengpu, {
      capacity: 4,
      startsAt: iso(start),
      endsAt: iso(start + 2 * HOUR),
      checkinMarginMinutes: 30,
    })
  ).first.id
  otherEventId = (await createEvent(t, fengpu, { startsAt: iso(start), endsAt: iso(start + HOUR) })).first.id
  for (const [i, id] of ids.entries()) {
    const r = await call(fengpu, 'POST', `/api/events/${eventId}/registrations`, { personId: id })
    expect(r.status).toBe(201)
    regs[people[i]![0]] = (
      await t.ctx.db
        .selectFrom('event_registration')
        .select('id')
        .where('event_id', '=', eventId)
        .where('person_id', '=', id)
        .executeTakeFirstOrThrow()
    ).id
  }
  // Capacity 4: the four people above are seated; desk_member (through their own account) waits.
  await call(member, 'POST', `/api/events/${eventId}/registrations`, {})
  regs.waiting = (
    await t.ctx.db
      .selectFrom('event_registration')
      .select('id')
      .where('event_id', '=', eventId)
      .where('status', '=', 'waitlisted')
      .executeTakeFirstOrThrow()
  ).id
  await call(fengpu, 'POST', `/api/events/${otherEventId}/registrations`, { personId: ids[0] })
})
afterAll(() => t.close())

const board = (s: Session, q?: string) =>
  call(s, 'GET', `/api/events/${eventId}/checkin${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`)
const checkIn = (s: Session, regId: number, body: Record<string, unknown> = {}) =>
  call(s, 'POST', `/api/events/${eventId}/registrations/${regId}/checkin`, { nonce: nonce(), ...body })

describe('the check-in desk', () => {
  it('finds registrants by part of the name or the last four digits of the phone, showing only the tail', async () => {
    const byName = await board(fengpu, '晓')
    expect(byName.status).toBe(200)
    expect(byName.body.items.map((r: { name: string }) => r.name).sort()).toEqual(['张晓明', '张晓红'])
    expect(byName.body.items.find((r: { name: string }) => r.name === '张晓明')).toMatchObject({
      phoneTail: '5678',
      status: 'registered',
      inside: false,
    })
    expect(JSON.stringify(byName.body)).not.toContain('13812345678')
    const byTail = await board(fengpu, '5678')
    expect(byTail.body.items.map((r: { name: string }) => r.name).sort()).toEqual(['张晓明', '王候补'])
    // A LIKE wildcard typed into the box is a character, not "anything".
    const percent = await board(fengpu, '%')
    expect(percent.body.items.map((r: { name: string }) => r.name)).toEqual(['李%明'])
    const all = await board(fengpu)
    expect(all.body.items).toHaveLength(5)
    expect(all.body.counts).toEqual({ checkedIn: 0, inside: 0, registered: 4, waitlisted: 1, capacity: 4 })
  })

  it('answers nobody outside the event: another street, a chief elsewhere, a member', async () => {
    for (const s of [nanqiao, chief]) {
      const r = await board(s, '5678')
      expect([r.status, r.body.code]).toEqual([403, 'forbidden_scope'])
      const c = await checkIn(s, regs.张晓明!)
      expect([c.status, c.body.code]).toEqual([403, 'forbidden_scope'])
    }
    expect((await board(member, '张')).status).toBe(403)
    expect((await checkIn(member, regs.张晓明!)).status).toBe(403)
    // An event that does not exist is refused like one elsewhere; only the city is told it is missing.
    const missing = await call(fengpu, 'GET', '/api/events/99999999/checkin')
    expect([missing.status, missing.body.code]).toEqual([403, 'forbidden_scope'])
    expect((await call(admin, 'GET', '/api/events/99999999/checkin')).status).toBe(404)
  })

  it('checks a registrant in with one tap by the rules of a scan, and the counter moves once', async () => {
    const early = await checkIn(fengpu, regs.张晓明!)
    expect([early.status, early.body.code]).toEqual([409, 'checkin_outside_window'])
    t.clock.set(new Date(start - 10 * 60_000))
    const n = nonce()
    // Two taps sent at once (a double tap, a retry after a timeout) with one nonce count once.
    const both = await Promise.all([1, 2].map(() => checkIn(fengpu, regs.张晓明!, { nonce: n })))
    expect(both.map((r) => r.status)).toEqual([200, 200])
    expect(both.map((r) => r.body.replayed).sort()).toEqual([false, true])
    expect(both[0]!.body).toMatchObject({ name: '张晓明', direction: 'entry', status: 'attended' })
    const again = await checkIn(fengpu, regs.张晓明!)
    expect([again.status, again.body.code]).toEqual([409, 'checkin_already_inside'])
    const waiting = await checkIn(fengpu, regs.waiting!)
    expect([waiting.status, waiting.body.code]).toEqual([409, 'checkin_not_admitted'])
    const scans = await t.ctx.db
      .selectFrom('event_scan')
      .select(['via', 'scanned_by'])
      .where('registration_id', '=', regs.张晓明!)
      .execute()
    expect(scans).toHaveLength(1)
    expect(scans[0]!.via).toBe('manual')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_ids'])
      .where('action', '=', 'event.checkin_manual')
      .execute()
    expect(audit).toEqual([{ action: 'event.checkin_manual', entity_ids: [String(regs.张晓明)] }])
    const after = await board(fengpu)
    expect(after.body.counts).toMatchObject({ checkedIn: 1, inside: 1, registered: 4 })
    const exit = await checkIn(fengpu, regs.张晓明!, { direction: 'exit' })
    expect([exit.status, exit.body.direction]).toEqual([200, 'exit'])
    expect((await board(fengpu)).body.counts).toMatchObject({ checkedIn: 1, inside: 0 })
  })

  it('refuses a registration of another event as unknown', async () => {
    const other = await t.ctx.db
      .selectFrom('event_registration')
      .select('id')
      .where('event_id', '=', otherEventId)
      .executeTakeFirstOrThrow()
    const r = await checkIn(fengpu, other.id)
    expect([r.status, r.body.code]).toEqual([404, 'not_found'])
    const stored = await t.ctx.db
      .selectFrom('event_registration')
      .select('status')
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow()
    expect(stored.status).toBe('registered')
  })

  it('exports the list as Excel, phone tails only, and audits the read', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/events/${eventId}/registrations/export`,
      headers: fengpu.headers,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = wb.worksheets[0]!
    const rows: string[] = []
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).join('|')))
    expect(rows[0]).toContain('姓名')
    expect(rows.some((r) => r.includes('张晓明') && r.includes('5678') && r.includes('已签到'))).toBe(true)
    expect(rows.join('\n')).not.toContain('13812345678')
    expect(rows).toHaveLength(6)
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'event.registrations_export')
      .execute()
    expect(audit).toHaveLength(1)
    const outsider = await t.app.inject({
      method: 'GET',
      url: `/api/events/${eventId}/registrations/export`,
      headers: nanqiao.headers,
    })
    expect(outsider.statusCode).toBe(403)
  })

  it('answers a typed ticket that is too short with the human message, not the validator', async () => {
    const r = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, { token: 'K7M4', nonce: nonce() })
    expect([r.status, r.body.code]).toEqual([400, 'checkin_token_invalid'])
  })
})
