import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

/**
 * The thresholds of DESIGN §5, each built on both sides of its edge in 柘林镇 (no demo data there):
 * a joint branch covers at most 5 units; a branch has at most 50 members; 7+ formal members need a branch
 * committee; a unit with 3+ formal members needs its own branch; census scope is 6+ floors and in use.
 */
const ZHELIN = '310120118'

let t: TestApp
let admin: Session
let api: ReturnType<typeof registryApi>
type Key =
  | 'street'
  | 'j5'
  | 'j6'
  | 'jLeft'
  | 'jointBuilding'
  | 'jBuilding'
  | 'b50'
  | 'b51'
  | 'c6'
  | 'c7'
  | 'c7ok'
  | 'jc7'
  | 'jc7Three'
  | 'u2'
  | 'u2p1'
  | 'u3'
  | 'u3left'
  | 'notTransferred'
  | 'notTransferredLeft'
  | 'h6'
  | 'h6ok'
  | 'ownUnit'
  | 'ownBranch'
const id = {} as Record<Key, number>

async function units(prefix: string, n: number, extra: Record<string, unknown> = {}) {
  const out: number[] = []
  for (let i = 1; i <= n; i++)
    out.push((await api.unit(null, `${prefix}${i}号有限公司`, { areaCode: ZHELIN, ...extra })).id)
  return out
}
async function members(unitId: number, orgId: number, formal: number, probationary = 0) {
  for (let i = 0; i < formal; i++) await api.member(unitId, orgId)
  for (let i = 0; i < probationary; i++) await api.member(unitId, orgId, { status: 'probationary' })
}
/** A branch covering one new unit, with its members registered in it. */
async function branch(name: string, formal: number, probationary: number, hasCommittee: boolean) {
  const [unit] = await units(`${name}所属`, 1)
  const org = await api.org(`中共柘林${name}支部委员会`, 'branch', ZHELIN, {
    parentId: id.street,
    hasCommittee,
    coversUnitIds: [unit],
  })
  await members(unit!, org.id, formal, probationary)
  return org.id as number
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  api = registryApi(t.app, admin)
  // Members of units without a branch are registered with the street committee (a committee is not a
  // branch: its size and committee flag are not checked).
  id.street = (await api.org('中共柘林镇测试综合委员会', 'committee', ZHELIN, { hasCommittee: true })).id

  // Joint branches: 5 units (not over), 6 units (over), 6 units of which one has left (5 operating: not
  // over), and a building of 3 units plus 3 units elsewhere (6: over).
  id.j5 = (
    await api.org('中共柘林五单位联合支部', 'joint_branch', ZHELIN, { coversUnitIds: await units('五联', 5) })
  ).id
  id.j6 = (
    await api.org('中共柘林六单位联合支部', 'joint_branch', ZHELIN, { coversUnitIds: await units('六联', 6) })
  ).id
  const withLeaver = await units('迁联', 6)
  await api.send('PUT', `/api/units/${withLeaver[5]}`, {
    uscc: (await t.app.inject({ url: `/api/units/${withLeaver[5]}`, headers: admin.headers })).json().uscc,
    name: '迁联6号有限公司',
    kind: 'private',
    areaCode: ZHELIN,
    settledOn: '2019-03-01',
    leftOn: '2025-12-31',
    version: 1,
  })
  id.jLeft = (await api.org('中共柘林迁出联合支部', 'joint_branch', ZHELIN, { coversUnitIds: withLeaver })).id
  id.jointBuilding = (await api.building(ZHELIN, '柘林联合楼', 10)).id
  for (let i = 1; i <= 3; i++) await api.unit(id.jointBuilding, `柘林楼内${i}号有限公司`)
  id.jBuilding = (
    await api.org('中共柘林楼宇联合支部', 'joint_branch', ZHELIN, {
      coversBuildingIds: [id.jointBuilding],
      coversUnitIds: await units('楼外联', 3),
    })
  ).id

  // Branch size: 49 formal + 1 probationary = 50 (not over) vs 50 + 1 = 51 (over); both have a committee.
  id.b50 = await branch('五十人', 49, 1, true)
  id.b51 = await branch('五十一人', 50, 1, true)
  // Committee: 6 formal + 2 probationary (not 7 formal), 7 formal without, 7 formal with a committee.
  id.c6 = await branch('六正式', 6, 2, false)
  id.c7 = await branch('七正式', 7, 0, false)
  id.c7ok = await branch('七正式有委员会', 7, 0, true)
  // A joint branch whose three units bring 3 + 2 + 2 formal members: 7, no committee.
  const jc = await units('七人联', 3)
  id.jc7 = (await api.org('中共柘林七人联合支部', 'joint_branch', ZHELIN, { coversUnitIds: jc })).id
  await members(jc[0]!, id.jc7, 3)
  await members(jc[1]!, id.jc7, 2)
  await members(jc[2]!, id.jc7, 2)
  id.jc7Three = jc[0]!

  // Units without their own branch: 2 formal (one not transferred in), 2 formal + 1 probationary, 3 formal,
  // 3 formal but left; and 3 formal with their own branch.
  const four = await units('单位', 4)
  id.u2 = four[0]!
  id.u2p1 = four[1]!
  id.u3 = four[2]!
  id.u3left = four[3]!
  await api.member(id.u2, id.street)
  id.notTransferred = (await api.member(id.u2, id.street, { relationTransferred: false })).id
  await members(id.u2p1, id.street, 2, 1)
  await members(id.u3, id.street, 3)
  await members(id.u3left, id.street, 3)
  // Not transferred in either, but their unit has left: coverage no longer counts them, nor may the gaps.
  id.notTransferredLeft = (await api.member(id.u3left, id.street, { relationTransferred: false })).id
  const left = (await t.app.inject({ url: `/api/units/${id.u3left}`, headers: admin.headers })).json()
  await api.send('PUT', `/api/units/${id.u3left}`, {
    uscc: left.uscc,
    name: left.name,
    kind: 'private',
    areaCode: ZHELIN,
    leftOn: '2025-06-30',
    version: left.version,
  })

  // Census scope: 5 floors (outside), 6 floors (inside, no chief, no organisation), 6 floors not in use
  // (outside), 6 floors with a chief and a unit with its own branch (no gap).
  await api.building(ZHELIN, '柘林五层楼', 5)
  id.h6 = (await api.building(ZHELIN, '柘林六层楼', 6)).id
  await api.building(ZHELIN, '柘林停用六层楼', 6, { inUse: false })
  id.h6ok = (await api.building(ZHELIN, '柘林完备六层楼', 6)).id
  id.ownUnit = (await api.unit(id.h6ok, '柘林自建有限公司')).id
  id.ownBranch = (
    await api.org('中共柘林自建支部委员会', 'branch', ZHELIN, {
      parentId: id.street,
      hasCommittee: false,
      coversUnitIds: [id.ownUnit],
    })
  ).id
  await members(id.ownUnit, id.ownBranch, 3)
  await api.send('PUT', `/api/buildings/${id.h6ok}/chief`, { unitId: id.ownUnit, version: null })
}, 120_000)
afterAll(() => t.close())

type GapItem = { rule: string; id: number; facts: Record<string, unknown> }
async function gaps(): Promise<GapItem[]> {
  const res = await t.app.inject({ url: `/api/gaps?area=${ZHELIN}&limit=200`, headers: admin.headers })
  expect(res.statusCode, res.body).toBe(200)
  expect(res.json().nextCursor).toBeNull()
  return res.json().items
}
const byRule = (items: GapItem[], rule: string) =>
  items
    .filter((g) => g.rule === rule)
    .map((g) => g.id)
    .sort((a, b) => a - b)
const sorted = (...ids: Array<number | undefined>) => (ids as number[]).sort((a, b) => a - b)

describe('gap engine thresholds, on both sides of each edge', () => {
  it('flags a joint branch of 6 operating units, not one of 5', async () => {
    const items = await gaps()
    expect(byRule(items, 'joint_branch_too_many_units')).toEqual(sorted(id.j6, id.jBuilding))
    expect(items.find((g) => g.id === id.j6 && g.rule === 'joint_branch_too_many_units')!.facts).toEqual({
      units: 6,
    })
    // 3 units through the building + 3 named: counted once each.
    expect(items.find((g) => g.id === id.jBuilding)!.facts).toEqual({ units: 6 })
  })

  it('flags a branch of 51 members (probationary count), not one of 50', async () => {
    const items = await gaps()
    expect(byRule(items, 'branch_too_many_members')).toEqual([id.b51])
    expect(items.find((g) => g.rule === 'branch_too_many_members')!.facts).toEqual({
      members: 51,
      formal: 50,
    })
  })

  it('flags 7 formal members without a branch committee (branches and joint branches), not 6 formal + 2 probationary', async () => {
    const items = await gaps()
    expect(byRule(items, 'branch_needs_committee')).toEqual(sorted(id.c7, id.jc7))
    expect(items.find((g) => g.rule === 'branch_needs_committee' && g.id === id.c7)!.facts).toEqual({
      members: 7,
      formal: 7,
    })
  })

  it('flags a unit of 3 formal members without its own branch, not one of 2 (even with a probationary)', async () => {
    const items = await gaps()
    // u3 waits in the street committee; jc7Three sits in a joint branch; u3left has left; ownUnit has a branch.
    expect(byRule(items, 'unit_should_have_branch')).toEqual(sorted(id.u3, id.jc7Three))
    expect(items.find((g) => g.rule === 'unit_should_have_branch' && g.id === id.u3)!.facts).toMatchObject({
      formal: 3,
      inJointBranch: false,
    })
    // Units with members but below 3 formal and no organisation belong in a joint branch.
    expect(byRule(items, 'unit_needs_joint_branch')).toEqual(sorted(id.u2, id.u2p1))
  })

  it('checks buildings of 6+ floors in use only, and members not transferred in', async () => {
    const items = await gaps()
    expect(byRule(items, 'building_without_chief')).toEqual(sorted(id.jointBuilding, id.h6))
    expect(byRule(items, 'building_without_org')).toEqual([id.h6])
    expect(byRule(items, 'member_not_transferred')).toEqual([id.notTransferred])
    // Nothing else is flagged: 2 + 1 + 2 + 2 + 2 + 2 + 1 + 1 departures in all (besides organisational life:
    // these organisations have recorded no meetings, which orglife's tests cover).
    expect(items.filter((g) => g.rule !== 'meeting_overdue')).toHaveLength(13)
  })

  it('lists as not transferred exactly the members the coverage figure and its drill-down count', async () => {
    const figure = await t.app.inject({ url: `/api/coverage?area=${ZHELIN}`, headers: admin.headers })
    expect(figure.statusCode, figure.body).toBe(200)
    const drill = await t.app.inject({
      url: `/api/coverage/rows?area=${ZHELIN}&figure=notTransferred&limit=200`,
      headers: admin.headers,
    })
    expect(drill.statusCode, drill.body).toBe(200)
    const drilled = drill.json().items.map((r: { id: number }) => r.id)
    const listed = byRule(await gaps(), 'member_not_transferred')
    expect(listed).not.toContain(id.notTransferredLeft)
    expect(listed).toEqual([id.notTransferred])
    expect(drilled).toEqual(listed)
    expect(figure.json().notTransferred).toBe(listed.length)
  })

  it('moves each case across its edge when the data changes', async () => {
    // A 6th unit for the 5-unit joint branch.
    const j5 = (await t.app.inject({ url: `/api/party-orgs/${id.j5}`, headers: admin.headers })).json()
    const sixth = (await units('五联补', 1))[0]!
    await api.send('PUT', `/api/party-orgs/${id.j5}`, {
      name: j5.name,
      type: 'joint_branch',
      areaCode: ZHELIN,
      coversUnitIds: [...j5.covers.units.map((u: { id: number }) => u.id), sixth],
      version: j5.version,
    })
    // The 51st member leaves; the 7-formal branch gets its committee; a 3rd formal member for u2.
    const last = await t.ctx.db
      .selectFrom('member')
      .select('person_id')
      .where('party_org_id', '=', id.b51)
      .orderBy('person_id', 'desc')
      .executeTakeFirstOrThrow()
    await api.send('DELETE', `/api/people/${last.person_id}?version=1`)
    const c7 = (await t.app.inject({ url: `/api/party-orgs/${id.c7}`, headers: admin.headers })).json()
    await api.send('PUT', `/api/party-orgs/${id.c7}`, {
      name: c7.name,
      type: 'branch',
      parentId: id.street,
      areaCode: ZHELIN,
      hasCommittee: true,
      version: c7.version,
    })
    await api.member(id.u2, id.street)

    const items = await gaps()
    expect(byRule(items, 'joint_branch_too_many_units')).toEqual(sorted(id.j6, id.jBuilding, id.j5))
    expect(byRule(items, 'branch_too_many_members')).toEqual([])
    expect(byRule(items, 'branch_needs_committee')).toEqual([id.jc7])
    expect(byRule(items, 'unit_should_have_branch')).toEqual(sorted(id.u3, id.jc7Three, id.u2))
    expect(byRule(items, 'unit_needs_joint_branch')).toEqual([id.u2p1])
  })
})
