import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { autoCheckOut } from './jobs.ts'
import { HONGMEI, HOUR, kit } from './test-kit.ts'

const MIN = 60_000
let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session
let hongmei: Session
let a: Session
let b: Session
let c: Session
let p1: number
let p2: number
let start: number
let day: string
const signup = {} as Record<'a' | 'b' | 'c', number>

async function relogin() {
  hongmei = await login(t.app, 'hongmei_admin')
  a = await login(t.app, 'vol_a', 'volunteer-password')
  b = await login(t.app, 'vol_b', 'volunteer-password')
  c = await login(t.app, 'vol_c', 'volunteer-password')
}
const pointToken = async (point: number) =>
  (await k.ok(hongmei, 'GET', `/api/volunteers/points/${point}/qr-token`)).token as string
const scan = (s: Session, token: string, action: 'in' | 'out', nonce = k.nonce()) =>
  k.call(s, 'POST', '/api/volunteers/scan', { token, nonce, action })

beforeAll(async () => {
  // Far from the demo's own month of shifts, so the figures below are this file's alone.
  t = await startTestApp({ clock: new ManualClock(new Date('2030-03-04T09:00:00+08:00')) })
  k = kit(t)
  admin = await login(t.app, 'admin')
  hongmei = await login(t.app, 'hongmei_admin')
  const points = await k.ok(hongmei, 'GET', `/api/volunteers/points?area=${HONGMEI}`)
  p1 = points[0].id
  p2 = points[1].id
  const unit = await t.ctx.db
    .selectFrom('unit')
    .select('id')
    .where('area_code', '=', HONGMEI)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  a = (await k.volunteer(admin, 'vol_a', unit.id)).s
  b = (await k.volunteer(admin, 'vol_b')).s
  c = (await k.volunteer(admin, 'vol_c')).s
  const painter = await k.roleId('painter')
  const shift = await k.shift(hongmei, p1, HOUR, 2, [{ roleId: painter, needed: 3 }])
  await k.shift(hongmei, p2, HOUR, 2, [{ roleId: painter, needed: 3 }])
  start = t.clock.now().getTime() + HOUR
  day = shanghaiDate(new Date(start))
  for (const [key, s] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const)
    signup[key] = (
      await k.ok(s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, { roleId: painter })
    ).id
})
afterAll(() => t.close())

describe('QR check-in and check-out', () => {
  it('refuses forged tokens, and scans long before the shift', async () => {
    const token = await pointToken(p1)
    const forged = token.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))
    const r1 = await scan(a, forged, 'in')
    expect(r1.status).toBe(400)
    expect(r1.body.code).toBe('vol_token_forged')
    expect((await scan(a, 'P.1.2.3', 'in')).body.code).toBe('vol_token_forged')
    // Another point's id under this point's signature is forged too.
    expect((await scan(a, token.replace(`P.${p1}.`, `P.${p2}.`), 'in')).body.code).toBe('vol_token_forged')
    const early = await scan(a, token, 'in')
    expect(early.body.code).toBe('vol_outside_window')
    // Only coordinators see the point's code.
    expect((await k.call(a, 'GET', `/api/volunteers/points/${p1}/qr-token`)).body.code).toBe(
      'vol_not_coordinator',
    )
  })

  it('check-out before check-in, other point, then check-in counted once however often retried', async () => {
    t.clock.set(new Date(start - 10 * MIN))
    await relogin()
    const token = await pointToken(p1)
    expect((await scan(a, token, 'out')).body.code).toBe('vol_not_checked_in')
    const other = await scan(a, await pointToken(p2), 'in')
    expect(other.status).toBe(409)
    expect(other.body.code).toBe('vol_token_other_point')
    const nonce = k.nonce()
    const first = await scan(a, token, 'in', nonce)
    expect(first.status, first.text).toBe(200)
    expect(first.body.duplicate).toBe(false)
    // The phone was offline and sends the same scan again, twice at once: answered, not counted again.
    const retries = await Promise.all([scan(a, token, 'in', nonce), scan(a, token, 'in', nonce)])
    expect(retries.map((r) => r.body.duplicate)).toEqual([true, true])
    expect(retries[0]!.body.at).toBe(first.body.at)
    const replay = await scan(a, token, 'in')
    expect(replay.body.code).toBe('vol_token_replayed')
    expect((await scan(a, token, 'out', nonce)).body.code).toBe('vol_nonce_reused')
    const scans = await t.ctx.db
      .selectFrom('volunteer_scan')
      .select('nonce')
      .where('signup_id', '=', signup.a)
      .execute()
    expect(scans).toHaveLength(1)
  })

  it('the coordinator scans a volunteer’s code; wrong point and reuse are refused', async () => {
    const mine = await k.ok(b, 'GET', `/api/volunteers/signups/${signup.b}/qr-token`)
    expect(mine.svg).toContain('<svg')
    // Not someone else's sign-up.
    expect((await k.call(a, 'GET', `/api/volunteers/signups/${signup.b}/qr-token`)).status).toBe(404)
    const wrong = await k.call(hongmei, 'POST', `/api/volunteers/points/${p2}/scan`, {
      token: mine.token,
      nonce: k.nonce(),
      action: 'in',
    })
    expect(wrong.body.code).toBe('vol_token_other_point')
    const ok = await k.call(hongmei, 'POST', `/api/volunteers/points/${p1}/scan`, {
      token: mine.token,
      nonce: k.nonce(),
      action: 'in',
    })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body.volunteerName).toBe('志愿者vol_b')
    const reuse = await k.call(hongmei, 'POST', `/api/volunteers/points/${p1}/scan`, {
      token: mine.token,
      nonce: k.nonce(),
      action: 'out',
    })
    expect(reuse.body.code).toBe('vol_token_replayed')
    // A volunteer cannot use a personal code at the point's scanner endpoint.
    expect((await scan(b, mine.token, 'out')).body.code).toBe('vol_token_forged')
  })

  it('expired codes are refused; check-out credits the minutes inside the shift', async () => {
    const old = await pointToken(p1)
    t.clock.set(new Date(start + 60 * MIN))
    await relogin()
    const expired = await scan(a, old, 'out')
    expect(expired.status).toBe(410)
    expect(expired.body.code).toBe('vol_token_expired')
    const out = await scan(a, await pointToken(p1), 'out')
    expect(out.status, out.text).toBe(200)
    // Checked in 10 minutes early: only the shift's own time counts.
    expect(out.body.minutes).toBe(60)
    expect((await scan(a, await pointToken(p1), 'out')).body.code).toBe('vol_token_replayed')
  })
})

describe('automatic check-out and verified hours', () => {
  it('checks out the forgotten at the shift’s end, flagged, once however often the job runs', async () => {
    t.clock.set(new Date(start + 2 * HOUR + 20 * MIN))
    expect(await autoCheckOut(t.ctx)).toBe(0) // still within the check-out margin
    t.clock.set(new Date(start + 2 * HOUR + 31 * MIN))
    const [first, second] = await Promise.all([autoCheckOut(t.ctx), autoCheckOut(t.ctx)])
    expect(first! + second!).toBe(1)
    expect(await autoCheckOut(t.ctx)).toBe(0)
    await relogin()
    const list = await k.ok(hongmei, 'GET', `/api/volunteers/points/${p1}/signups?from=${day}&to=${day}`)
    const byId = new Map(list.map((s: { id: number }) => [s.id, s]))
    expect(byId.get(signup.b)).toMatchObject({ attendance: 'completed', autoCheckedOut: true, minutes: 120 })
    expect(byId.get(signup.a)).toMatchObject({ attendance: 'completed', autoCheckedOut: false, minutes: 60 })
    expect(byId.get(signup.c)).toMatchObject({ attendance: 'no_show', minutes: null })
    expect((await scan(b, await pointToken(p1), 'out')).body.code).toBe('vol_outside_window')
  })

  it('the coordinator approves or adjusts with a reason, audited; stale versions and no-shows refused', async () => {
    const list = await k.ok(hongmei, 'GET', `/api/volunteers/points/${p1}/signups?unverified=true`)
    // The demo's own unverified sign-ups at this point are there too; these are this file's.
    const mine = list.filter((x: { id: number }) => Object.values(signup).includes(x.id))
    expect(mine.map((s: { id: number }) => s.id).sort()).toEqual([signup.a, signup.b].sort())
    const sa = list.find((s: { id: number }) => s.id === signup.a)
    const sb = list.find((s: { id: number }) => s.id === signup.b)
    expect(
      (
        await k.call(a, 'POST', `/api/volunteers/signups/${signup.a}/verify`, {
          version: sa.version,
          minutes: 60,
        })
      ).body.code,
    ).toBe('vol_not_coordinator')
    await k.ok(hongmei, 'POST', `/api/volunteers/signups/${signup.a}/verify`, {
      version: sa.version,
      minutes: 60,
    })
    const noReason = await k.call(hongmei, 'POST', `/api/volunteers/signups/${signup.b}/verify`, {
      version: sb.version,
      minutes: 90,
    })
    expect(noReason.status).toBe(400)
    expect(noReason.body.code).toBe('vol_adjust_reason_required')
    const adjusted = await k.ok(hongmei, 'POST', `/api/volunteers/signups/${signup.b}/verify`, {
      version: sb.version,
      minutes: 90,
      reason: '忘记签退，按协调人记录 16:30 离开',
    })
    expect(adjusted).toMatchObject({ verifiedMinutes: 90, adjustReason: '忘记签退，按协调人记录 16:30 离开' })
    const stale = await k.call(hongmei, 'POST', `/api/volunteers/signups/${signup.b}/verify`, {
      version: sb.version,
      minutes: 120,
    })
    expect(stale.body.code).toBe('version_conflict')
    expect(
      (
        await k.call(hongmei, 'POST', `/api/volunteers/signups/${signup.c}/verify`, {
          version: 1,
          minutes: 0,
        })
      ).body.code,
    ).toBe('vol_not_finished')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'like', 'volunteer.hours.%')
      .orderBy('id')
      .execute()
    expect(audit.map((x) => x.action)).toEqual(['volunteer.hours.approve', 'volunteer.hours.adjust'])
    expect(JSON.stringify(audit[1]!.detail)).toContain('忘记签退')
  })

  it('sums hours per volunteer, point and organisation', async () => {
    const q = `from=${day}&to=${day}`
    const byVolunteer = await k.ok(hongmei, 'GET', `/api/volunteers/hours?by=volunteer&${q}`)
    expect(
      byVolunteer.map((r: { name: string; verifiedMinutes: number }) => [r.name, r.verifiedMinutes]),
    ).toEqual([
      ['志愿者vol_b', 90],
      ['志愿者vol_a', 60],
      ['志愿者vol_c', 0],
    ])
    const byPoint = await k.ok(hongmei, 'GET', `/api/volunteers/hours?by=point&${q}`)
    expect(byPoint).toEqual([
      expect.objectContaining({ id: p1, verifiedMinutes: 150, pendingMinutes: 0, shifts: 2 }),
    ])
    const byUnit = await k.ok(hongmei, 'GET', `/api/volunteers/hours?by=unit&${q}`)
    expect(byUnit.map((r: { id: number | null; verifiedMinutes: number }) => r.verifiedMinutes)).toEqual([
      90, 60,
    ])
    expect(byUnit[1].id).not.toBeNull()
    // Someone coordinating nothing sees nothing.
    expect(await k.ok(a, 'GET', `/api/volunteers/hours?by=point&${q}`)).toEqual([])
    expect(await k.ok(a, 'GET', '/api/volunteers/me/hours')).toMatchObject({
      verifiedMinutes: 60,
      shifts: 1,
      noShows: 0,
    })
    expect(await k.ok(c, 'GET', '/api/volunteers/me/hours')).toMatchObject({
      verifiedMinutes: 0,
      shifts: 0,
      noShows: 1,
    })
  })

  it('the thanks board shows verified hours; a volunteer can hide from it', async () => {
    const q = `from=${day}&to=${day}`
    const board = await k.ok(b, 'GET', `/api/volunteers/leaderboard?${q}`)
    expect(board.items.map((i: { displayName: string; me: boolean }) => [i.displayName, i.me])).toEqual([
      ['志愿者vol_b', true],
      ['志愿者vol_a', false],
    ])
    const me = (await k.ok(b, 'GET', '/api/volunteers/me')).profile
    await k.ok(b, 'PATCH', '/api/volunteers/me', { version: me.version, hideFromLeaderboard: true })
    const after = await k.ok(b, 'GET', `/api/volunteers/leaderboard?${q}`)
    expect(after.items.map((i: { displayName: string }) => i.displayName)).toEqual(['志愿者vol_a'])
    expect(after.meHidden).toBe(true)
    const stale = await k.call(b, 'PATCH', '/api/volunteers/me', {
      version: me.version,
      hideFromLeaderboard: false,
    })
    expect(stale.body.code).toBe('version_conflict')
  })

  it('exports verified hours to Excel, which reads back', async () => {
    const res = await k.call(hongmei, 'GET', `/api/volunteers/hours/export?from=${day}&to=${day}`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('志愿服务时长')!
    const rows: unknown[][] = []
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows[0]!.slice(0, 3)).toEqual(['志愿者', '单位', '点位'])
    const data = rows.slice(1, 3)
    expect(data.map((r) => [r[0], r[8], r[9], r[10]])).toEqual([
      ['志愿者vol_a', '否', 60, 60],
      ['志愿者vol_b', '是', 120, 90],
    ])
    expect(rows.at(-1)).toEqual(expect.arrayContaining(['合计（小时）', 2.5]))
    // A volunteer coordinating nothing gets an empty sheet, not the street's hours.
    const empty = await k.call(a, 'GET', `/api/volunteers/hours/export?from=${day}&to=${day}`)
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(empty.raw as unknown as ArrayBuffer)
    expect(wb2.getWorksheet('志愿服务时长')!.getRow(2).values).toEqual([])
  })
})
