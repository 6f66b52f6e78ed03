import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

// 庄行镇 has no demo data: every row below is made here.
const ZHUANGHANG = '310120104'

let t: TestApp
let admin: Session
const ids: Record<string, number> = {}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  const api = registryApi(t.app, admin)
  const b = (await api.building(ZHUANGHANG, '庄行测试楼', 10)).id
  ids.unitA = (await api.unit(b, '庄行甲科技有限公司')).id
  ids.unitB = (await api.unit(b, '庄行乙科技有限公司')).id
  ids.unitC = (await api.unit(b, '庄行丙科技有限公司')).id
  ids.outside = (await api.unit(b, '庄行丁科技有限公司')).id
  ids.committee = (await api.org('中共庄行测试综合委员会', 'committee', ZHUANGHANG)).id
  ids.branch = (
    await api.org('中共庄行甲科技支部', 'branch', ZHUANGHANG, {
      parentId: ids.committee,
      coversUnitIds: [ids.unitA],
    })
  ).id
  // Two levels down: a joint branch under the branch's parent's child.
  ids.general = (
    await api.org('中共庄行测试总支', 'general_branch', ZHUANGHANG, { parentId: ids.committee })
  ).id
  ids.joint = (
    await api.org('中共庄行联合支部', 'joint_branch', ZHUANGHANG, {
      parentId: ids.general,
      coversUnitIds: [ids.unitB, ids.unitC],
    })
  ).id
  ids.other = (await api.org('中共庄行另一支部', 'branch', ZHUANGHANG, { coversUnitIds: [ids.outside] })).id
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: admin.headers,
    payload: {
      username: 'zhuanghang_secretary',
      displayName: '庄行综合党委书记',
      password: 'zhuanghang-secret-1',
      grants: [{ role: 'secretary', scopeType: 'party_org', scopeId: String(ids.committee) }],
    },
  })
  expect(res.statusCode, res.body).toBe(201)
})
afterAll(() => t.close())

const names = async (s: Session, url: string) => {
  const res = await t.app.inject({ url, headers: s.headers })
  expect(res.statusCode, res.body).toBe(200)
  return (res.json().items as Array<{ name: string }>).map((r) => r.name).sort()
}

describe('a secretary’s lists reach as far as their grant does', () => {
  it('lists the organisations and units at every level under their committee, and nothing beside it', async () => {
    const secretary = await login(t.app, 'zhuanghang_secretary', 'zhuanghang-secret-1')
    expect(await names(secretary, '/api/party-orgs')).toEqual(
      ['中共庄行测试综合委员会', '中共庄行甲科技支部', '中共庄行测试总支', '中共庄行联合支部'].sort(),
    )
    expect(await names(secretary, '/api/units')).toEqual(
      ['庄行甲科技有限公司', '庄行乙科技有限公司', '庄行丙科技有限公司'].sort(),
    )
    // What the lists show, the detail pages open; what they do not, is refused.
    for (const unit of [ids.unitA, ids.unitB, ids.unitC])
      expect((await t.app.inject({ url: `/api/units/${unit}`, headers: secretary.headers })).statusCode).toBe(
        200,
      )
    expect(
      (await t.app.inject({ url: `/api/units/${ids.outside}`, headers: secretary.headers })).statusCode,
    ).toBe(403)
  })
})
