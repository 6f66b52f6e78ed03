import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

/**
 * Snapshot → change 1 → snapshot → change 2, in 四团镇 (no demo data), with every figure worked out by hand:
 * comparing the two snapshots shows change 1 only; comparing the second with now shows change 2 only.
 */
const SITUAN = '310120109'
const DAY = 24 * 3600 * 1000

let t: TestApp
let admin: Session
let api: ReturnType<typeof registryApi>
type Snapshot = { id: number; takenOn: string; figures: Record<string, unknown> }
let first: Snapshot
let second: Snapshot
let buildingId: number
let unitA: number

const snapshot = async (label: string) => {
  const res = await request(t.app, admin, 'POST', '/api/census/snapshots', { area: SITUAN, label })
  expect(res.status, res.text).toBe(201)
  return res.body
}
/** The figures that moved, as key → delta. */
const moved = (cmp: { changes: Array<{ key: string; delta: number }> }) =>
  Object.fromEntries(cmp.changes.filter((c) => c.delta !== 0).map((c) => [c.key, c.delta]))

/** The next day (a day idle ends the session: sign in again). */
async function nextDay() {
  t.clock.advance(DAY)
  admin = await login(t.app, 'admin')
  api = registryApi(t.app, admin)
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  api = registryApi(t.app, admin)
  // Before: one in-scope building with one unit and no members; a street committee.
  const committee = (await api.org('中共四团镇测试综合委员会', 'committee', SITUAN, { hasCommittee: true }))
    .id
  buildingId = (await api.building(SITUAN, '四团测试大厦', 10)).id
  unitA = (await api.unit(buildingId, '四团甲有限公司')).id
  first = await snapshot('第一次')
  expect(first.figures).toMatchObject({
    buildingsInScope: 1,
    buildingsWithChief: 0,
    units: 1,
    members: 0,
    categories: { own: 0, joint: 0, should_have: 0, only_members: 0, no_members: 1 },
    orgCoverageRate: 0,
  })

  // Change 1: a unit with its own branch and 3 formal members, one of them under 35.
  const unitB = (await api.unit(null, '四团乙有限公司', { areaCode: SITUAN })).id
  const branch = (
    await api.org('中共四团乙支部委员会', 'branch', SITUAN, { parentId: committee, coversUnitIds: [unitB] })
  ).id
  await api.member(unitB, branch, { birthDate: '2000-03-01' })
  await api.member(unitB, branch)
  await api.member(unitB, branch)
  await nextDay()
  second = await snapshot('第二次')

  // Change 2: unit A becomes the building's chief and gets a probationary member not transferred in.
  await api.send('PUT', `/api/buildings/${buildingId}/chief`, { unitId: unitA, version: null })
  await api.member(unitA, committee, { status: 'probationary', relationTransferred: false })
  await nextDay()
}, 180_000)
afterAll(() => t.close())

const CHANGE_1 = {
  units: 1,
  operatingUnits: 1,
  members: 3,
  formalMembers: 3,
  membersUnder35: 1,
  under35Share: 0.3333, // 1 of 3
  orgCoverageRate: 0.5, // 1 own of 2 operating
  ownOrgRate: 0.5,
  'category.own': 1,
}
const CHANGE_2 = {
  buildingsWithChief: 1,
  chiefCoverageRate: 1,
  members: 1,
  probationaryMembers: 1,
  notTransferred: 1,
  under35Share: -0.0833, // 1 of 4 after 1 of 3
  'category.only_members': 1,
  'category.no_members': -1,
}

describe('census snapshots compared with each other', () => {
  it('between the two snapshots shows exactly the first change, not the second', async () => {
    const cmp = await client(t.app, admin).read(
      `/api/census/snapshots/compare?from=${first.id}&to=${second.id}`,
    )
    expect(cmp).toMatchObject({
      areaCode: SITUAN,
      from: { id: first.id, takenOn: first.takenOn },
      to: { id: second.id, takenOn: second.takenOn },
    })
    expect(second.takenOn).not.toBe(first.takenOn)
    expect(moved(cmp)).toEqual(CHANGE_1)
    expect(cmp.changes.find((c: { key: string }) => c.key === 'members')).toEqual({
      key: 'members',
      from: 0,
      to: 3,
      delta: 3,
    })
  })

  it('from the second snapshot to now shows exactly the second change', async () => {
    const cmp = await client(t.app, admin).read(`/api/census/snapshots/compare?from=${second.id}`)
    expect(cmp.to.id).toBeNull()
    expect(moved(cmp)).toEqual(CHANGE_2)
    expect(cmp.changes.find((c: { key: string }) => c.key === 'members')).toMatchObject({ from: 3, to: 4 })
  })

  it('from the first snapshot to now shows both; backwards shows the first change negated', async () => {
    const both = moved(await client(t.app, admin).read(`/api/census/snapshots/compare?from=${first.id}`))
    expect(both).toEqual({
      units: 1,
      operatingUnits: 1,
      members: 4,
      formalMembers: 3,
      probationaryMembers: 1,
      membersUnder35: 1,
      under35Share: 0.25,
      notTransferred: 1,
      orgCoverageRate: 0.5,
      ownOrgRate: 0.5,
      buildingsWithChief: 1,
      chiefCoverageRate: 1,
      'category.own': 1,
      'category.only_members': 1,
      'category.no_members': -1,
    })
    const back = moved(
      await client(t.app, admin).read(`/api/census/snapshots/compare?from=${second.id}&to=${first.id}`),
    )
    expect(back).toEqual(Object.fromEntries(Object.entries(CHANGE_1).map(([k, v]) => [k, -v])))
  })

  it('lists the snapshots in order and keeps their frozen figures', async () => {
    const list = await client(t.app, admin).read(`/api/census/snapshots?area=${SITUAN}`)
    expect(list.items.map((s: { id: number; label: string }) => [s.id, s.label])).toEqual([
      [first.id, '第一次'],
      [second.id, '第二次'],
    ])
    expect(list.items[1].figures).toMatchObject({ members: 3, buildingsWithChief: 0 })
  })

  it('refuses snapshots of different areas, an unknown snapshot and another street’s staff', async () => {
    const other = await request(t.app, admin, 'POST', '/api/census/snapshots', { area: '310120002' })
    expect(other.status).toBe(201)
    const mixed = await request(
      t.app,
      admin,
      'GET',
      `/api/census/snapshots/compare?from=${first.id}&to=${other.body.id}`,
    )
    expect(mixed.status).toBe(400)
    const unknown = await request(
      t.app,
      admin,
      'GET',
      `/api/census/snapshots/compare?from=${first.id}&to=999999`,
    )
    expect(unknown.status).toBe(404)
    const fengpu = await login(t.app, 'fengpu_admin')
    const foreign = await request(
      t.app,
      fengpu,
      'GET',
      `/api/census/snapshots/compare?from=${first.id}&to=${second.id}`,
    )
    expect(foreign.status).toBe(403)
    expect(foreign.body.code).toBe('forbidden_scope')
    const take = await request(t.app, fengpu, 'POST', '/api/census/snapshots', { area: SITUAN })
    expect(take.body.code).toBe('forbidden_scope')
  })
})
