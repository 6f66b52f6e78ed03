import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

// Alliance scoping: several alliances per area, parents, federations of party organisations, and who may
// change which.
const FENGPU = '310120002'
const NANQIAO = '310120101'
const FENGXIAN = '310120'
let t: TestApp
let fengpu: Session
let nanqiao: Session
let district: Session
let member: Session
const ids = {} as {
  building: number
  unit: number
  nanqiaoUnit: number
  general: number
  joint: number
  nanqiaoOrg: number
}

type Body = { id: number; version: number; name: string; code?: string; parentId?: number | null }
const create = (s: Session, payload: object) => request<Body>(t.app, s, 'POST', '/api/alliances', payload)
const addMember = (s: Session, id: number, payload: object) =>
  request<Body>(t.app, s, 'POST', `/api/alliances/${id}/members`, payload)
const update = (s: Session, id: number, payload: object) =>
  request<Body>(t.app, s, 'PUT', `/api/alliances/${id}`, payload)
const read = (s: Session, id: number) => client(t.app, s).read(`/api/alliances/${id}`)

beforeAll(async () => {
  t = await startTestApp()
  fengpu = await login(t.app, 'fengpu_admin')
  nanqiao = await login(t.app, 'nanqiao_admin')
  district = await login(t.app, 'fengxian_admin')
  member = await login(t.app, 'member_demo')
  const fp = registryApi(t.app, fengpu)
  const nq = registryApi(t.app, nanqiao)
  ids.building = (await fp.building(FENGPU, '联合会测试楼', 12)).id
  ids.unit = (await fp.unit(ids.building, '联合会测试科技有限公司')).id
  ids.nanqiaoUnit = (await nq.unit(null, '南桥测试商贸有限公司', { areaCode: NANQIAO })).id
  ids.general = (await fp.org('中共联合会测试楼宇联合总支部委员会', 'general_branch', FENGPU)).id
  ids.joint = (await fp.org('中共联合会测试楼宇联合支部委员会', 'joint_branch', FENGPU)).id
  ids.nanqiaoOrg = (await nq.org('中共南桥测试联合支部委员会', 'joint_branch', NANQIAO)).id
})
afterAll(() => t.close())

describe('alliance scoping', () => {
  it('a street runs several alliances, each with its own members, kind and parent', async () => {
    const a = await create(fengpu, { name: '奉浦测试联盟甲', areaCode: FENGPU })
    expect(a.status, a.text).toBe(201)
    expect(a.body).toMatchObject({ kind: 'alliance', parentId: null, areaCode: FENGPU })
    const chapter = await create(fengpu, {
      name: '奉浦测试联盟甲第一分会',
      areaCode: FENGPU,
      kind: 'branch_chapter',
      parentId: a.body.id,
    })
    expect(chapter.status, chapter.text).toBe(201)
    expect(chapter.body).toMatchObject({ kind: 'branch_chapter', parentId: a.body.id })
    const federation = await create(fengpu, {
      name: '奉浦测试楼宇联合会',
      areaCode: FENGPU,
      kind: 'federation',
    })
    expect(federation.status, federation.text).toBe(201)
    // Party organisations join a federation alongside buildings and units.
    const fid = federation.body.id
    for (const payload of [
      { partyOrgId: ids.general, role: 'member' },
      { partyOrgId: ids.joint, role: 'member' },
      { buildingId: ids.building, role: 'member' },
      { unitId: ids.unit, role: 'lead' },
    ]) {
      const res = await addMember(fengpu, fid, payload)
      expect(res.status, res.text).toBe(200)
    }
    const detail = await read(fengpu, fid)
    expect(
      detail.members.map((m: { name: string; partyOrgId: number | null; orgType: string | null }) => [
        m.name,
        m.partyOrgId !== null,
        m.orgType,
      ]),
    ).toEqual([
      ['联合会测试科技有限公司', false, null],
      ['中共联合会测试楼宇联合总支部委员会', true, 'general_branch'],
      ['中共联合会测试楼宇联合支部委员会', true, 'joint_branch'],
      ['联合会测试楼', false, null],
    ])
    // The unit is a member of the federation only: another alliance of the same street is unchanged.
    expect((await read(fengpu, a.body.id)).members).toEqual([])
    // The list shows all three with their structure.
    const list = (await request(t.app, member, 'GET', `/api/alliances?area=${FENGPU}`)).body.items as Array<{
      id: number
      name: string
      parentId: number | null
      kind: string
    }>
    expect(list.map((x) => [x.name, x.kind, x.parentId])).toEqual([
      ['奉浦测试联盟甲', 'alliance', null],
      ['奉浦测试联盟甲第一分会', 'branch_chapter', a.body.id],
      ['奉浦测试楼宇联合会', 'federation', null],
    ])
  })

  it('party organisations join only a federation', async () => {
    const a = await create(fengpu, { name: '奉浦测试联盟乙', areaCode: FENGPU })
    const res = await addMember(fengpu, a.body.id, { partyOrgId: ids.general, role: 'member' })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('alliance_org_not_federation')
  })

  it('a chapter needs a parent, and the parent must be in the same area or one containing it', async () => {
    const noParent = await create(fengpu, { name: '奉浦无主分会', areaCode: FENGPU, kind: 'branch_chapter' })
    expect(noParent.status).toBe(400)
    expect(noParent.body.code).toBe('alliance_chapter_needs_parent')
    const inNanqiao = await create(nanqiao, { name: '南桥测试联盟', areaCode: NANQIAO })
    expect(inNanqiao.status, inNanqiao.text).toBe(201)
    // 奉浦 cannot hang its chapter under 南桥's alliance: another street's body.
    const elsewhere = await create(fengpu, {
      name: '奉浦挂南桥分会',
      areaCode: FENGPU,
      kind: 'branch_chapter',
      parentId: inNanqiao.body.id,
    })
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.body.code).toBe('alliance_parent_area')
    // Under the district's alliance it may.
    const districtWide = await create(district, { name: '奉贤测试区域化党建促进会', areaCode: FENGXIAN })
    expect(districtWide.status, districtWide.text).toBe(201)
    const chapter = await create(fengpu, {
      name: '奉贤测试促进会奉浦分会',
      areaCode: FENGPU,
      kind: 'branch_chapter',
      parentId: districtWide.body.id,
    })
    expect(chapter.status, chapter.text).toBe(201)
    // A parent that does not exist is named as such.
    const unknown = await create(fengpu, { name: '奉浦测试联盟丙', areaCode: FENGPU, parentId: 999999 })
    expect(unknown.status).toBe(400)
    expect(unknown.body.code).toBe('alliance_parent_unknown')
  })

  it('a cycle in parents is refused and changes nothing', async () => {
    const top = (await create(fengpu, { name: '奉浦环测试一', areaCode: FENGPU })).body
    const mid = (await create(fengpu, { name: '奉浦环测试二', areaCode: FENGPU, parentId: top.id })).body
    const low = (await create(fengpu, { name: '奉浦环测试三', areaCode: FENGPU, parentId: mid.id })).body
    const cycle = await update(fengpu, top.id, { name: top.name, parentId: low.id, version: top.version })
    expect(cycle.status).toBe(409)
    expect(cycle.body.code).toBe('alliance_parent_cycle')
    const self = await update(fengpu, top.id, { name: top.name, parentId: top.id, version: top.version })
    expect(self.body.code).toBe('alliance_parent_cycle')
    expect((await read(fengpu, top.id)).parentId).toBeNull()
    // A legal move works and bumps the version; a stale version is refused.
    const moved = await update(fengpu, low.id, { name: low.name, parentId: top.id, version: low.version })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.body).toMatchObject({ parentId: top.id, version: low.version + 1 })
    const stale = await update(fengpu, low.id, { name: low.name, parentId: null, version: low.version })
    expect(stale.body.code).toBe('version_conflict')
  })

  it('another street’s alliance is not editable, and its members cannot be added from outside', async () => {
    const own = (await create(fengpu, { name: '奉浦测试联盟丁', areaCode: FENGPU })).body
    // 南桥 reads it (the lists are a catalogue) but changes nothing.
    expect((await read(nanqiao, own.id)).name).toBe('奉浦测试联盟丁')
    const edit = await update(nanqiao, own.id, { name: '南桥改名', version: own.version })
    expect(edit.status).toBe(403)
    expect(edit.body.code).toBe('forbidden_scope')
    const add = await addMember(nanqiao, own.id, { unitId: ids.nanqiaoUnit, role: 'member' })
    expect(add.status).toBe(403)
    expect(add.body.code).toBe('forbidden_scope')
    const create2 = await create(nanqiao, { name: '南桥建奉浦联盟', areaCode: FENGPU })
    expect(create2.body.code).toBe('forbidden_scope')
    // 奉浦 cannot enrol 南桥's unit or organisation into its own alliance either.
    const foreignUnit = await addMember(fengpu, own.id, { unitId: ids.nanqiaoUnit, role: 'member' })
    expect(foreignUnit.status).toBe(403)
    expect(foreignUnit.body.code).toBe('forbidden_scope')
    const fed = (await create(fengpu, { name: '奉浦测试联合会戊', areaCode: FENGPU, kind: 'federation' }))
      .body
    const foreignOrg = await addMember(fengpu, fed.id, { partyOrgId: ids.nanqiaoOrg, role: 'member' })
    expect(foreignOrg.body.code).toBe('forbidden_scope')
    // A member cannot do any of it.
    expect((await create(member, { name: '党员建联盟', areaCode: FENGPU })).body.code).toBe('forbidden')
    expect((await read(fengpu, own.id)).members).toEqual([])
  })

  it('a member already in the alliance is a specific 409, and only for places the caller holds', async () => {
    const fed = (await create(fengpu, { name: '奉浦测试联合会己', areaCode: FENGPU, kind: 'federation' }))
      .body
    expect((await addMember(fengpu, fed.id, { partyOrgId: ids.joint, role: 'member' })).status).toBe(200)
    const again = await addMember(fengpu, fed.id, { partyOrgId: ids.joint, role: 'coordinating' })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('alliance_member_exists')
    // The district's alliance has a 南桥 unit; 奉浦 asking to add it learns only that it is out of reach.
    const dw = (await create(district, { name: '奉贤测试联盟庚', areaCode: FENGXIAN })).body
    expect((await addMember(district, dw.id, { unitId: ids.nanqiaoUnit, role: 'member' })).status).toBe(200)
    const probe = await addMember(fengpu, dw.id, { unitId: ids.nanqiaoUnit, role: 'member' })
    expect(probe.status).toBe(403)
    expect(probe.body.code).toBe('forbidden_scope')
    // An id that does not exist is refused the same way as one outside the caller's reach.
    const ghost = await addMember(fengpu, fed.id, { partyOrgId: 999999, role: 'member' })
    expect(ghost.body.code).toBe('forbidden_scope')
  })
})

describe('an offering names its alliance', () => {
  it('an alliance that does not exist is bad input, not a server error', async () => {
    const res = await request<Body>(t.app, fengpu, 'POST', '/api/offerings', {
      providerUnitId: ids.unit,
      allianceId: 999999,
      list: 'service',
      categoryCode: 'community.environment',
      name: '无主联盟的清单项',
    })
    expect(res.status, res.text).toBe(400)
    expect(res.body.code).toBe('unknown_ref')
  })
})
