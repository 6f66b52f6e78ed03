import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from './helpers.ts'

let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

const coverage = async (query: string) => {
  const res = await t.app.inject({ url: `/api/coverage?${query}`, headers: admin.headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const idOf = async (table: 'park' | 'building', name: string) =>
  (await t.ctx.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

describe('demo data shows the seed page’s figures, computed from rows', () => {
  it('奉贤区 has 28 commercial buildings in the census scope', async () => {
    const f = await coverage('area=310120')
    expect(f.buildingsInScope).toBe(28)
    expect(f.buildings).toBe(30)
  })

  it('凤创谷: 68 firms, 1,066 party members, 45% of them under 35, and 4 life stations', async () => {
    const f = await coverage(`park=${await idOf('park', '上海市工业综合开发区凤创谷')}`)
    expect(f.operatingUnits).toBe(68)
    expect(f.members).toBe(1066)
    expect(f.membersUnder35).toBe(480)
    expect(Math.round(f.under35Share * 100)).toBe(45)
    const stations = await t.app.inject({
      url: '/api/stations?kind=life_station&area=310120101',
      headers: admin.headers,
    })
    expect(stations.json().items).toHaveLength(4)
    // The dashboard's station figures for the park: the 4 驿站 and the 同心荟 centre.
    expect(f.stationsByKind).toEqual({ service_station: 0, micro_home: 0, center: 1, life_station: 4 })
    expect(f.stations).toBe(5)
  })

  it('a park’s figures drill down to exactly the park’s rows', async () => {
    const park = await idOf('park', '上海市工业综合开发区凤创谷')
    const rows = async (figure: string) => {
      const res = await t.app.inject({
        url: `/api/coverage/rows?park=${park}&figure=${figure}&limit=200`,
        headers: admin.headers,
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json().items as Array<{ entity: string; name: string }>
    }
    expect(await rows('operatingUnits')).toHaveLength(68)
    expect((await rows('stations')).filter((r) => r.name.endsWith('生活驿站'))).toHaveLength(4)
    const f = await coverage(`park=${park}`)
    expect(await rows('buildings')).toHaveLength(f.buildings)
    expect(f.buildings).toBeGreaterThan(1)
  })

  it('上实大厦: 170 firms and 1,800 workers', async () => {
    const f = await coverage(`building=${await idOf('building', '上海实业大厦')}`)
    expect(f.operatingUnits).toBe(170)
    expect(f.employees).toBe(1800)
  })

  it('奉浦街道’s joint general branch covers 4 buildings; 14 alliance buildings have chiefs', async () => {
    const orgs = await t.app.inject({
      url: `/api/party-orgs?q=${encodeURIComponent('奉浦街道楼宇联合')}`,
      headers: admin.headers,
    })
    expect(orgs.json().items).toHaveLength(1)
    expect(orgs.json().items[0]).toMatchObject({ type: 'general_branch' })
    expect(orgs.json().items[0].covers.buildings).toHaveLength(4)
    // On the dashboard: 奉浦街道's buildings covered whole are exactly those four.
    expect((await coverage('area=310120002')).buildingsWholeCovered).toBe(4)
    // The district's figure and its drill-down agree (they are counted two ways).
    const district = await coverage('area=310120')
    const drill = await t.app.inject({
      url: '/api/coverage/rows?area=310120&figure=buildingsWholeCovered&limit=200',
      headers: admin.headers,
    })
    expect(drill.json().items).toHaveLength(district.buildingsWholeCovered)
    expect(district.buildingsWholeCovered).toBeGreaterThanOrEqual(4)
    const f = await coverage('area=310120')
    expect(f.buildingsWithChief).toBe(14)
  })

  it('金海街道 has 38 social organisations and 9 villages + 13 residential committees', async () => {
    const f = await coverage('area=310120003')
    expect(f.unitsByKind.social_org).toBe(38)
    expect(f.subAreas).toEqual({ villages: 9, communities: 13 })
    const communities = await t.app.inject({ url: '/api/areas?parent=310120003', headers: admin.headers })
    expect(communities.json().items.filter((a: { name: string }) => a.name.endsWith('村委会'))).toHaveLength(
      9,
    )
  })

  it('虹梅路街道 has 40 parks and buildings', async () => {
    const parks = (await t.app.inject({ url: '/api/parks?area=310104012', headers: admin.headers })).json()
      .items
    const f = await coverage('area=310104012')
    expect(parks.length + f.buildings).toBe(40)
  })

  it('the 奉贤区 alliance: 14 member buildings all with a chief, 15 services, 11 resources, 9 activities', async () => {
    const list = (await t.app.inject({ url: '/api/alliances', headers: admin.headers })).json().items
    const alliance = list.find((a: { name: string }) => a.name === '奉贤区商务楼宇党建联盟')
    expect(alliance.figures).toMatchObject({
      buildingMembers: 14,
      buildingsWithChief: 14,
      offerings: { service: 15, resource: 11, activity: 9 },
    })
    // A member building's 党课 offering delivered one demo need.
    expect(alliance.figures.needsServed).toBe(1)
    const detail = (
      await t.app.inject({ url: `/api/alliances/${alliance.id}`, headers: admin.headers })
    ).json()
    expect(
      detail.members.filter((m: { role: string }) => m.role === 'lead').map((m: { name: string }) => m.name),
    ).toEqual(['奉浦街道社区党群服务中心'])
    expect(detail.members.filter((m: { role: string }) => m.role === 'coordinating')).toHaveLength(2)
  })

  it('同心荟 has about twenty third-party providers and needs exist in every state', async () => {
    const offerings = (
      await t.app.inject({
        url: '/api/offerings?area=310120101&category=enterprise&limit=200',
        headers: admin.headers,
      })
    ).json().items
    expect(
      new Set(offerings.map((o: { providerUnitId: number }) => o.providerUnitId)).size,
    ).toBeGreaterThanOrEqual(20)
    const states = await t.ctx.db.selectFrom('need').select('state').distinct().execute()
    expect(states.map((s) => s.state).sort()).toEqual([
      'accepted',
      'closed',
      'delivered',
      'duplicate',
      'in_progress',
      'rejected',
      'reopened',
      'submitted',
    ])
  })
})
