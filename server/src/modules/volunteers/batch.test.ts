import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { autoCheckOut } from './jobs.ts'
import { HONGMEI, HOUR, kit } from './test-kit.ts'

/**
 * Coordinators' batch work: a repeating series of shifts created in one go (previewed first, all or
 * nothing), and several finished sign-ups approved or rejected at once (all or nothing, audited).
 */
const MIN = 60_000
let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session
let hongmei: Session
let fengpu: Session
let p1: number
let p2: number
let painter: number

beforeAll(async () => {
  // Monday 4 March 2030, 09:00 in Shanghai: far from the demo's own shifts.
  t = await startTestApp({ clock: new ManualClock(new Date('2030-03-04T09:00:00+08:00')) })
  k = kit(t)
  admin = await login(t.app, 'admin')
  hongmei = await login(t.app, 'hongmei_admin')
  fengpu = await login(t.app, 'fengpu_admin')
  const points = await k.ok(hongmei, 'GET', `/api/volunteers/points?area=${HONGMEI}`)
  p1 = points[2].id
  p2 = points[3].id
  painter = await k.roleId('painter')
})
afterAll(() => t.close())

const shiftsAt = async (point: number) =>
  Number(
    (
      await t.ctx.db
        .selectFrom('volunteer_shift')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('point_id', '=', point)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('a series of shifts', () => {
  const weekly = {
    startTime: '11:30',
    endTime: '13:00',
    repeat: { from: '2030-03-11', weeks: 2, weekdays: [1, 3, 5] },
  }

  it('previews the occurrences in Shanghai time without storing anything', async () => {
    const before = await shiftsAt(p1)
    const res = await k.call(hongmei, 'POST', '/api/volunteers/shift-series', {
      pointId: p1,
      needs: [{ roleId: painter, needed: 2 }],
      ...weekly,
      preview: true,
    })
    expect(res.status, res.text).toBe(200)
    const body = res.body
    expect(body.created).toEqual([])
    expect(body.occurrences.map((o: { startsAt: string }) => o.startsAt)).toEqual(
      ['2030-03-11', '2030-03-13', '2030-03-15', '2030-03-18', '2030-03-20', '2030-03-22'].map((d) =>
        new Date(`${d}T11:30:00+08:00`).toISOString(),
      ),
    )
    expect(body.occurrences[0].endsAt).toBe(new Date('2030-03-11T13:00:00+08:00').toISOString())
    expect(await shiftsAt(p1)).toBe(before)
  })

  it('creates the whole series in one go, audited once', async () => {
    const res = await k.call(hongmei, 'POST', '/api/volunteers/shift-series', {
      pointId: p1,
      needs: [{ roleId: painter, needed: 2 }],
      ...weekly,
    })
    expect(res.status, res.text).toBe(201)
    const created = res.body.created as Array<{ id: number; needs: Array<{ needed: number }> }>
    expect(created).toHaveLength(6)
    expect(created.every((s) => s.needs[0]!.needed === 2)).toBe(true)
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity_ids'])
      .where('action', '=', 'volunteer.shift.series')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.entity_ids.map(Number).sort()).toEqual(created.map((s) => s.id).sort())
  })

  it('takes a list of dates too', async () => {
    const res = await k.call(hongmei, 'POST', '/api/volunteers/shift-series', {
      pointId: p2,
      needs: [{ roleId: painter, needed: 1 }],
      startTime: '17:00',
      endTime: '18:00',
      dates: ['2030-04-02', '2030-03-28', '2030-03-28'],
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.created.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      new Date('2030-03-28T17:00:00+08:00').toISOString(),
      new Date('2030-04-02T17:00:00+08:00').toISOString(),
    ])
  })

  it('creates nothing when one occurrence fails: a duplicate, a past day, a bad time', async () => {
    const before = await shiftsAt(p1)
    const cases: Array<[Record<string, unknown>, number, string]> = [
      // 18 March is already in the series above; 25 March is new. Neither is created.
      [{ ...weekly, repeat: { from: '2030-03-18', weeks: 2, weekdays: [1] } }, 409, 'vol_shift_duplicate'],
      [{ ...weekly, repeat: undefined, dates: ['2030-03-26', '2030-03-01'] }, 400, 'vol_series_in_past'],
      [{ ...weekly, startTime: '13:00', endTime: '11:30' }, 400, 'vol_shift_time_invalid'],
      [
        { ...weekly, repeat: { from: '2030-04-01', weeks: 12, weekdays: [1, 2, 3, 4, 5, 6] } },
        400,
        'vol_series_too_many',
      ],
      [{ ...weekly, repeat: undefined }, 400, 'vol_series_empty'],
      [{ ...weekly, dates: ['2030-04-01'] }, 400, 'vol_series_empty'],
    ]
    for (const [extra, status, code] of cases) {
      const res = await k.call(hongmei, 'POST', '/api/volunteers/shift-series', {
        pointId: p1,
        needs: [{ roleId: painter, needed: 2 }],
        ...extra,
      })
      expect([res.status, res.body.code], JSON.stringify(extra)).toEqual([status, code])
    }
    const dup = await k.call(hongmei, 'POST', '/api/volunteers/shift-series', {
      pointId: p1,
      needs: [{ roleId: painter, needed: 2 }],
      ...weekly,
      repeat: { from: '2030-03-18', weeks: 2, weekdays: [1] },
    })
    expect(dup.body.message).toContain('2030-03-18')
    expect(await shiftsAt(p1)).toBe(before)
  })

  it('is for the point’s coordinators only', async () => {
    const member = await login(t.app, 'member_demo')
    for (const s of [fengpu, member]) {
      const res = await k.call(s, 'POST', '/api/volunteers/shift-series', {
        pointId: p1,
        needs: [{ roleId: painter, needed: 1 }],
        startTime: '09:00',
        endTime: '10:00',
        dates: ['2030-05-06'],
        preview: true,
      })
      expect([res.status, res.body.code]).toEqual([403, 'vol_not_coordinator'])
    }
  })
})

describe('approving or rejecting several sign-ups at once', () => {
  const ids = {} as Record<'a' | 'b' | 'c' | 'd' | 'e' | 'other', number>
  let coordinator: Session
  let start: number

  beforeAll(async () => {
    start = t.clock.now().getTime() + HOUR
    const shift = await k.shift(hongmei, p1, HOUR, 2, [{ roleId: painter, needed: 6 }])
    const otherShift = await k.shift(hongmei, p2, HOUR, 2, [{ roleId: painter, needed: 2 }])
    const vols: Record<string, Session> = {}
    for (const key of ['a', 'b', 'c', 'd', 'e', 'other'] as const) {
      vols[key] = (await k.volunteer(admin, `batch_${key}`)).s
      const shiftId = key === 'other' ? otherShift.id : shift.id
      ids[key] = (
        await k.ok(vols[key], 'POST', `/api/volunteers/shifts/${shiftId}/signups`, { roleId: painter })
      ).id
    }
    // A member named coordinator of p1 only.
    const c = await k.volunteer(admin, 'batch_coord')
    const account = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'batch_coord')
      .executeTakeFirstOrThrow()
    await k.ok(admin, 'PUT', `/api/volunteers/points/${p1}/coordinators`, { accountIds: [account.id] })
    coordinator = c.s
    // Everyone but e checks in 10 minutes into the shift; nobody checks out: the job closes them at the end.
    t.clock.set(new Date(start + 10 * MIN))
    hongmei = await login(t.app, 'hongmei_admin')
    for (const key of ['a', 'b', 'c', 'd', 'other'] as const) {
      const point = key === 'other' ? p2 : p1
      const token = (await k.ok(hongmei, 'GET', `/api/volunteers/points/${point}/qr-token`)).token
      const s = await login(t.app, `batch_${key}`, 'volunteer-password')
      await k.ok(s, 'POST', '/api/volunteers/scan', { token, nonce: k.nonce(), action: 'in' })
    }
    t.clock.set(new Date(start + 2 * HOUR + 31 * MIN))
    await autoCheckOut(t.ctx)
    hongmei = await login(t.app, 'hongmei_admin')
    fengpu = await login(t.app, 'fengpu_admin')
    coordinator = await login(t.app, 'batch_coord', 'volunteer-password')
  })

  const versions = async () => {
    const rows = await t.ctx.db
      .selectFrom('volunteer_signup')
      .select(['id', 'version', 'verified_minutes', 'adjust_reason'])
      .where('id', 'in', Object.values(ids))
      .execute()
    return new Map(rows.map((r) => [r.id, r]))
  }
  const item = (v: Awaited<ReturnType<typeof versions>>, id: number) => ({ id, version: v.get(id)!.version })
  const batch = (s: Session, body: Record<string, unknown>) =>
    k.call(s, 'POST', '/api/volunteers/signups/verify-batch', body)

  it('changes nothing when one row is not finished, stale, or at a point the caller does not coordinate', async () => {
    const v = await versions()
    const cases: Array<[Session, Record<string, unknown>, number, string]> = [
      [
        coordinator,
        { decision: 'approve', items: [item(v, ids.a), item(v, ids.e)] },
        409,
        'vol_batch_not_finished',
      ],
      [
        coordinator,
        { decision: 'approve', items: [item(v, ids.a), { id: ids.b, version: 99 }] },
        409,
        'version_conflict',
      ],
      [
        coordinator,
        { decision: 'approve', items: [item(v, ids.a), item(v, ids.other)] },
        403,
        'vol_not_coordinator',
      ],
      [coordinator, { decision: 'reject', items: [item(v, ids.a)] }, 400, 'vol_adjust_reason_required'],
      [
        coordinator,
        { decision: 'approve', items: [item(v, ids.a), item(v, ids.a)] },
        400,
        'vol_batch_repeated',
      ],
      [fengpu, { decision: 'approve', items: [item(v, ids.a)] }, 403, 'vol_not_coordinator'],
    ]
    for (const [s, body, status, code] of cases) {
      const res = await batch(s, body)
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code])
    }
    const after = await versions()
    expect([...after.values()].every((r) => r.verified_minutes === null)).toBe(true)
  })

  it('approves the recorded minutes of every selected row, one audit row, one notice each', async () => {
    const v = await versions()
    const res = await batch(coordinator, { decision: 'approve', items: [item(v, ids.a), item(v, ids.b)] })
    expect(res.status, res.text).toBe(200)
    expect(res.body.map((s: { id: number; verifiedMinutes: number }) => [s.id, s.verifiedMinutes])).toEqual([
      [ids.a, 110],
      [ids.b, 110],
    ])
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_ids'])
      .where('action', 'like', 'volunteer.hours.%')
      .execute()
    expect(audit).toEqual([{ action: 'volunteer.hours.approve', entity_ids: [String(ids.a), String(ids.b)] }])
    const notices = await t.ctx.db
      .selectFrom('notification')
      .select('kind')
      .where('entity', '=', 'volunteer_signup')
      .where('entity_id', 'in', [ids.a, ids.b])
      .execute()
    expect(notices.map((n) => n.kind)).toEqual(['hours.verified', 'hours.verified'])
  })

  it('rejects with one reason for all: zero minutes, the reason kept', async () => {
    const v = await versions()
    const res = await batch(hongmei, {
      decision: 'reject',
      reason: '签到后即离开，未实际值守',
      items: [item(v, ids.c), item(v, ids.d)],
    })
    expect(res.status, res.text).toBe(200)
    const after = await versions()
    expect(
      [ids.c, ids.d].map((id) => [after.get(id)!.verified_minutes, after.get(id)!.adjust_reason]),
    ).toEqual([
      [0, '签到后即离开，未实际值守'],
      [0, '签到后即离开，未实际值守'],
    ])
  })
})
