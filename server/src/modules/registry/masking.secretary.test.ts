import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Session, TestApp } from '../../../test/helpers.ts'
import { buildings, get, orgs, people, sessions, startMaskingApp, units } from './masking.fixtures.ts'

// Personal data and scope over the four places of masking.fixtures.ts: a secretary over their own
// organisation.

let t: TestApp
let admin: Session
let committee: number
beforeAll(async () => {
  ;({ t, admin, committee } = await startMaskingApp())
})
afterAll(() => t.close())

describe('a secretary keeps their own organisation and its members', () => {
  const secretary = () => sessions.secretary_demo!
  const orgBody = (o: {
    name: string
    type: string
    parentId: number | null
    areaCode: string
    establishedOn: string | null
    secretary: { id: number } | null
    hasCommittee: boolean
    version: number
  }) => ({
    name: o.name,
    type: o.type,
    parentId: o.parentId,
    areaCode: o.areaCode,
    establishedOn: o.establishedOn,
    secretaryPersonId: o.secretary?.id ?? null,
    hasCommittee: o.hasCommittee,
    version: o.version,
  })
  const readOrg = async (id: number) => (await get(`/api/party-orgs/${id}`, admin)).json()
  const putOrg = (id: number, payload: object) =>
    t.app.inject({ method: 'PUT', url: `/api/party-orgs/${id}`, headers: secretary().headers, payload })

  it('edits the branch below their committee and the committee itself', async () => {
    const branch = await readOrg(orgs.secretary)
    const saved = await putOrg(orgs.secretary, { ...orgBody(branch), establishedOn: '2018-07-01' })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ establishedOn: '2018-07-01', version: branch.version + 1 })
    // Coverage is kept when the save does not name it.
    expect(saved.json().covers.units).toEqual(branch.covers.units)
    const own = await readOrg(committee)
    const top = await putOrg(committee, { ...orgBody(own), establishedOn: '2010-06-18' })
    expect(top.statusCode, top.body).toBe(200)
    expect(top.json()).toMatchObject({ establishedOn: '2010-06-18', version: own.version + 1 })
  })

  it('adds a branch under their committee, not under another organisation', async () => {
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/party-orgs',
      headers: secretary().headers,
      payload: {
        name: '中共凤创谷新设测试支部委员会',
        type: 'branch',
        areaCode: '310120101',
        parentId: committee,
      },
    })
    expect(added.statusCode, added.body).toBe(201)
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/party-orgs',
      headers: secretary().headers,
      payload: {
        name: '中共越界测试支部委员会',
        type: 'branch',
        areaCode: '310120002',
        parentId: orgs.fengpu,
      },
    })
    expect(elsewhere.statusCode).toBe(403)
    expect(elsewhere.json().code).toBe('forbidden_scope')
    expect(
      await t.ctx.db
        .selectFrom('party_org')
        .select('id')
        .where('name', '=', '中共越界测试支部委员会')
        .execute(),
    ).toEqual([])
  })

  it('is refused on another organisation, and nothing changes', async () => {
    const other = await readOrg(orgs.fengpu)
    const res = await putOrg(orgs.fengpu, { ...orgBody(other), establishedOn: '2001-01-01' })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('forbidden_scope')
    expect(await readOrg(orgs.fengpu)).toEqual(other)
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/party-orgs/${orgs.fengpu}?version=${other.version}`,
      headers: secretary().headers,
    })
    expect(del.json().code).toBe('forbidden_scope')
  })

  it('cannot widen their own scope by making their branch cover a unit or a building of another street', async () => {
    const branch = await readOrg(orgs.secretary)
    const unit = await putOrg(orgs.secretary, {
      ...orgBody(branch),
      coversUnitIds: [...branch.covers.units.map((u: { id: number }) => u.id), units.fengpu],
    })
    expect(unit.statusCode, unit.body).toBe(403)
    expect(unit.json().code).toBe('forbidden_scope')
    const building = await putOrg(orgs.secretary, {
      ...orgBody(branch),
      coversBuildingIds: [buildings.fengpu],
    })
    expect(building.json().code).toBe('forbidden_scope')
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/party-orgs',
      headers: secretary().headers,
      payload: {
        name: '中共越界覆盖测试支部委员会',
        type: 'joint_branch',
        areaCode: '310120101',
        parentId: committee,
        coversUnitIds: [units.chief],
      },
    })
    expect(created.json().code).toBe('forbidden_scope')
    expect(await readOrg(orgs.secretary)).toEqual(branch)
    // The 奉浦 person stays out of reach.
    expect((await get(`/api/people/${people.fengpu.id}`, secretary())).json().code).toBe('forbidden_scope')
  })

  it('edits their member, and cannot move them into another organisation or edit someone else', async () => {
    const s = secretary()
    const mine = (await get(`/api/people/${people.secretary.id}`, s)).json()
    const body = {
      name: mine.name,
      phone: '13700001111',
      idNumber: mine.idNumber,
      unitId: mine.unitId,
      membership: { partyOrgId: mine.membership.partyOrgId, status: 'formal' },
      version: mine.version,
    }
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/people/${people.secretary.id}`,
      headers: s.headers,
      payload: body,
    })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ phone: '13700001111', version: mine.version + 1 })
    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/people/${people.secretary.id}`,
      headers: s.headers,
      payload: {
        ...body,
        version: mine.version + 1,
        membership: { partyOrgId: orgs.fengpu, status: 'formal' },
      },
    })
    expect(moved.json().code).toBe('forbidden_scope')
    const other = (await get(`/api/people/${people.fengpu.id}`, admin)).json()
    const foreign = await t.app.inject({
      method: 'PUT',
      url: `/api/people/${people.fengpu.id}`,
      headers: s.headers,
      payload: { name: other.name, unitId: other.unitId, version: other.version },
    })
    expect(foreign.json().code).toBe('forbidden_scope')
    expect((await get(`/api/people/${people.fengpu.id}`, admin)).json().version).toBe(other.version)
  })
})
