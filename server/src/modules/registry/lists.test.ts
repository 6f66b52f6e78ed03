import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

/**
 * The registry's lists over a small hand-built set in 青村镇 (no demo data there): keyset pages, every filter
 * the routes declare, and search by Chinese, full pinyin and initials. Expected rows are named by hand.
 */
const QINGCUN = '310120111'

let t: TestApp
let admin: Session
const b: Record<string, number> = {}
const u: Record<string, number> = {}
const o: Record<string, number> = {}
const p: Record<string, number> = {}
const parks: Record<string, number> = {}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  const api = registryApi(t.app, admin)
  parks.one = (await api.send('POST', '/api/parks', { areaCode: QINGCUN, name: '青村一号测试园区' })).id
  parks.two = (await api.send('POST', '/api/parks', { areaCode: QINGCUN, name: '青村二号测试园区' })).id
  // In census scope: 6+ floors and in use.
  b.star = (await api.building(QINGCUN, '青村星辰大厦', 10, { parkId: parks.one })).id
  b.low = (await api.building(QINGCUN, '青村低层商务楼', 5, { parkId: parks.one })).id
  b.closed = (await api.building(QINGCUN, '青村停用大楼', 8, { inUse: false })).id
  b.port = (await api.building(QINGCUN, '青村金港大厦', 12)).id
  b.parkTwo = (await api.building(QINGCUN, '青村园二大厦', 7, { parkId: parks.two })).id
  b.north = (await api.building(QINGCUN, '青村北楼', 9)).id
  b.south = (await api.building(QINGCUN, '青村南楼', 6)).id

  u.own = (await api.unit(b.star, '青村翰墨文化传播有限公司')).id
  u.joint1 = (await api.unit(b.star, '青村甲贸易有限公司', { kind: 'foreign' })).id
  u.joint2 = (await api.unit(b.port, '青村乙物流有限公司')).id
  u.should = (await api.unit(b.star, '青村丙科技有限公司', { kind: 'state' })).id
  u.only = (await api.unit(null, '青村丁咨询有限公司', { kind: 'foreign', areaCode: QINGCUN })).id
  u.none1 = (await api.unit(null, '青村戊社会服务中心', { kind: 'social_org', areaCode: QINGCUN })).id
  u.none2 = (await api.unit(b.port, '青村己事务所', { kind: 'agency' })).id
  u.none3 = (await api.unit(null, '青村庚设计有限公司', { areaCode: QINGCUN })).id

  o.committee = (await api.org('中共青村镇测试综合委员会', 'committee', QINGCUN, { hasCommittee: true })).id
  const under = { parentId: o.committee }
  o.general = (await api.org('中共青村星辰大厦总支部委员会', 'general_branch', QINGCUN, under)).id
  o.own = (
    await api.org('中共青村翰墨文化支部委员会', 'branch', QINGCUN, { ...under, coversUnitIds: [u.own] })
  ).id
  o.joint = (
    await api.org('中共青村锦鲤联合支部委员会', 'joint_branch', QINGCUN, {
      ...under,
      coversUnitIds: [u.joint1, u.joint2],
    })
  ).id
  o.branch2 = (await api.org('中共青村机关测试支部委员会', 'branch', QINGCUN, under)).id

  for (let i = 0; i < 3; i++) p[`own${i}`] = (await api.member(u.own, o.own)).id
  p.joint = (await api.member(u.joint1, o.joint)).id
  for (let i = 0; i < 3; i++) p[`should${i}`] = (await api.member(u.should, o.committee)).id
  p.only = (await api.member(u.only, o.committee, { status: 'probationary' })).id
  p.ouyang = (await api.send('POST', '/api/people', { name: '欧阳明轩', unitId: u.none1 })).id
  p.plain = (await api.send('POST', '/api/people', { name: '青村职员', unitId: u.none3 })).id
}, 120_000)
afterAll(() => t.close())

const ids = (rows: Record<string, number>, ...keys: string[]) =>
  (keys.length ? keys.map((k) => rows[k]!) : Object.values(rows)).sort((x, y) => x - y)

async function list(path: string, query = ''): Promise<number[]> {
  const res = await request(t.app, admin, 'GET', `${path}?area=${QINGCUN}&limit=200${query}`)
  expect(res.status, res.text).toBe(200)
  expect(res.body.nextCursor).toBeNull()
  return res.body.items.map((r: { id: number }) => r.id)
}

describe('keyset pagination', () => {
  it.each([
    ['/api/buildings', () => ids(b)],
    ['/api/units', () => ids(u)],
    ['/api/party-orgs', () => ids(o)],
    ['/api/people', () => ids(p)],
  ])(
    '%s pages of 3 do not overlap, together make the full set, and end with a null cursor',
    async (path, all) => {
      const pages: number[][] = []
      let cursor: string | null = null
      do {
        const res = await request(
          t.app,
          admin,
          'GET',
          `${path}?area=${QINGCUN}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
        expect(res.status, res.text).toBe(200)
        const page = res.body as { items: Array<{ id: number }>; nextCursor: string | null }
        pages.push(page.items.map((r) => r.id))
        cursor = page.nextCursor
        expect(pages.length).toBeLessThan(10)
      } while (cursor)
      const expected = all()
      // Full pages until the last, which holds the rest (never an empty page after a cursor).
      expect(pages.map((x) => x.length)).toEqual([
        ...Array(Math.floor((expected.length - 1) / 3)).fill(3),
        expected.length - 3 * Math.floor((expected.length - 1) / 3),
      ])
      const flat = pages.flat()
      expect(new Set(flat).size).toBe(flat.length)
      expect(flat).toEqual(expected)
      expect(await list(path)).toEqual(expected)
    },
  )

  it('refuses a cursor it did not make', async () => {
    const res = await request(t.app, admin, 'GET', '/api/units?cursor=not-a-cursor')
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('invalid_cursor')
  })
})

describe('filters return exactly the matching rows', () => {
  it('buildings by park and census scope', async () => {
    expect(await list('/api/buildings', `&park=${parks.one}`)).toEqual(ids(b, 'star', 'low'))
    expect(await list('/api/buildings', `&park=${parks.two}`)).toEqual(ids(b, 'parkTwo'))
    expect(await list('/api/buildings', '&inScope=true')).toEqual(
      ids(b, 'star', 'port', 'parkTwo', 'north', 'south'),
    )
    expect(await list('/api/buildings', '&inScope=false')).toEqual(ids(b, 'low', 'closed'))
    expect(await list('/api/buildings', `&park=${parks.one}&inScope=true`)).toEqual(ids(b, 'star'))
  })

  it('units by building, kind and 党统 category', async () => {
    expect(await list('/api/units', `&building=${b.star}`)).toEqual(ids(u, 'own', 'joint1', 'should'))
    expect(await list('/api/units', `&building=${b.port}`)).toEqual(ids(u, 'joint2', 'none2'))
    expect(await list('/api/units', '&kind=private')).toEqual(ids(u, 'own', 'joint2', 'none3'))
    expect(await list('/api/units', '&kind=foreign')).toEqual(ids(u, 'joint1', 'only'))
    expect(await list('/api/units', '&kind=state')).toEqual(ids(u, 'should'))
    expect(await list('/api/units', '&kind=social_org')).toEqual(ids(u, 'none1'))
    expect(await list('/api/units', '&kind=agency')).toEqual(ids(u, 'none2'))
    expect(await list('/api/units', '&category=own')).toEqual(ids(u, 'own'))
    expect(await list('/api/units', '&category=joint')).toEqual(ids(u, 'joint1', 'joint2'))
    expect(await list('/api/units', '&category=should_have')).toEqual(ids(u, 'should'))
    expect(await list('/api/units', '&category=only_members')).toEqual(ids(u, 'only'))
    expect(await list('/api/units', '&category=no_members')).toEqual(ids(u, 'none1', 'none2', 'none3'))
    expect(await list('/api/units', `&building=${b.star}&category=should_have`)).toEqual(ids(u, 'should'))
  })

  it('party organisations by type', async () => {
    expect(await list('/api/party-orgs', '&type=committee')).toEqual(ids(o, 'committee'))
    expect(await list('/api/party-orgs', '&type=general_branch')).toEqual(ids(o, 'general'))
    expect(await list('/api/party-orgs', '&type=branch')).toEqual(ids(o, 'own', 'branch2'))
    expect(await list('/api/party-orgs', '&type=joint_branch')).toEqual(ids(o, 'joint'))
  })

  it('people by unit, organisation and membership', async () => {
    expect(await list('/api/people', `&unit=${u.own}`)).toEqual(ids(p, 'own0', 'own1', 'own2'))
    expect(await list('/api/people', `&unit=${u.none1}`)).toEqual(ids(p, 'ouyang'))
    expect(await list('/api/people', `&org=${o.committee}`)).toEqual(
      ids(p, 'should0', 'should1', 'should2', 'only'),
    )
    expect(await list('/api/people', `&org=${o.joint}`)).toEqual(ids(p, 'joint'))
    expect(await list('/api/people', `&org=${o.branch2}`)).toEqual([])
    const members = Object.keys(p).filter((k) => k !== 'ouyang' && k !== 'plain')
    expect(await list('/api/people', '&members=true')).toEqual(ids(p, ...members))
    expect(await list('/api/people', `&members=true&unit=${u.none1}`)).toEqual([])
  })

  it('parks by area, with their building counts', async () => {
    const res = await request(t.app, admin, 'GET', `/api/parks?area=${QINGCUN}`)
    expect(
      res.body.items
        .map((x: { id: number; buildingCount: number }) => [x.id, x.buildingCount])
        .sort((x: number[], y: number[]) => x[0]! - y[0]!),
    ).toEqual([
      [parks.one, 2],
      [parks.two, 1],
    ])
  })
})

describe('search by Chinese, full pinyin and initials', () => {
  const search = (path: string, q: string) => list(path, `&q=${encodeURIComponent(q)}`)
  it.each(['翰墨', 'hanmo', 'HanMo', 'qchmwhcb', 'hmwh'])(
    'units: %s finds 青村翰墨文化传播有限公司 only',
    async (q) => {
      expect(await search('/api/units', q)).toEqual([u.own])
    },
  )
  it.each(['欧阳', '欧阳明轩', 'ouyangmingxuan', 'oymx'])('people: %s finds 欧阳明轩 only', async (q) => {
    expect(await search('/api/people', q)).toEqual([p.ouyang])
  })
  it.each(['锦鲤', 'jinli', 'qcjllhzb', 'jllh'])(
    'party organisations: %s finds 中共青村锦鲤联合支部委员会 only',
    async (q) => {
      expect(await search('/api/party-orgs', q)).toEqual([o.joint])
    },
  )
  it.each(['星辰', 'xingchen', 'qcxcds'])('buildings: %s finds 青村星辰大厦 only', async (q) => {
    expect(await search('/api/buildings', q)).toEqual([b.star])
  })
  it('a name that matches nothing gives an empty list; search combines with filters', async () => {
    expect(await search('/api/units', '不存在的名字')).toEqual([])
    expect(await list('/api/units', `&q=qingcun&kind=foreign`)).toEqual(ids(u, 'joint1', 'only'))
    expect(await list('/api/party-orgs', `&q=zhibu&type=branch`)).toEqual(ids(o, 'own', 'branch2'))
  })
})

describe('stations', () => {
  it('are created, listed by kind, updated with their version (stale → 409) and deleted', async () => {
    const micro = await request(t.app, admin, 'POST', '/api/stations', {
      kind: 'micro_home',
      name: '青村星辰党建微家',
      areaCode: QINGCUN,
      buildingId: b.star,
    })
    expect(micro.status, micro.text).toBe(201)
    expect(micro.body).toMatchObject({ version: 1, buildingId: b.star, buildingName: '青村星辰大厦' })
    const life = await request(t.app, admin, 'POST', '/api/stations', {
      kind: 'life_station',
      name: '青村生活驿站',
      areaCode: QINGCUN,
      address: '青村镇测试路1号',
    })
    expect(life.status).toBe(201)
    const stations = async (query = '') =>
      (await request(t.app, admin, 'GET', `/api/stations?area=${QINGCUN}${query}`)).body.items
        .map((s: { id: number }) => s.id)
        .sort((x: number, y: number) => x - y)
    expect(await stations()).toEqual([micro.body.id, life.body.id].sort((x, y) => x - y))
    expect(await stations('&kind=micro_home')).toEqual([micro.body.id])
    expect(await stations('&kind=service_station')).toEqual([])

    const body = { kind: 'micro_home', name: '青村星辰党员之家', areaCode: QINGCUN, buildingId: b.star }
    const saved = await request(t.app, admin, 'PUT', `/api/stations/${micro.body.id}`, {
      ...body,
      version: 1,
    })
    expect(saved.status, saved.text).toBe(200)
    expect(saved.body).toMatchObject({ name: '青村星辰党员之家', version: 2 })
    const stale = await request(t.app, admin, 'PUT', `/api/stations/${micro.body.id}`, {
      ...body,
      name: '过期名称',
      version: 1,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('version_conflict')
    const now = (await request(t.app, admin, 'GET', `/api/stations?area=${QINGCUN}&kind=micro_home`)).body
      .items[0]
    expect(now).toMatchObject({ name: '青村星辰党员之家', version: 2 })

    const staleDelete = await request(t.app, admin, 'DELETE', `/api/stations/${micro.body.id}?version=1`)
    expect(staleDelete.status).toBe(409)
    expect(await stations()).toHaveLength(2)
    const deleted = await request(t.app, admin, 'DELETE', `/api/stations/${micro.body.id}?version=2`)
    expect(deleted.status).toBe(200)
    expect(await stations()).toEqual([life.body.id])
    const gone = await request(t.app, admin, 'PUT', `/api/stations/${micro.body.id}`, { ...body, version: 2 })
    expect(gone.status).toBe(404)
  })
})
