import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { HONGMEI } from './test-kit.ts'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

describe('demo: 虹梅路街道’s volunteer programme', () => {
  it('a month of shifts at all 61 points, with realistic attendance', async () => {
    const points = await t.ctx.db
      .selectFrom('volunteer_shift as s')
      .innerJoin('duty_point as dp', 'dp.id', 's.point_id')
      .select((eb) => eb.fn.count<number>('s.point_id').distinct().as('n'))
      .where('dp.area_code', '=', HONGMEI)
      .executeTakeFirstOrThrow()
    expect(Number(points.n)).toBe(61)
    const now = new Date()
    const past = await t.ctx.db
      .selectFrom('volunteer_signup')
      .select([
        sql<number>`count(*)::int`.as('all'),
        sql<number>`count(*) filter (where checked_in_at is null)::int`.as('no_show'),
        sql<number>`count(*) filter (where auto_checked_out)::int`.as('auto'),
        sql<number>`count(*) filter (where verified_at is not null)::int`.as('verified'),
        sql<number>`count(*) filter (where adjust_reason is not null)::int`.as('adjusted'),
      ])
      .where('ends_at', '<', now)
      .executeTakeFirstOrThrow()
    expect(past.all).toBeGreaterThan(300)
    expect(past.no_show / past.all).toBeGreaterThan(0.02)
    expect(past.no_show / past.all).toBeLessThan(0.2)
    expect(past.auto).toBeGreaterThan(0)
    expect(past.verified / past.all).toBeGreaterThan(0.6)
    expect(past.adjusted).toBeGreaterThan(0)
    // Places taken agree with the sign-ups, and the coming week still has free places.
    const mismatch = await t.ctx.db
      .selectFrom('volunteer_shift_need as n')
      .select('n.shift_id')
      .where(
        'n.taken',
        '<>',
        sql<number>`(select count(*)::int from volunteer_signup su where su.shift_id = n.shift_id and su.role_id = n.role_id and su.status = 'active')`,
      )
      .execute()
    expect(mismatch).toEqual([])
  })

  it('volunteer_demo has served shifts; coordinator_demo coordinates ten points', async () => {
    const v = await login(t.app, 'volunteer_demo')
    const hours = (await t.app.inject({ url: '/api/volunteers/me/hours', headers: v.headers })).json()
    expect(hours.shifts).toBeGreaterThan(0)
    const c = await login(t.app, 'coordinator_demo')
    const mine = (await t.app.inject({ url: '/api/volunteers/points?mine=true', headers: c.headers })).json()
    expect(mine).toHaveLength(10)
    const board = (await t.app.inject({ url: '/api/volunteers/shifts?open=true', headers: v.headers })).json()
    expect(board.length).toBeGreaterThan(0)
  })
})
