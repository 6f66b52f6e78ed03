import { GAP_RULES } from '@tongxin/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

// 庄行镇 has no demo data: one departure from each rule is built here, and nothing else.
const ZHUANGHANG = '310120104'

let t: TestApp
let admin: Session
const ids: Record<string, number> = {}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  const api = registryApi(t.app, admin)
  const street = (await api.org('中共庄行镇测试综合委员会', 'committee', ZHUANGHANG, { hasCommittee: true }))
    .id
  // Building A: has a chief and a building-wide general branch (no building gap).
  const a = (await api.building(ZHUANGHANG, '庄行甲楼', 12)).id
  ids.buildingNoChief = (await api.building(ZHUANGHANG, '庄行乙楼', 9)).id
  ids.chiefUnit = (await api.unit(a, '庄行物业有限公司')).id
  await api.send('PUT', `/api/buildings/${a}/chief`, { unitId: ids.chiefUnit, version: null })
  await api.org('中共庄行甲楼联合总支', 'general_branch', ZHUANGHANG, {
    parentId: street,
    hasCommittee: true,
    coversBuildingIds: [a],
  })
  // Building B (no chief, no organisation): one joint branch of six small units elsewhere would cover it,
  // so keep B's units outside any organisation.
  ids.noOrgUnit = (await api.unit(ids.buildingNoChief, '庄行无组织有限公司')).id
  // A joint branch over six units (too many), one of which has 3 formal members (should have its own).
  const six = []
  for (let i = 0; i < 6; i++)
    six.push((await api.unit(null, `庄行小微${i}有限公司`, { areaCode: ZHUANGHANG })).id)
  ids.bigJoint = (
    await api.org('中共庄行联合支部', 'joint_branch', ZHUANGHANG, {
      parentId: street,
      hasCommittee: true,
      coversUnitIds: six,
    })
  ).id
  for (let i = 0; i < 3; i++) await api.member(six[0]!, ids.bigJoint)
  ids.grownInJoint = six[0]!
  // A branch with 7 formal members and no committee, and one with 51 members.
  ids.sevenUnit = (await api.unit(null, '庄行七人有限公司', { areaCode: ZHUANGHANG })).id
  ids.seven = (
    await api.org('中共庄行七人支部', 'branch', ZHUANGHANG, {
      parentId: street,
      coversUnitIds: [ids.sevenUnit],
    })
  ).id
  for (let i = 0; i < 7; i++) await api.member(ids.sevenUnit, ids.seven)
  ids.bigUnit = (await api.unit(null, '庄行大厂有限公司', { areaCode: ZHUANGHANG })).id
  ids.big = (
    await api.org('中共庄行大厂支部', 'branch', ZHUANGHANG, {
      parentId: street,
      hasCommittee: true,
      coversUnitIds: [ids.bigUnit],
    })
  ).id
  for (let i = 0; i < 51; i++) await api.member(ids.bigUnit, ids.big)
  // A unit with 4 formal members and no organisation; two small ones with members only.
  ids.noBranch = (await api.unit(null, '庄行未建有限公司', { areaCode: ZHUANGHANG, industry: '软件信息' })).id
  for (let i = 0; i < 4; i++) await api.member(ids.noBranch, street)
  ids.small1 = (await api.unit(a, '庄行零星一有限公司', { industry: '软件信息' })).id
  ids.small2 = (await api.unit(null, '庄行零星二有限公司', { areaCode: ZHUANGHANG, industry: '软件信息' })).id
  ids.small3 = (await api.unit(null, '庄行零星三有限公司', { areaCode: ZHUANGHANG, industry: '软件信息' })).id
  await api.member(ids.small2, street, { relationTransferred: false })
  await api.member(ids.small3, street)
  await api.member(ids.small3, street)
})
afterAll(() => t.close())

const gaps = async (query = '', lang = 'zh-CN') => {
  const res = await t.app.inject({
    url: `/api/gaps?area=${ZHUANGHANG}&limit=200${query}`,
    headers: { ...admin.headers, 'accept-language': lang },
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('gap engine', () => {
  it('lists each departure under its rule, with the rows involved', async () => {
    const { items } = await gaps()
    const by = (rule: string) =>
      items
        .filter((g: { rule: string }) => g.rule === rule)
        .map((g: { id: number }) => g.id)
        .sort()
    expect(by('unit_should_have_branch')).toEqual([ids.grownInJoint, ids.noBranch].sort())
    // small1 is inside building A, covered by the building's general branch: not a gap.
    expect(by('unit_needs_joint_branch')).toEqual([ids.small2, ids.small3].sort())
    expect(by('joint_branch_too_many_units')).toEqual([ids.bigJoint])
    expect(by('branch_too_many_members')).toEqual([ids.big])
    expect(by('branch_needs_committee')).toEqual([ids.seven])
    expect(by('building_without_chief')).toEqual([ids.buildingNoChief])
    expect(by('building_without_org')).toEqual([ids.buildingNoChief])
    expect(by('member_not_transferred')).toHaveLength(1)
  })

  it('explains each gap in the caller’s language with facts and an action', async () => {
    const zh = (await gaps('&rule=unit_should_have_branch')).items
    const inJoint = zh.find((g: { id: number }) => g.id === ids.grownInJoint)
    expect(inJoint.ruleText).toBe('正式党员 3 人以上的单位应单独建立党支部')
    expect(inJoint.facts).toMatchObject({ formal: 3, inJointBranch: true })
    expect(inJoint.action).toMatch(/从联合党支部中单独组建/)
    const en = (await gaps('&rule=joint_branch_too_many_units', 'en-US')).items[0]
    expect(en).toMatchObject({
      entity: 'party_org',
      facts: { units: 6 },
      action: 'Covers 6 units: split it by building or trade',
    })
  })

  it('pages across rules with a cursor and loses nothing', async () => {
    const all = (await gaps()).items.map((g: { rule: string; id: number }) => `${g.rule}:${g.id}`)
    const paged: string[] = []
    let cursor: string | null = null
    do {
      const res = await t.app.inject({
        url: `/api/gaps?area=${ZHUANGHANG}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        headers: admin.headers,
      })
      const page = res.json() as { items: Array<{ rule: string; id: number }>; nextCursor: string | null }
      paged.push(...page.items.map((g: { rule: string; id: number }) => `${g.rule}:${g.id}`))
      cursor = page.nextCursor
    } while (cursor)
    expect(paged).toEqual(all)
  })

  it('proposes joint branches of at most 5 units and 3+ members, explained', async () => {
    const res = await t.app.inject({
      url: `/api/gaps/joint-branch-proposals?area=${ZHUANGHANG}`,
      headers: admin.headers,
    })
    const { items, unplaced } = res.json()
    // small2 (1 member) and small3 (2 members) share a trade and a street: one branch of 3 members.
    expect(items).toHaveLength(1)
    expect(items[0].units.map((u: { id: number }) => u.id).sort()).toEqual([ids.small2, ids.small3].sort())
    expect(items[0].members).toBe(3)
    expect(items[0].reason).toMatch(/同街道同行业/)
    expect(unplaced).toEqual([])
  })
})

describe('counts per rule', () => {
  const counts = async (s: Session, area: string) =>
    t.app.inject({ url: `/api/gaps/counts?area=${area}`, headers: s.headers })

  it('count each rule’s departures in the area, the same rows the list pages through', async () => {
    const res = await counts(admin, ZHUANGHANG)
    expect(res.statusCode, res.body).toBe(200)
    const { items } = await gaps()
    const body = res.json() as { total: number; rules: Array<{ rule: string; count: number }> }
    expect(body.rules.map((r) => r.rule)).toEqual([...GAP_RULES])
    for (const { rule, count } of body.rules)
      expect(count, rule).toBe(items.filter((g: { rule: string }) => g.rule === rule).length)
    expect(body.total).toBe(items.length)
    expect(body.rules.find((r) => r.rule === 'branch_too_many_members')!.count).toBe(1)
  })

  it('a street admin counts their own street and learns nothing of another', async () => {
    const fengpu = await login(t.app, 'fengpu_admin')
    const own = await counts(fengpu, '310120002')
    expect(own.statusCode, own.body).toBe(200)
    const asAdmin = await counts(admin, '310120002')
    expect(own.json()).toEqual(asAdmin.json())
    const other = await counts(fengpu, ZHUANGHANG)
    expect(other.statusCode).toBe(403)
    expect(other.body).not.toMatch(/count|total/)
  })
})
