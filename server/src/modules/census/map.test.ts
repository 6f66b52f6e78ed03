import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectStatus,
  login,
  request,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers.ts'

// GET /api/map: an area's buildings, stations, duty points and open needs with coordinates, for the
// caller's readable scope only. The fixture lives in 田林街道, where the demo has nothing.
const TIANLIN = '310104011'
const FENGPU = '310120002'
const SECRET = '三楼东侧住户张某家门口，电话在描述里 13900001234'
let t: TestApp
let admin: Session
let placed: { id: number }
let bare: { id: number }
let needId: number
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  const post = async (url: string, payload: object, s = admin) =>
    expectStatus(await request(t.app, s, 'POST', url, payload), 201, url)
  placed = await post('/api/buildings', {
    areaCode: TIANLIN,
    name: '地图大厦',
    address: '田林路1号',
    floors: 12,
    lat: 31.175,
    lng: 121.43,
  })
  bare = await post('/api/buildings', {
    areaCode: TIANLIN,
    name: '无坐标大厦',
    address: '田林路2号',
    floors: 8,
  })
  await post('/api/stations', {
    kind: 'service_station',
    name: '地图大厦党建服务站',
    areaCode: TIANLIN,
    buildingId: placed.id,
  })
  await post('/api/stations', {
    kind: 'micro_home',
    name: '无坐标党建微家',
    areaCode: TIANLIN,
    buildingId: bare.id,
  })
  await post('/api/volunteers/points', { name: '地图大厦大堂', kind: 'lobby', buildingId: placed.id })
  const categories = (await request(t.app, admin, 'GET', '/api/service-categories')).body.items as {
    code: string
    newEnterpriseOnly: boolean
  }[]
  const category = categories.find((c) => !c.newEnterpriseOnly && c.code !== 'wish')!.code
  const member = await login(t.app, 'member_demo')
  needId = (
    await post(
      '/api/needs',
      {
        categoryCode: category,
        description: SECRET,
        buildingId: placed.id,
        contactName: '张某',
        contactPhone: '13900001234',
      },
      member,
    )
  ).id
})
afterAll(() => t.close())

const map = (query: string, s: Session | null = admin) =>
  request(t.app, s, 'GET', `/api/map?${query}`, undefined, s ? { lang: 'zh-CN' } : {})

describe('GET /api/map', () => {
  it('shows every layer of the area; stations and duty points take their building’s coordinates', async () => {
    const res = await map(`area=${TIANLIN}`)
    expect(res.status, res.text).toBe(200)
    const body = res.body
    expect(body.area).toEqual({ code: TIANLIN, name: '田林街道', level: 'street' })
    expect(body.layers).toEqual(['buildings', 'stations', 'dutyPoints', 'needs'])
    const at = { lat: 31.175, lng: 121.43, buildingId: placed.id, buildingName: '地图大厦' }
    expect(body.points).toEqual(
      expect.arrayContaining([
        { layer: 'buildings', id: placed.id, name: '地图大厦', kind: null, state: null, ...at },
        expect.objectContaining({
          layer: 'stations',
          name: '地图大厦党建服务站',
          kind: 'service_station',
          ...at,
        }),
        expect.objectContaining({ layer: 'dutyPoints', name: '地图大厦大堂', kind: 'lobby', ...at }),
        expect.objectContaining({ layer: 'needs', id: needId, state: 'submitted', ...at }),
      ]),
    )
    expect(body.points).toHaveLength(4)
    // Objects without coordinates are counted, not drawn.
    expect(body.unplaced).toEqual({ buildings: 1, stations: 1, dutyPoints: 0, needs: 0 })
  })

  it('an open need shows its category, state and building only: never the poster or its text', async () => {
    const res = await map(`area=${TIANLIN}&layers=needs`)
    const [need] = res.body.points
    expect(Object.keys(need).sort()).toEqual(
      ['buildingId', 'buildingName', 'id', 'kind', 'lat', 'layer', 'lng', 'name', 'state'].sort(),
    )
    expect(res.text).not.toContain('13900001234')
    expect(res.text).not.toContain('张某')
    expect(res.text).not.toContain('三楼东侧')
  })

  it('the layer filter answers only the layers asked for', async () => {
    const res = (await map(`area=${TIANLIN}&layers=stations,dutyPoints`)).body
    expect(res.layers).toEqual(['stations', 'dutyPoints'])
    expect(res.points.map((p: { layer: string }) => p.layer).sort()).toEqual(['dutyPoints', 'stations'])
    expect(res.unplaced).toEqual({ stations: 1, dutyPoints: 0 })
    const bad = await map(`area=${TIANLIN}&layers=buildings,people`)
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('validation_failed')
  })

  it('another street’s staff, a district they do not hold, a member, a chief: 403 forbidden_scope; no session: 401', async () => {
    for (const [user, area] of [
      ['hongmei_admin', TIANLIN],
      ['fengpu_admin', '310120'],
      ['chief_demo', FENGPU],
    ] as const) {
      const res = await map(`area=${area}`, await login(t.app, user))
      expect(res.status, `${user} ${res.text}`).toBe(403)
      expect(res.body.code).toBe('forbidden_scope')
    }
    const member = await map(`area=${FENGPU}`, await login(t.app, 'member_demo'))
    expect(member.status).toBe(403)
    expect((await map(`area=${FENGPU}`, null)).status).toBe(401)
  })

  it('a street’s staff see their street only, the same buildings as their own list', async () => {
    const fengpu = await login(t.app, 'fengpu_admin')
    const res = (await map(`area=${FENGPU}&layers=buildings`, fengpu)).body
    const list = (await request(t.app, fengpu, 'GET', `/api/buildings?area=${FENGPU}&limit=200`)).body
    const mapped = res.points.map((p: { id: number }) => p.id)
    expect(mapped.length + res.unplaced.buildings).toBe(list.total)
    const listed = new Set(list.items.map((b: { id: number }) => b.id))
    expect(mapped.every((id: number) => listed.has(id))).toBe(true)
    expect(mapped).not.toContain(placed.id)
  })
})
