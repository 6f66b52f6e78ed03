import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, startTestApp, type TestApp } from '../../../test/helpers.ts'

const JINHAI = '310120003'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

describe('the demo’s 金海街道 相亲会', () => {
  it('is a confirmed round of 38 social organisations and 18 communities, every community served', async () => {
    const staff = await login(t.app, 'jinhai_admin')
    const list = await t.app.inject({ method: 'GET', url: '/api/matching/rounds', headers: staff.headers })
    expect(list.statusCode, list.body).toBe(200)
    const summary = list.json().items.find((r: { state: string }) => r.state === 'confirmed')
    expect(summary).toMatchObject({ areaCode: JINHAI, state: 'confirmed', providers: 38, targets: 18 })
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/matching/rounds/${summary.id}`,
      headers: staff.headers,
    })
    const round = res.json()
    expect(round.providerList.every((p: { name: string }) => p.name.length > 0)).toBe(true)
    const keys = round.targetList.map((x: { key: string }) => x.key)
    expect(keys.filter((k: string) => /^area:31012000320\d$/.test(k))).toHaveLength(9)
    expect(keys.filter((k: string) => /^area:31012000300\d$/.test(k))).toHaveLength(9)
    expect(round.targetList.every((x: { assigned: number }) => x.assigned >= 1)).toBe(true)
    // Every pair of the confirmed proposal is an agreement with six monthly follow-ups, some already done.
    expect(round.agreements).toBe(round.proposal.pairs.length)
    expect(round.agreementList).toHaveLength(round.agreements)
    expect(round.agreements).toBeGreaterThanOrEqual(36)
    expect(round.proposal.totalFit).toBeGreaterThanOrEqual(round.proposal.greedyFit)
    expect(round.preferences.length).toBeGreaterThan(0)
    const followUps = round.agreementList.flatMap((a: { followUps: unknown[] }) => a.followUps)
    expect(followUps).toHaveLength(round.agreements * 6)
    const done = followUps.filter((f: { doneAt: string | null }) => f.doneAt !== null)
    expect(done.length).toBeGreaterThan(0)
    expect(done.length).toBeLessThan(followUps.length / 2)
    // The same input, entered as a new round and solved through the API, gives the same total fit.
    const byOwner = new Map<
      string,
      { side: string; owner: number | string; ranked: Array<number | string> }
    >()
    for (const p of [...round.preferences].sort((a, b) => a.rank - b.rank)) {
      const owner = p.side === 'provider' ? p.unitId : p.targetKey
      const entry = byOwner.get(`${p.side}${owner}`) ?? {
        side: p.side,
        owner,
        ranked: [] as Array<number | string>,
      }
      entry.ranked.push(p.side === 'provider' ? p.targetKey : p.unitId)
      byOwner.set(`${p.side}${owner}`, entry)
    }
    const copy = await t.app.inject({
      method: 'POST',
      url: '/api/matching/rounds',
      headers: staff.headers,
      payload: {
        areaCode: JINHAI,
        name: '复核',
        providers: round.providerList.map(
          (p: { unitId: number; capacity: number; categories: string[] }) => ({
            unitId: p.unitId,
            capacity: p.capacity,
            categories: p.categories,
          }),
        ),
        targets: round.targetList.map((x: { key: string; demand: number; wants: unknown[] }) => ({
          key: x.key,
          demand: x.demand,
          wants: x.wants,
        })),
        preferences: [...byOwner.values()].map((o) =>
          o.side === 'provider'
            ? { side: 'provider', unitId: o.owner, ranked: o.ranked }
            : { side: 'target', targetKey: o.owner, ranked: o.ranked },
        ),
        options: round.options,
      },
    })
    expect(copy.statusCode, copy.body).toBe(201)
    const solved = await t.app.inject({
      method: 'POST',
      url: `/api/matching/rounds/${copy.json().id}/solve`,
      headers: staff.headers,
      payload: { version: 1 },
    })
    expect(solved.json().proposal.totalFit).toBe(round.proposal.totalFit)
    const again = await t.app.inject({
      method: 'PATCH',
      url: `/api/matching/rounds/${summary.id}`,
      headers: staff.headers,
      payload: { version: round.version, name: '改名' },
    })
    expect(again.json().code).toBe('matching_round_locked')
    // Another street's staff do not see it.
    const fengpu = await login(t.app, 'fengpu_admin')
    const theirs = await t.app.inject({ method: 'GET', url: '/api/matching/rounds', headers: fengpu.headers })
    expect(theirs.json().items.some((r: { id: number }) => r.id === summary.id)).toBe(false)
  })
})
