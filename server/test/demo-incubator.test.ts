import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from './helpers.ts'

let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

type Point = { month: string; incubating: number; cumulative: number; graduated: number; left: number }
const series = async (query: string) => {
  const res = await t.app.inject({
    url: `/api/enterprise/incubators/series?${query}`,
    headers: admin.headers,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().points as Point[]
}
const twoYearsAgo = () => {
  const d = t.clock.now()
  return `${d.getUTCFullYear() - 2}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`
}
const moves = (values: number[]) => {
  let up = 0
  let down = 0
  for (let i = 1; i < values.length; i++) {
    if (values[i]! > values[i - 1]!) up++
    if (values[i]! < values[i - 1]!) down++
  }
  return { up, down, distinct: new Set(values).size }
}

describe('demo incubators: the series moves with admissions and graduations', () => {
  it('over the last two years firms enter and graduate, so 在孵 rises and falls and 已毕业 grows', async () => {
    const points = await series(`from=${twoYearsAgo()}`)
    expect(points.length).toBeGreaterThanOrEqual(24)
    const incubating = moves(points.map((p) => p.incubating))
    expect(incubating.up, JSON.stringify(points)).toBeGreaterThanOrEqual(6)
    expect(incubating.down, JSON.stringify(points)).toBeGreaterThanOrEqual(4)
    expect(incubating.distinct).toBeGreaterThanOrEqual(8)
    const graduated = points.map((p) => p.graduated)
    expect(graduated.at(-1)! - graduated[0]!).toBeGreaterThanOrEqual(10)
    expect(moves(graduated).up).toBeGreaterThanOrEqual(6)
    // Today's figures are the seed page's: 78 incubating, 128 ever.
    expect(points.at(-1)).toMatchObject({ incubating: 78, cumulative: 128 })
  })

  it('each incubator’s own line moves too', async () => {
    const items = (await t.app.inject({ url: '/api/enterprise/incubators', headers: admin.headers })).json()
      .items as { id: number }[]
    expect(items).toHaveLength(3)
    for (const i of items) {
      const points = await series(`from=${twoYearsAgo()}&incubatorId=${i.id}`)
      const m = moves(points.map((p) => p.incubating))
      expect(m.up, `incubator ${i.id}`).toBeGreaterThanOrEqual(3)
      expect(m.down, `incubator ${i.id}`).toBeGreaterThanOrEqual(2)
    }
  })

  it('admitting and graduating a firm moves the series at the month it happened, not before', async () => {
    const incubator = await t.ctx.db
      .selectFrom('incubator')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const firm = await t.ctx.db
      .selectFrom('unit')
      .select('id')
      .where('kind', '=', 'private')
      .where('deleted_at', 'is', null)
      .where('id', 'not in', t.ctx.db.selectFrom('incubatee').select('unit_id'))
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const now = t.clock.now()
    const month = (back: number) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))
      return d.toISOString().slice(0, 10)
    }
    const query = `from=${month(3)}&incubatorId=${incubator.id}`
    const before = await series(query)
    const admitted = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise/incubators/${incubator.id}/incubatees`,
      headers: admin.headers,
      payload: { unitId: firm.id, enteredOn: month(2) },
    })
    expect(admitted.statusCode, admitted.body).toBe(201)
    const afterAdmit = await series(query)
    expect(afterAdmit.map((p, i) => p.incubating - before[i]!.incubating)).toEqual([0, 1, 1, 1])
    expect(afterAdmit.map((p, i) => p.cumulative - before[i]!.cumulative)).toEqual([0, 1, 1, 1])
    const graduated = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise/incubatees/${admitted.json().id}/exit`,
      headers: admin.headers,
      payload: { status: 'graduated', exitedOn: month(1), version: 1 },
    })
    expect(graduated.statusCode, graduated.body).toBe(200)
    const afterExit = await series(query)
    expect(afterExit.map((p, i) => p.incubating - before[i]!.incubating)).toEqual([0, 1, 0, 0])
    expect(afterExit.map((p, i) => p.graduated - before[i]!.graduated)).toEqual([0, 0, 1, 1])
    expect(afterExit.map((p, i) => p.cumulative - before[i]!.cumulative)).toEqual([0, 1, 1, 1])
  })
})
