import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

// The demo's census (db/demo/census.ts) counts back from the load date, and the tests' clock is today.
const FENGXIAN = '310120'
let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

describe('demo census visits: some parts fresh, some stale, computed from the visits', () => {
  it('奉贤区: the 28 buildings, a third fully fresh, the rest with stale parts', async () => {
    const f = await client(t.app, admin).read(`/api/census/freshness?area=${FENGXIAN}`)
    // In load order, 11 buildings were visited in the last month (all five fresh), 8 by a 微信扫楼 five months
    // ago that verified the building and its units (2 parts each due within 30 days; 3 stale), and 9 not
    // since the census eleven months ago (5 stale): 8 × 3 + 9 × 5 = 69 stale parts.
    expect(f).toMatchObject({ periodMonths: 6, buildings: 28, allFresh: 11, staleParts: 69, dueSoon: 16 })
    expect(f.byPart).toEqual([
      { part: 'building', stale: 9, neverVerified: 0 },
      { part: 'units', stale: 9, neverVerified: 0 },
      { part: 'orgs', stale: 17, neverVerified: 0 },
      { part: 'members', stale: 17, neverVerified: 0 },
      { part: 'stations', stale: 17, neverVerified: 0 },
    ])
    expect(f.openFollowUps).toBe(4)
    expect(f.overdueFollowUps).toBe(1)
  })

  it('the plan puts the longest-unverified buildings first, and drills into a stale part', async () => {
    const plan = await client(t.app, admin).read(`/api/census/plan?area=${FENGXIAN}&limit=200`)
    expect(plan.items).toHaveLength(28)
    const dues = plan.items.map((r: { dueOn: string }) => r.dueOn)
    expect(dues).toEqual([...dues].sort())
    // The 17 buildings with a stale part come first: their oldest verification is the census of last year.
    expect(plan.items.slice(0, 17).every((r: { staleParts: string[] }) => r.staleParts.length >= 3)).toBe(
      true,
    )
    expect(plan.items.slice(17).every((r: { staleParts: string[] }) => r.staleParts.length === 0)).toBe(true)
    const orgs = await client(t.app, admin).read(`/api/census/plan?area=${FENGXIAN}&part=orgs&limit=200`)
    expect(orgs.items).toHaveLength(17)
    const buildingPart = await client(t.app, admin).read(
      `/api/census/plan?area=${FENGXIAN}&part=building&limit=200`,
    )
    expect(buildingPart.items).toHaveLength(9)
  })

  it('the chief’s building: verified by its chief three weeks ago; only the station is missing', async () => {
    const chief = await login(t.app, 'chief_demo')
    const [row] = (await client(t.app, chief).read('/api/census/plan')).items
    expect(row.name).toBe('绿地翡翠国际广场')
    expect(row.staleParts).toEqual([])
    const detail = await client(t.app, chief).read(`/api/buildings/${row.buildingId}`)
    expect(detail.completeness.items.map((i: { state: string }) => i.state)).toEqual([
      'clear',
      'clear',
      'clear',
      'clear',
      'missing',
    ])
    const visits = await client(t.app, chief).read(`/api/census/visits?building=${row.buildingId}`)
    expect(visits.items.map((v: { kind: string }) => v.kind)).toEqual(['onsite', 'joint'])
    expect(visits.items[1].department).toBe('区经济委员会')
  })

  it('a street admin sees their street only', async () => {
    const fengpu = await login(t.app, 'fengpu_admin')
    const f = await client(t.app, fengpu).read('/api/census/freshness')
    const district = await client(t.app, admin).read(`/api/census/freshness?area=${FENGXIAN}`)
    expect(f.buildings).toBeGreaterThan(0)
    expect(f.buildings).toBeLessThan(district.buildings)
  })
})
