import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

// A building's coordinates must lie in the box around Shanghai (contracts SHANGHAI_BOUNDS); a typo such as
// swapped lat/lng or a dropped digit would put it in another province and off every map.
const TIANLIN = '310104011'
let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

/** The language these tests read answers in unless one says otherwise. */
const zhCN = { lang: 'zh-CN' }
const body = (name: string, extra: object = {}) => ({
  areaCode: TIANLIN,
  name,
  address: `${name}路1号`,
  floors: 10,
  ...extra,
})
const countNamed = async (name: string) =>
  Number(
    (
      await t.ctx.db
        .selectFrom('building')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('building coordinates', () => {
  it('a building inside Shanghai keeps its coordinates, and an edit moves them', async () => {
    const res = await request(
      t.app,
      admin,
      'POST',
      '/api/buildings',
      body('坐标大厦', { lat: 31.19, lng: 121.44 }),
      zhCN,
    )
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({ lat: 31.19, lng: 121.44 })
    const moved = await request(
      t.app,
      admin,
      'PUT',
      `/api/buildings/${res.body.id}`,
      {
        ...body('坐标大厦', { lat: 31.2, lng: 121.45 }),
        version: res.body.version,
      },
      zhCN,
    )
    expect(moved.status, moved.text).toBe(200)
    expect(moved.body).toMatchObject({ lat: 31.2, lng: 121.45, version: 2 })
  })

  it('swapped (latitude 121.44): refused by the schema as out of −90…90, nothing written', async () => {
    const res = await request(
      t.app,
      admin,
      'POST',
      '/api/buildings',
      body('颠倒大厦', { lat: 121.44, lng: 31.19 }),
      zhCN,
    )
    expect(res.status, res.text).toBe(400)
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['lat'])
    expect(await countNamed('颠倒大厦')).toBe(0)
  })

  it.each([
    ['Beijing', { lat: 39.9, lng: 116.4 }],
    ['just south of the box', { lat: 30.59, lng: 121.4 }],
    ['just east of the box', { lat: 31.2, lng: 122.21 }],
  ])('%s: 400 building_location_outside_shanghai in both languages, nothing written', async (_, where) => {
    const name = `界外大厦${where.lat}`
    const zh = await request(t.app, admin, 'POST', '/api/buildings', body(name, where), zhCN)
    expect(zh.status, zh.text).toBe(400)
    expect(zh.body.code).toBe('building_location_outside_shanghai')
    expect(zh.body.message).toContain('上海')
    expect(zh.body.message).toContain(String(where.lat))
    const en = await request(t.app, admin, 'POST', '/api/buildings', body(name, where), { lang: 'en-US' })
    expect(en.body.code).toBe('building_location_outside_shanghai')
    expect(en.body.message).toContain('Shanghai')
    expect(await countNamed(name)).toBe(0)
  })

  it('an edit that would move a building out of Shanghai is refused and changes nothing', async () => {
    const res = await request(
      t.app,
      admin,
      'POST',
      '/api/buildings',
      body('守界大厦', { lat: 31.19, lng: 121.44 }),
      zhCN,
    )
    const { id, version } = res.body
    const bad = await request(
      t.app,
      admin,
      'PUT',
      `/api/buildings/${id}`,
      {
        ...body('守界大厦', { lat: 31.19, lng: 12.144 }),
        version,
      },
      zhCN,
    )
    expect(bad.status, bad.text).toBe(400)
    expect(bad.body.code).toBe('building_location_outside_shanghai')
    const row = await t.ctx.db
      .selectFrom('building')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ lat: 31.19, lng: 121.44, version })
  })

  it('half a pair is refused: latitude without longitude', async () => {
    const res = await request(
      t.app,
      admin,
      'POST',
      '/api/buildings',
      body('半坐标大厦', { lat: 31.19, lng: null }),
      { lang: 'en-US' },
    )
    expect(res.status, res.text).toBe(400)
    expect(res.body.code).toBe('building_location_incomplete')
    expect(await countNamed('半坐标大厦')).toBe(0)
  })

  it('the box edges themselves are inside', async () => {
    for (const [lat, lng] of [
      [30.6, 120.8],
      [31.9, 122.2],
    ]) {
      const res = await request(
        t.app,
        admin,
        'POST',
        '/api/buildings',
        body(`边界大厦${lat}`, { lat, lng }),
        zhCN,
      )
      expect(res.status, res.text).toBe(201)
    }
  })
})
