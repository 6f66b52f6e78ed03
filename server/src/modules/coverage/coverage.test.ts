import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

// 奉城镇 has no demo data: every figure here is counted by hand from the rows created below.
const FENGCHENG = '310120102'

let t: TestApp
let admin: Session
const ids: Record<string, number> = {}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  const api = registryApi(t.app, admin)
  const young = `${new Date().getFullYear() - 30}-03-01`
  const b = (await api.building(FENGCHENG, '奉城一号楼', 10)).id
  const b2 = (await api.building(FENGCHENG, '奉城二号楼', 8)).id
  await api.building(FENGCHENG, '奉城矮楼', 5)
  await api.send('PUT', `/api/buildings/${b}/chief`, {
    unitId: (await api.unit(b, '奉城物业有限公司')).id,
    version: null,
  })
  ids.own = (await api.unit(b, '甲科技有限公司')).id
  ids.should = (await api.unit(b, '乙贸易有限公司')).id
  ids.only = (await api.unit(b, '丙咨询有限公司')).id
  ids.none = (await api.unit(b, '丁餐饮有限公司', { instructorSent: true })).id
  ids.jointA = (await api.unit(b, '戊设计有限公司')).id
  ids.jointB = (await api.unit(b, '己传媒有限公司')).id
  ids.left = (await api.unit(b, '庚已迁出有限公司', { settledOn: '2015-01-01', leftOn: '2024-06-30' })).id
  ids.inB2 = (await api.unit(b2, '辛物流有限公司')).id
  const street = (await api.org('中共奉城镇测试综合委员会', 'committee', FENGCHENG)).id
  const own = (
    await api.org('中共甲科技支部', 'branch', FENGCHENG, { parentId: street, coversUnitIds: [ids.own] })
  ).id
  const joint = (
    await api.org('中共奉城第一联合支部', 'joint_branch', FENGCHENG, {
      parentId: street,
      coversUnitIds: [ids.jointA, ids.jointB],
    })
  ).id
  await api.org('中共奉城二号楼联合总支', 'general_branch', FENGCHENG, {
    parentId: street,
    coversBuildingIds: [b2],
  })
  await api.member(ids.own, own, { birthDate: young })
  await api.member(ids.own, own, { relationTransferred: false })
  await api.member(ids.own, own)
  for (let i = 0; i < 4; i++) await api.member(ids.should, street, i === 0 ? { birthDate: young } : {})
  await api.member(ids.only, street)
  await api.member(ids.only, street, { status: 'probationary', birthDate: young })
  await api.member(ids.jointA, joint)
  await api.member(ids.jointA, joint)
  await api.member(ids.jointB, joint)
  // A member of a unit that has left is not counted anywhere.
  await api.member(ids.left, street)
})
afterAll(() => t.close())

describe('党统 coverage, counted by hand', () => {
  it('gives every figure of the street', async () => {
    const f = await client(t.app, admin).read(`/api/coverage?area=${FENGCHENG}`)
    expect(f).toMatchObject({
      buildings: 3,
      buildingsInScope: 2,
      buildingsWithChief: 1,
      chiefCoverageRate: 0.5,
      units: 9,
      operatingUnits: 8,
      members: 12,
      formalMembers: 11,
      probationaryMembers: 1,
      membersUnder35: 3,
      under35Share: 0.25,
      notTransferred: 1,
      instructorSent: 1,
      // own: 甲; joint: 戊 己 (joint branch) + 辛 (building-wide general branch); should_have: 乙 (4 formal);
      // only_members: 丙; no_members: 丁 and the property firm.
      categories: { own: 1, joint: 3, should_have: 1, only_members: 1, no_members: 2 },
      orgCoverageRate: 0.5,
      ownOrgRate: 0.125,
    })
  })

  it('drills each figure down to exactly the rows it counts', async () => {
    const rows = async (figure: string) =>
      (await client(t.app, admin).read(`/api/coverage/rows?area=${FENGCHENG}&figure=${figure}`)).items.map(
        (r: { name: string }) => r.name,
      )
    expect(await rows('category.should_have')).toEqual(['乙贸易有限公司'])
    expect((await rows('category.joint')).sort()).toEqual(
      ['己传媒有限公司', '戊设计有限公司', '辛物流有限公司'].sort(),
    )
    expect(await rows('instructorSent')).toEqual(['丁餐饮有限公司'])
    expect(await rows('buildingsWithChief')).toEqual(['奉城一号楼'])
    expect(await rows('membersUnder35')).toHaveLength(3)
    expect(await rows('notTransferred')).toHaveLength(1)
    expect(await rows('operatingUnits')).toHaveLength(8)
  })

  it('words the drill-down details and census gaps in the caller’s language', async () => {
    const en = { ...admin.headers, 'accept-language': 'en-US' }
    const rows = (
      await request(
        t.app,
        null,
        'GET',
        `/api/coverage/rows?area=${FENGCHENG}&figure=category.should_have`,
        undefined,
        { headers: en },
      )
    ).body
    expect(rows.items[0].detail).toBe('奉城一号楼 · 4 formal · 0 probationary members')
    const zh = (
      await client(t.app, admin).read(`/api/coverage/rows?area=${FENGCHENG}&figure=category.should_have`)
    ).items[0].detail
    expect(zh).toBe('奉城一号楼 · 正式党员 4 · 预备党员 0')
    const census = (
      await request(t.app, null, 'GET', `/api/census/completeness?area=${FENGCHENG}`, undefined, {
        headers: en,
      })
    ).body
    const stations = census.items[0].items.find((i: { key: string }) => i.key === 'stations')
    expect(stations.missing).toBe('no party-building station yet')
  })

  it('pages a drill-down with a cursor', async () => {
    const first = await client(t.app, admin).read(
      `/api/coverage/rows?area=${FENGCHENG}&figure=members&limit=5`,
    )
    expect(first.items).toHaveLength(5)
    const second = await client(t.app, admin).read(
      `/api/coverage/rows?area=${FENGCHENG}&figure=members&limit=5&cursor=${first.nextCursor}`,
    )
    const third = await client(t.app, admin).read(
      `/api/coverage/rows?area=${FENGCHENG}&figure=members&limit=5&cursor=${second.nextCursor}`,
    )
    expect(third.items).toHaveLength(2)
    expect(third.nextCursor).toBeNull()
  })

  it('follows every change at once: no stale figures', async () => {
    const api = registryApi(t.app, admin)
    const unit = await client(t.app, admin).read(`/api/units/${ids.should}`)
    // 乙 gets its own branch: should_have → own.
    await api.org('中共乙贸易支部', 'branch', FENGCHENG, { coversUnitIds: [ids.should] })
    let f = await client(t.app, admin).read(`/api/coverage?area=${FENGCHENG}`)
    expect(f.categories).toMatchObject({ own: 2, should_have: 0 })
    // 乙 leaves: no longer operating, and its members no longer counted.
    await api.send('PUT', `/api/units/${ids.should}`, {
      uscc: unit.uscc,
      name: unit.name,
      kind: unit.kind,
      buildingId: unit.buildingId,
      floorFrom: 2,
      leftOn: '2026-01-31',
      version: unit.version,
    })
    f = await client(t.app, admin).read(`/api/coverage?area=${FENGCHENG}`)
    expect(f).toMatchObject({ operatingUnits: 7, members: 8, categories: { own: 1 } })
  })

  it('is scoped: a building chief sees their building only; a street admin not another street', async () => {
    const chief = await login(t.app, 'chief_demo')
    const own = await t.ctx.db
      .selectFrom('building')
      .select('id')
      .where('name', '=', '绿地翡翠国际广场')
      .executeTakeFirstOrThrow()
    expect((await request(t.app, chief, 'GET', `/api/coverage?building=${own.id}`)).status).toBe(200)
    expect((await request(t.app, chief, 'GET', `/api/coverage?area=${FENGCHENG}`)).status).toBe(403)
    const fengpu = await login(t.app, 'fengpu_admin')
    expect((await request(t.app, fengpu, 'GET', `/api/coverage?area=${FENGCHENG}`)).body.code).toBe(
      'forbidden_scope',
    )
    expect((await request(t.app, fengpu, 'GET', '/api/coverage?area=310120002')).status).toBe(200)
  })
})

describe('census snapshots', () => {
  it('freeze the figures and show the change since', async () => {
    const snap = await request(t.app, admin, 'POST', '/api/census/snapshots', {
      area: FENGCHENG,
      label: '年初',
    })
    expect(snap.status).toBe(201)
    const before = snap.body
    await registryApi(t.app, admin).unit(null, '新入驻社会组织', { kind: 'social_org', areaCode: FENGCHENG })
    const cmp = await client(t.app, admin).read(`/api/census/snapshots/compare?from=${before.id}`)
    const units = cmp.changes.find((c: { key: string }) => c.key === 'units')
    expect(units).toMatchObject({ from: before.figures.units, to: before.figures.units + 1, delta: 1 })
    const list = await client(t.app, admin).read(`/api/census/snapshots?area=${FENGCHENG}`)
    expect(list.items.map((s: { label: string }) => s.label)).toContain('年初')
  })

  it('report each building’s five "清" with what is missing', async () => {
    const page = await client(t.app, admin).read(`/api/census/completeness?area=${FENGCHENG}`)
    const one = page.items.find((c: { name: string }) => c.name === '奉城一号楼')
    expect(one.items.find((i: { key: string }) => i.key === 'stations')).toMatchObject({
      ok: false,
      missing: '尚无党建工作站',
    })
    expect(one.items.find((i: { key: string }) => i.key === 'building').ok).toBe(false)
    expect(one.score).toBe(3)
    // The low building is outside the census.
    expect(page.items.map((c: { name: string }) => c.name)).not.toContain('奉城矮楼')
  })
})
