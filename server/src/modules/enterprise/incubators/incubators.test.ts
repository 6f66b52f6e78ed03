import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../../test/helpers.ts'
import { registryApi } from '../../../../test/registry-fixtures.ts'
import { ManualClock } from '../../../lib/clock.ts'

const XIDU = '310120001'
let t: TestApp
let admin: Session
let fengpu: Session
let incubatorId: number
const u: number[] = []
const clock = new ManualClock(new Date('2026-06-15T02:00:00Z'))

beforeAll(async () => {
  t = await startTestApp({ clock })
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  const api = registryApi(t.app, admin)
  for (let i = 0; i < 4; i++) u.push((await api.unit(null, `孵化测试企业${i}`, { areaCode: XIDU })).id)
  const res = await request(t.app, admin, 'POST', '/api/enterprise/incubators', {
    name: '西渡测试孵化器',
    areaCode: XIDU,
    capacity: 20,
  })
  expect(res.status, res.text).toBe(201)
  incubatorId = res.body.id
})
afterAll(() => t.close())

describe('incubators', () => {
  it('keeps incubatees with entry and exit, and the figures match a hand count', async () => {
    const entries = ['2025-01-10', '2025-02-01', '2025-03-15', '2026-04-01']
    const ids: number[] = []
    for (const [i, enteredOn] of entries.entries()) {
      const res = await request(
        t.app,
        admin,
        'POST',
        `/api/enterprise/incubators/${incubatorId}/incubatees`,
        {
          unitId: u[i],
          enteredOn,
        },
      )
      expect(res.status, res.text).toBe(201)
      ids.push(res.body.id)
    }
    expect(
      (
        await request(t.app, admin, 'POST', `/api/enterprise/incubatees/${ids[1]}/exit`, {
          status: 'graduated',
          exitedOn: '2025-06-30',
          version: 1,
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await request(t.app, admin, 'POST', `/api/enterprise/incubatees/${ids[2]}/exit`, {
          status: 'left',
          exitedOn: '2025-04-01',
          version: 1,
        })
      ).status,
    ).toBe(200)
    // A second exit, or one at a stale version, changes nothing.
    const again = await request(t.app, admin, 'POST', `/api/enterprise/incubatees/${ids[1]}/exit`, {
      status: 'left',
      exitedOn: '2025-07-01',
      version: 2,
    })
    expect(again.body.code).toBe('incubatee_already_exited')
    expect(
      (
        await request(t.app, admin, 'POST', `/api/enterprise/incubatees/${ids[0]}/exit`, {
          status: 'left',
          exitedOn: '2026-07-01',
          version: 1,
        })
      ).body.code,
    ).toBe('incubatee_dates_invalid')
    expect(
      (
        await request(t.app, admin, 'POST', `/api/enterprise/incubatees/${ids[0]}/services`, {
          servedOn: '2025-02-01',
          kind: 'finance',
          description: '对接天使投资',
        })
      ).status,
    ).toBe(201)

    const list = (await request(t.app, admin, 'GET', '/api/enterprise/incubators')).body
    const mine = list.items.find((i: { id: number }) => i.id === incubatorId)
    // Today (2026-06-15): #0 and #3 incubating; 4 ever entered; 1 graduated; 1 left.
    expect(mine.figures).toEqual({ incubating: 2, cumulative: 4, graduated: 1, left: 1 })
    const series = (
      await request(
        t.app,
        admin,
        'GET',
        `/api/enterprise/incubators/series?incubatorId=${incubatorId}&from=2025-01-01&to=2025-07-31`,
      )
    ).body
    expect(
      series.points.map((p: { month: string; incubating: number; cumulative: number }) => [
        p.month,
        p.incubating,
        p.cumulative,
      ]),
    ).toEqual([
      ['2025-01', 1, 1],
      ['2025-02', 2, 2],
      ['2025-03', 3, 3],
      ['2025-04', 2, 3],
      ['2025-05', 2, 3],
      ['2025-06', 1, 3],
      ['2025-07', 1, 3],
    ])
    const rows = (await request(t.app, admin, 'GET', `/api/enterprise/incubators/${incubatorId}/incubatees`))
      .body.items
    expect(rows.find((r: { id: number }) => r.id === ids[0]).services).toBe(1)
  })

  it('a firm is in one incubator at a time, even when two admissions race', async () => {
    const other = (
      await request(t.app, admin, 'POST', '/api/enterprise/incubators', {
        name: '西渡第二孵化器',
        areaCode: XIDU,
      })
    ).body.id
    const api = registryApi(t.app, admin)
    const firm = (await api.unit(null, '抢先入孵企业', { areaCode: XIDU })).id
    const results = await Promise.all(
      [incubatorId, other].map((id) =>
        request(t.app, admin, 'POST', `/api/enterprise/incubators/${id}/incubatees`, {
          unitId: firm,
          enteredOn: '2026-06-01',
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect(results.find((r) => r.status === 409)!.body.code).toBe('incubatee_already_incubating')
    const n = await t.ctx.db.selectFrom('incubatee').select('id').where('unit_id', '=', firm).execute()
    expect(n).toHaveLength(1)
  })

  it("another street's staff can neither see nor change this incubator", async () => {
    const list = (await request(t.app, fengpu, 'GET', '/api/enterprise/incubators')).body
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(incubatorId)
    expect(
      (
        await request(t.app, fengpu, 'POST', `/api/enterprise/incubators/${incubatorId}/incubatees`, {
          unitId: u[0],
          enteredOn: '2026-01-01',
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await request(
          t.app,
          fengpu,
          'GET',
          `/api/enterprise/incubators/series?incubatorId=${incubatorId}&from=2025-01-01`,
        )
      ).status,
    ).toBe(403)
  })
})
