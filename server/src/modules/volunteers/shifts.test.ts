import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { HONGMEI, HOUR, kit } from './test-kit.ts'

let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session
let hongmei: Session
let fengpu: Session
let points: Array<{ id: number; name: string; buildingId: number | null; canCoordinate: boolean }>
const role = {} as Record<'sorter' | 'painter' | 'lecturer', number>

beforeAll(async () => {
  // Far from the demo's own month of shifts, so the figures below are this file's alone.
  t = await startTestApp({ clock: new ManualClock(new Date('2030-03-04T09:00:00+08:00')) })
  k = kit(t)
  admin = await login(t.app, 'admin')
  hongmei = await login(t.app, 'hongmei_admin')
  fengpu = await login(t.app, 'fengpu_admin')
  points = await k.ok(hongmei, 'GET', `/api/volunteers/points?area=${HONGMEI}`)
  for (const code of ['sorter', 'painter', 'lecturer'] as const) role[code] = await k.roleId(code)
})
afterAll(() => t.close())

describe('roles and points', () => {
  it('lists the seed’s six roles with their requirements', async () => {
    const roles = await k.ok(hongmei, 'GET', '/api/volunteers/roles')
    expect(roles.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['宣讲员', '美化师', '分拣义工', '观察员', '社会工作者', '游戏玩家']),
    )
    expect(roles.find((r: { code: string }) => r.code === 'sorter').requirements).toEqual([
      'sorting_training',
    ])
  })

  it('street staff add roles; a member may not; a taken code is refused', async () => {
    const body = { code: 'photographer', name: '摄影师', nameEn: 'Photographer', requirements: [] }
    const member = await login(t.app, 'member_demo')
    expect((await k.call(member, 'POST', '/api/volunteers/roles', body)).status).toBe(403)
    expect((await k.call(hongmei, 'POST', '/api/volunteers/roles', body)).status).toBe(201)
    const again = await k.call(hongmei, 'POST', '/api/volunteers/roles', body)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('vol_role_code_taken')
  })

  it('shows 虹梅路街道’s 61 duty points, all coordinated by the street’s staff, none by 奉浦’s', async () => {
    expect(points).toHaveLength(61)
    expect(points.every((p) => p.canCoordinate)).toBe(true)
    const mine = await k.ok(fengpu, 'GET', '/api/volunteers/points?mine=true')
    expect(mine.filter((p: { areaCode: string }) => p.areaCode === HONGMEI)).toHaveLength(0)
  })

  it('creates a point in a building and names its coordinator; other streets are refused', async () => {
    const building = points.find((p) => p.buildingId)!.buildingId!
    const { profile, s } = await k.volunteer(admin, 'coord_one')
    const created = await k.call(hongmei, 'POST', '/api/volunteers/points', {
      name: '测试楼宇二楼茶水间',
      kind: 'other',
      buildingId: building,
      coordinatorAccountIds: [
        profile.id > 0 ? (await k.ok(s, 'GET', '/api/volunteers/me')).profile.accountId : 0,
      ],
    })
    expect(created.status, created.text).toBe(201)
    expect(created.body.coordinators.map((c: { displayName: string }) => c.displayName)).toEqual([
      'coord_one',
    ])
    // The named coordinator (a member) coordinates that point and no other.
    const mine = await k.ok(s, 'GET', '/api/volunteers/points?mine=true')
    expect(mine.map((p: { id: number }) => p.id)).toEqual([created.body.id])
    const dup = await k.call(hongmei, 'POST', '/api/volunteers/points', {
      name: '测试楼宇二楼茶水间',
      kind: 'other',
      buildingId: building,
    })
    expect(dup.status).toBe(409)
    const outside = await k.call(fengpu, 'POST', '/api/volunteers/points', {
      name: 'x',
      kind: 'other',
      buildingId: building,
    })
    expect(outside.body.code).toBe('forbidden_scope')
    const both = await k.call(hongmei, 'POST', '/api/volunteers/points', { name: 'y', kind: 'other' })
    expect(both.status).toBe(400)
  })
})

describe('shifts and sign-up', () => {
  it('refuses bad shifts: end before start, too long, in the past, repeated role, not a coordinator', async () => {
    const p = points[0]!.id
    const at = (h: number) => new Date(t.clock.now().getTime() + h * HOUR).toISOString()
    const post = (s: Session, body: object) => k.call(s, 'POST', '/api/volunteers/shifts', body)
    const needs = [{ roleId: role.sorter, needed: 2 }]
    expect((await post(hongmei, { pointId: p, startsAt: at(5), endsAt: at(4), needs })).body.code).toBe(
      'vol_shift_time_invalid',
    )
    expect((await post(hongmei, { pointId: p, startsAt: at(5), endsAt: at(18), needs })).body.code).toBe(
      'vol_shift_time_invalid',
    )
    expect((await post(hongmei, { pointId: p, startsAt: at(-1), endsAt: at(1), needs })).body.code).toBe(
      'vol_shift_in_past',
    )
    const twice = [...needs, { roleId: role.sorter, needed: 1 }]
    expect(
      (await post(hongmei, { pointId: p, startsAt: at(5), endsAt: at(6), needs: twice })).body.code,
    ).toBe('vol_needs_invalid')
    expect((await post(fengpu, { pointId: p, startsAt: at(5), endsAt: at(6), needs })).body.code).toBe(
      'vol_not_coordinator',
    )
    const count = await t.ctx.db
      .selectFrom('volunteer_shift')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('starts_at', '>=', t.clock.now())
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })

  it('a volunteer must register first, and hold the role’s training', async () => {
    const shift = await k.shift(hongmei, points[1]!.id, 24 * HOUR, 2, [{ roleId: role.sorter, needed: 2 }])
    const member = await login(t.app, 'member_demo')
    const noProfile = await k.call(member, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, {
      roleId: role.sorter,
    })
    expect(noProfile.body.code).toBe('vol_profile_required')
    const { s, profile } = await k.volunteer(admin, 'vol_train')
    const untrained = await k.call(s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, {
      roleId: role.sorter,
    })
    expect(untrained.status).toBe(409)
    expect(untrained.body.code).toBe('vol_requirement_missing')
    // Only a coordinator records training.
    const self = await k.call(s, 'POST', `/api/volunteers/${profile.id}/qualifications`, {
      code: 'sorting_training',
      obtainedOn: '2026-03-01',
    })
    expect(self.body.code).toBe('vol_not_coordinator')
    await k.ok(hongmei, 'POST', `/api/volunteers/${profile.id}/qualifications`, {
      code: 'sorting_training',
      obtainedOn: '2026-03-01',
    })
    const notNeeded = await k.call(s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, {
      roleId: role.painter,
    })
    expect(notNeeded.body.code).toBe('vol_role_not_needed')
    const ok = await k.call(s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, { roleId: role.sorter })
    expect(ok.status, ok.text).toBe(201)
    expect(ok.body.attendance).toBe('upcoming')
    const twice = await k.call(s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, {
      roleId: role.sorter,
    })
    expect(twice.body.code).toBe('vol_already_signed_up')
    const board = await k.ok(
      s,
      'GET',
      `/api/volunteers/shifts?pointId=${points[1]!.id}&from=2000-01-01&to=2099-01-01`
        .replace('2000-01-01', new Date(t.clock.now()).toISOString().slice(0, 10))
        .replace('2099-01-01', new Date(t.clock.now().getTime() + 5 * 86_400_000).toISOString().slice(0, 10)),
    )
    const row = board.find((b: { id: number }) => b.id === shift.id)
    expect(row.needs[0].taken).toBe(1)
    expect(row.mySignup.id).toBe(ok.body.id)
  })

  it('refuses overlapping shifts for one volunteer, at any point', async () => {
    const a = await k.shift(hongmei, points[2]!.id, 30 * HOUR, 3, [{ roleId: role.painter, needed: 3 }])
    const b = await k.shift(hongmei, points[3]!.id, 32 * HOUR, 2, [{ roleId: role.painter, needed: 3 }])
    const c = await k.shift(hongmei, points[3]!.id, 33 * HOUR, 2, [{ roleId: role.painter, needed: 3 }])
    const { s } = await k.volunteer(admin, 'vol_overlap')
    expect(
      (await k.call(s, 'POST', `/api/volunteers/shifts/${a.id}/signups`, { roleId: role.painter })).status,
    ).toBe(201)
    const clash = await k.call(s, 'POST', `/api/volunteers/shifts/${b.id}/signups`, { roleId: role.painter })
    expect(clash.status).toBe(409)
    expect(clash.body.code).toBe('vol_overlap')
    // Back to back is fine: a ends at +33 h, when c starts.
    expect(
      (await k.call(s, 'POST', `/api/volunteers/shifts/${c.id}/signups`, { roleId: role.painter })).status,
    ).toBe(201)
    const taken = await t.ctx.db
      .selectFrom('volunteer_shift_need')
      .select('taken')
      .where('shift_id', '=', b.id)
      .executeTakeFirstOrThrow()
    expect(taken.taken).toBe(0)
  })

  it('one volunteer signing up for two overlapping shifts at once gets one', async () => {
    const a = await k.shift(hongmei, points[4]!.id, 40 * HOUR, 2, [{ roleId: role.painter, needed: 3 }])
    const b = await k.shift(hongmei, points[5]!.id, 41 * HOUR, 2, [{ roleId: role.painter, needed: 3 }])
    const { s } = await k.volunteer(admin, 'vol_double')
    const res = await Promise.all(
      [a, b].map((x) =>
        k.call(s, 'POST', `/api/volunteers/shifts/${x.id}/signups`, { roleId: role.painter }),
      ),
    )
    expect(res.map((r) => r.status).sort()).toEqual([201, 409])
  })

  it('concurrent sign-ups for the last place: exactly one wins', async () => {
    const shift = await k.shift(hongmei, points[6]!.id, 50 * HOUR, 2, [{ roleId: role.painter, needed: 1 }])
    const vols = []
    for (let i = 0; i < 4; i++) vols.push(await k.volunteer(admin, `vol_race${i}`))
    const res = await Promise.all(
      vols.map((v) =>
        k.call(v.s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, { roleId: role.painter }),
      ),
    )
    expect(res.filter((r) => r.status === 201)).toHaveLength(1)
    expect(res.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual([
      'vol_shift_full',
      'vol_shift_full',
      'vol_shift_full',
    ])
    const signups = await t.ctx.db
      .selectFrom('volunteer_signup')
      .select('id')
      .where('shift_id', '=', shift.id)
      .execute()
    expect(signups).toHaveLength(1)
  })

  it('cancelling gives the place back; after the start it is closed', async () => {
    const shift = await k.shift(hongmei, points[7]!.id, 2 * HOUR, 1, [{ roleId: role.painter, needed: 1 }])
    const one = await k.volunteer(admin, 'vol_cancel1')
    const two = await k.volunteer(admin, 'vol_cancel2')
    const first = await k.ok(one.s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, {
      roleId: role.painter,
    })
    expect(
      (await k.call(two.s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, { roleId: role.painter }))
        .body.code,
    ).toBe('vol_shift_full')
    // Someone else cannot cancel it.
    expect((await k.call(two.s, 'DELETE', `/api/volunteers/signups/${first.id}`)).status).toBe(404)
    const cancelled = await k.ok(one.s, 'DELETE', `/api/volunteers/signups/${first.id}`)
    expect(cancelled.attendance).toBe('cancelled')
    const second = await k.ok(two.s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, {
      roleId: role.painter,
    })
    expect(
      (await k.ok(two.s, 'GET', '/api/volunteers/me/signups')).map((x: { id: number }) => x.id),
    ).toContain(second.id)
    t.clock.advance(2 * HOUR + 60_000)
    const late = await k.call(
      await login(t.app, 'vol_cancel2', 'volunteer-password'),
      'DELETE',
      `/api/volunteers/signups/${second.id}`,
    )
    expect(late.body.code).toBe('vol_shift_closed')
  })
})
