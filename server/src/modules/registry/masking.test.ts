import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { newUscc, registryApi } from '../../../test/registry-fixtures.ts'
import { idNumberWithCheck } from '../../lib/ids.ts'

/**
 * Personal data and scope for every demo role. Four people with a phone and an ID number are registered
 * where the roles' grants differ: in 奉浦街道, in the chief's building (南桥镇), in the secretary's joint
 * branch (凤创谷, 南桥镇) and in 闵行区 (outside 奉贤区).
 */
const MINHANG_XINZHUANG = '310112101'
type Place = 'fengpu' | 'chief' | 'secretary' | 'minhang'
const PLACES: Place[] = ['fengpu', 'chief', 'secretary', 'minhang']

let t: TestApp
let admin: Session
const sessions: Record<string, Session> = {}
const buildings = {} as Record<Exclude<Place, 'secretary'>, number>
const units = {} as Record<Place, number>
const orgs = {} as Record<Place, number>
const people = {} as Record<Place, { id: number; phone: string; idNumber: string }>
let committee: number

const idByName = async (table: 'building' | 'party_org', name: string) =>
  (await t.ctx.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  for (const u of [
    'fengxian_admin',
    'fengpu_admin',
    'chief_demo',
    'secretary_demo',
    'provider_demo',
    'member_demo',
  ])
    sessions[u] = await login(t.app, u)
  sessions.admin = admin
  const api = registryApi(t.app, admin)
  buildings.fengpu = await idByName('building', '奉浦大厦')
  buildings.chief = await idByName('building', '绿地翡翠国际广场')
  buildings.minhang = (await api.building(MINHANG_XINZHUANG, '莘庄掩码测试楼', 12)).id
  orgs.fengpu = await idByName('party_org', '中共奉浦街道商务楼宇综合委员会')
  orgs.chief = await idByName('party_org', '中共南桥镇商务楼宇综合委员会')
  orgs.secretary = await idByName('party_org', '中共凤创谷第一联合支部委员会')
  orgs.minhang = (await api.org('中共莘庄掩码测试支部委员会', 'branch', MINHANG_XINZHUANG)).id
  committee = await idByName('party_org', '中共上海市工业综合开发区委员会')
  units.fengpu = (await api.unit(buildings.fengpu, '奉浦掩码测试有限公司')).id
  units.chief = (await api.unit(buildings.chief, '翡翠掩码测试有限公司')).id
  units.minhang = (await api.unit(buildings.minhang, '莘庄掩码测试有限公司')).id
  units.secretary = (
    await t.ctx.db
      .selectFrom('party_org_coverage')
      .select('unit_id')
      .where('party_org_id', '=', orgs.secretary)
      .orderBy('unit_id')
      .executeTakeFirstOrThrow()
  ).unit_id!
  const names: Record<Place, string> = {
    fengpu: '掩码甲',
    chief: '掩码乙',
    secretary: '掩码丙',
    minhang: '掩码丁',
  }
  let n = 0
  for (const place of PLACES) {
    n++
    const phone = `1391234567${n}`
    const idNumber = idNumberWithCheck(`310120196103${String(10 + n)}91${n}`)
    const p = await api.send('POST', '/api/people', {
      name: names[place],
      phone,
      idNumber,
      unitId: units[place],
      membership: { partyOrgId: orgs[place], status: 'formal' },
    })
    people[place] = { id: p.id, phone, idNumber }
  }
})
afterAll(() => t.close())

const get = (url: string, s: Session) => t.app.inject({ url, headers: s.headers })
const piiReads = async (username: string) =>
  (
    await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_ids'])
      .where('action', '=', 'pii.read')
      .where('username', '=', username)
      .orderBy('id')
      .execute()
  ).map((r) => `${r.entity}:${r.entity_ids.join(',')}`)
const maskedPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`
// The last two characters only: neither the place of birth nor the 后四位 (see id-oracle.test.ts).
const maskedId = (id: string) => `${'*'.repeat(16)}${id.slice(-2)}`
const birthDateOf = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`

type Seen = 'full' | 'masked' | 'denied'
/** What each staff role gets for the person registered at each place, worked out from its grant. */
const PERSON_DETAIL: Record<string, Record<Place, Seen>> = {
  admin: { fengpu: 'full', chief: 'full', secretary: 'full', minhang: 'full' },
  // district_admin of 奉贤区: everything in 奉贤区 in full, 闵行区 not at all.
  fengxian_admin: { fengpu: 'full', chief: 'full', secretary: 'full', minhang: 'denied' },
  // street_admin of 奉浦街道
  fengpu_admin: { fengpu: 'full', chief: 'denied', secretary: 'denied', minhang: 'denied' },
  // building_chief of 绿地翡翠国际广场: no person.pii, so masked even in their own building.
  chief_demo: { fengpu: 'denied', chief: 'masked', secretary: 'denied', minhang: 'denied' },
  // secretary of the 开发区 committee: the joint branch below it, in full.
  secretary_demo: { fengpu: 'denied', chief: 'denied', secretary: 'full', minhang: 'denied' },
}

describe('personal data per role: GET /api/people/:id', () => {
  it.each(Object.keys(PERSON_DETAIL))('%s gets each person in full, masked or refused', async (username) => {
    const s = sessions[username]!
    for (const place of PLACES) {
      const expected = PERSON_DETAIL[username]![place]
      const before = await piiReads(username)
      const res = await get(`/api/people/${people[place].id}`, s)
      const after = await piiReads(username)
      if (expected === 'denied') {
        expect(res.statusCode, `${username} → ${place}`).toBe(403)
        expect(res.json().code).toBe('forbidden_scope')
        expect(after).toEqual(before)
        continue
      }
      expect(res.statusCode, `${username} → ${place}: ${res.body}`).toBe(200)
      const body = res.json()
      if (expected === 'full') {
        expect(body).toMatchObject({
          masked: false,
          phone: people[place].phone,
          idNumber: people[place].idNumber,
          birthDate: birthDateOf(people[place].idNumber),
          birthYear: 1961,
        })
        // Exactly one pii.read row for this person, in the reader's name.
        expect(after).toEqual([...before, `person:${people[place].id}`])
      } else {
        // The birth year only: with the date, the masked number left about three candidates.
        expect(body).toMatchObject({
          masked: true,
          phone: maskedPhone(people[place].phone),
          idNumber: maskedId(people[place].idNumber),
          birthDate: null,
          birthYear: 1961,
        })
        expect(after).toEqual(before)
      }
    }
  })

  it.each(['provider_demo', 'member_demo'])(
    '%s holds no registry permission: refused everywhere, nothing read',
    async (username) => {
      const s = sessions[username]!
      for (const place of PLACES) {
        const res = await get(`/api/people/${people[place].id}`, s)
        expect(res.statusCode).toBe(403)
        expect(res.json().code).toBe('forbidden')
      }
      const list = await get('/api/people?q=掩码', s)
      expect(list.statusCode).toBe(403)
      expect(list.json().code).toBe('forbidden')
      expect(await piiReads(username)).toEqual([])
    },
  )
})

describe('personal data per role: GET /api/people', () => {
  it.each(Object.keys(PERSON_DETAIL))(
    '%s lists exactly the people in scope, every one masked, and no pii.read is written',
    async (username) => {
      const s = sessions[username]!
      const before = await piiReads(username)
      const res = await get(`/api/people?q=${encodeURIComponent('掩码')}&limit=200`, s)
      expect(res.statusCode, res.body).toBe(200)
      const items = res.json().items as Array<{
        id: number
        phone: string
        idNumber: string
        birthDate: string | null
        birthYear: number | null
      }>
      const visible = PLACES.filter((p) => PERSON_DETAIL[username]![p] !== 'denied')
      expect(items.map((i) => i.id).sort()).toEqual(visible.map((p) => people[p].id).sort())
      for (const place of visible) {
        const row = items.find((i) => i.id === people[place].id)!
        expect(row.phone).toBe(maskedPhone(people[place].phone))
        expect(row.idNumber).toBe(maskedId(people[place].idNumber))
        expect(row).toMatchObject({ birthDate: null, birthYear: 1961 })
      }
      expect(await piiReads(username)).toEqual(before)
    },
  )
})

describe('scope of buildings, units and organisations per role', () => {
  const ok = 200
  const no = 403
  const cases: Array<[string, Record<string, Partial<Record<Place, number>>>]> = [
    [
      'admin',
      {
        building: { fengpu: ok, chief: ok, minhang: ok },
        unit: { fengpu: ok, chief: ok, secretary: ok, minhang: ok },
        org: { fengpu: ok, chief: ok, secretary: ok, minhang: ok },
      },
    ],
    [
      'fengxian_admin',
      {
        building: { fengpu: ok, chief: ok, minhang: no },
        unit: { fengpu: ok, chief: ok, secretary: ok, minhang: no },
        org: { fengpu: ok, chief: ok, secretary: ok, minhang: no },
      },
    ],
    [
      'fengpu_admin',
      {
        building: { fengpu: ok, chief: no, minhang: no },
        unit: { fengpu: ok, chief: no, secretary: no, minhang: no },
        org: { fengpu: ok, chief: no, secretary: no, minhang: no },
      },
    ],
    [
      'chief_demo',
      {
        building: { fengpu: no, chief: ok, minhang: no },
        unit: { fengpu: no, chief: ok, secretary: no, minhang: no },
        org: { fengpu: no, secretary: no, minhang: no },
      },
    ],
    [
      'secretary_demo',
      {
        building: { fengpu: no, chief: no, minhang: no },
        unit: { fengpu: no, chief: no, secretary: ok, minhang: no },
        org: { fengpu: no, chief: no, secretary: ok, minhang: no },
      },
    ],
  ]
  it.each(cases)('%s opens what is theirs and gets forbidden_scope elsewhere', async (username, table) => {
    const s = sessions[username]!
    const url = { building: '/api/buildings', unit: '/api/units', org: '/api/party-orgs' }
    const ids = { building: buildings, unit: units, org: orgs } as Record<
      string,
      Partial<Record<Place, number>>
    >
    for (const [kind, expected] of Object.entries(table)) {
      for (const [place, status] of Object.entries(expected)) {
        const res = await get(`${url[kind as keyof typeof url]}/${ids[kind]![place as Place]}`, s)
        expect(res.statusCode, `${username} ${kind} ${place}: ${res.body}`).toBe(status)
        if (status === no) expect(res.json().code).toBe('forbidden_scope')
      }
    }
  })

  it('a street admin cannot register a unit or a person in another street', async () => {
    const fengpu = sessions.fengpu_admin!
    const unit = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: fengpu.headers,
      payload: { uscc: newUscc(), name: '越界公司', kind: 'private', buildingId: buildings.chief },
    })
    expect(unit.statusCode).toBe(403)
    expect(unit.json().code).toBe('forbidden_scope')
    const person = await t.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: fengpu.headers,
      payload: { name: '越界人员', unitId: units.chief },
    })
    expect(person.json().code).toBe('forbidden_scope')
    expect(await t.ctx.db.selectFrom('person').select('id').where('name', '=', '越界人员').execute()).toEqual(
      [],
    )
  })
})

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
