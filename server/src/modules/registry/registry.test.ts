import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { newUscc, registryApi } from '../../../test/registry-fixtures.ts'
import { idNumberWithCheck } from '../../lib/ids.ts'

const JINHUI = '310120106' // 金汇镇: no demo data
let t: TestApp
let admin: Session
let fengpu: Session

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
})
afterAll(() => t.close())

const post = (url: string, payload: unknown, s = admin, lang = 'zh-CN') =>
  t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { ...s.headers, 'accept-language': lang },
  })
const count = async (table: 'unit' | 'building' | 'person' | 'party_org') =>
  (await t.ctx.db.selectFrom(table).select('id').execute()).length

describe('validation: bad input gets a specific error and writes nothing', () => {
  it('rejects a wrong USCC check character, a floor above the building, an unknown or district-level area', async () => {
    const b = (await registryApi(t.app, admin).building(JINHUI, '金汇验证楼', 8)).id
    const before = await count('unit')
    const good = newUscc()
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`
    const wrongCheck = await post('/api/units', {
      uscc: bad,
      name: '错码公司',
      kind: 'private',
      buildingId: b,
    })
    expect(wrongCheck.statusCode).toBe(400)
    expect(wrongCheck.json()).toMatchObject({ code: 'invalid_uscc' })
    expect(wrongCheck.json().message).toContain(bad)
    const tooHigh = await post(
      '/api/units',
      { uscc: good, name: '高层公司', kind: 'private', buildingId: b, floorFrom: 9 },
      admin,
      'en-US',
    )
    expect(tooHigh.json()).toEqual({
      code: 'floor_above_building',
      message: "Floor 9 is above the building's 8 floors",
    })
    const noArea = await post('/api/units', {
      uscc: good,
      name: '无区域公司',
      kind: 'private',
      areaCode: '310120999',
    })
    expect(noArea.json().code).toBe('unknown_area')
    const district = await post('/api/units', {
      uscc: good,
      name: '区级公司',
      kind: 'private',
      areaCode: '310120',
    })
    expect(district.json().code).toBe('area_level')
    const backwards = await post('/api/units', {
      uscc: good,
      name: '倒序公司',
      kind: 'private',
      buildingId: b,
      floorFrom: 5,
      floorTo: 3,
    })
    expect(backwards.json().code).toBe('invalid_floors')
    expect(await count('unit')).toBe(before)
  })

  it('rejects a duplicate USCC and a duplicate building', async () => {
    const api = registryApi(t.app, admin)
    const u = await api.unit(null, '唯一公司', { areaCode: JINHUI })
    const dup = await post('/api/units', {
      uscc: u.uscc,
      name: '重复公司',
      kind: 'private',
      areaCode: JINHUI,
    })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().message).toBe(`单位已存在：${u.uscc}`)
    await api.building(JINHUI, '金汇重复楼')
    const twin = await post('/api/buildings', {
      areaCode: JINHUI,
      name: '金汇重复楼',
      address: '金汇重复楼路1号',
      floors: 7,
    })
    expect(twin.json().code).toBe('already_exists')
  })

  it('rejects a bad ID number, a birth date that contradicts it, and a bad phone; derives birth date and gender', async () => {
    const before = await count('person')
    const id = idNumberWithCheck('31012019900101123')
    const wrongDigit = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`
    expect((await post('/api/people', { name: '甲', idNumber: wrongDigit })).json().code).toBe(
      'invalid_id_number',
    )
    expect((await post('/api/people', { name: '乙', idNumber: '310120199002301230' })).json().code).toBe(
      'invalid_id_number',
    )
    expect(
      (await post('/api/people', { name: '丙', idNumber: id, birthDate: '1991-01-01' })).json().code,
    ).toBe('id_birth_mismatch')
    expect((await post('/api/people', { name: '丁', phone: '12345' })).json().code).toBe('invalid_phone')
    expect(await count('person')).toBe(before)
    const ok = await post('/api/people', { name: '戊', idNumber: id, phone: '13912345678' })
    expect(ok.statusCode).toBe(201)
    expect(ok.json()).toMatchObject({ birthDate: '1990-01-01', gender: 'male' })
    // The same person twice is refused by ID number, which is stored encrypted.
    expect((await post('/api/people', { name: '戊二', idNumber: id })).statusCode).toBe(409)
    const stored = await t.ctx.db
      .selectFrom('person')
      .select('id_number_enc')
      .where('id', '=', ok.json().id)
      .executeTakeFirstOrThrow()
    expect(stored.id_number_enc).not.toContain(id)
  })

  it('refuses an organisation as its own parent or below itself', async () => {
    const api = registryApi(t.app, admin)
    const top = await api.org('中共金汇测试委员会', 'committee', JINHUI)
    const mid = await api.org('中共金汇测试总支', 'general_branch', JINHUI, { parentId: top.id })
    const low = await api.org('中共金汇测试支部', 'branch', JINHUI, { parentId: mid.id })
    const put = (org: { id: number; version: number; name: string; type: string }, parentId: number) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/party-orgs/${org.id}`,
        headers: admin.headers,
        payload: { name: org.name, type: org.type, areaCode: JINHUI, parentId, version: org.version },
      })
    expect((await put(top, top.id)).json().code).toBe('cyclic_parent')
    expect((await put(top, low.id)).json().code).toBe('cyclic_parent')
    const fresh = (await t.app.inject({ url: `/api/party-orgs/${top.id}`, headers: admin.headers })).json()
    expect(fresh).toMatchObject({ parentId: null, version: 1 })
  })
})

describe('optimistic locking and soft delete', () => {
  it('lets one of two saves of the same version through and answers the other 409', async () => {
    const b = await registryApi(t.app, admin).building(JINHUI, '金汇并发楼', 10)
    const save = (owner: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/buildings/${b.id}`,
        headers: admin.headers,
        payload: {
          areaCode: JINHUI,
          name: b.name,
          address: b.address,
          floors: 10,
          owner,
          version: b.version,
        },
      })
    const results = await Promise.all([save('甲置业'), save('乙置业')])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const loser = results.find((r) => r.statusCode === 409)!
    expect(loser.json().message).toBe('该记录已被他人修改（当前版本 2），请刷新后再保存')
    const winner = results.find((r) => r.statusCode === 200)!.json()
    const now = (await t.app.inject({ url: `/api/buildings/${b.id}`, headers: admin.headers })).json()
      .building
    expect(now).toMatchObject({ owner: winner.owner, version: 2 })
    const history = (
      await t.app.inject({ url: `/api/buildings/${b.id}/history`, headers: admin.headers })
    ).json()
    expect(history.map((h: { op: string; version: number }) => [h.op, h.version])).toEqual([
      ['update', 1],
      ['create', 1],
    ])
    expect(history[0]).toMatchObject({ username: 'admin', before: { owner: null, version: 1 } })
    const chief = await login(t.app, 'chief_demo')
    expect(
      (await t.app.inject({ url: `/api/buildings/${b.id}/history`, headers: chief.headers })).statusCode,
    ).toBe(403)
  })

  it('deletes softly with the version, keeps the history, and the row disappears from lists', async () => {
    const api = registryApi(t.app, admin)
    const u = await api.unit(null, '待删除公司', { areaCode: JINHUI })
    const stale = await t.app.inject({
      method: 'DELETE',
      url: `/api/units/${u.id}?version=9`,
      headers: admin.headers,
    })
    expect(stale.statusCode).toBe(409)
    const ok = await t.app.inject({
      method: 'DELETE',
      url: `/api/units/${u.id}?version=1`,
      headers: admin.headers,
    })
    expect(ok.statusCode).toBe(200)
    expect((await t.app.inject({ url: `/api/units/${u.id}`, headers: admin.headers })).statusCode).toBe(404)
    const row = await t.ctx.db
      .selectFrom('unit')
      .select('deleted_at')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow()
    expect(row.deleted_at).not.toBeNull()
    const history = await t.ctx.db
      .selectFrom('row_history')
      .select(['op', 'version'])
      .where('entity', '=', 'unit')
      .where('entity_id', '=', u.id)
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      { op: 'create', version: 1 },
      { op: 'delete', version: 1 },
    ])
    // The USCC is free again for a new registration.
    expect(
      (await post('/api/units', { uscc: u.uscc, name: '新公司', kind: 'private', areaCode: JINHUI }))
        .statusCode,
    ).toBe(201)
  })
})

describe('search by Chinese, pinyin and initials', () => {
  it.each([['绿地翡翠'], ['lvdifeicui'], ['ldfcgjgc'], ['LDFC']])(
    'finds 绿地翡翠国际广场 by %s',
    async (q) => {
      const res = await t.app.inject({
        url: `/api/buildings?q=${encodeURIComponent(q)}`,
        headers: admin.headers,
      })
      expect(res.json().items.map((b: { name: string }) => b.name)).toContain('绿地翡翠国际广场')
    },
  )
  it('finds a unit by its USCC', async () => {
    const u = await registryApi(t.app, admin).unit(null, '信用代码查找公司', { areaCode: JINHUI })
    const res = await t.app.inject({ url: `/api/units?q=${u.uscc.toLowerCase()}`, headers: admin.headers })
    expect(res.json().items.map((x: { id: number }) => x.id)).toEqual([u.id])
  })
})

describe('scope and personal data per role', () => {
  const personIn = async (orgName: string) => {
    const row = await t.ctx.db
      .selectFrom('member')
      .innerJoin('party_org', 'party_org.id', 'member.party_org_id')
      .select('member.person_id')
      .where('party_org.name', '=', orgName)
      .executeTakeFirstOrThrow()
    return row.person_id
  }

  it('members see no registry at all', async () => {
    const member = await login(t.app, 'member_demo')
    expect((await t.app.inject({ url: '/api/buildings', headers: member.headers })).json().code).toBe(
      'forbidden',
    )
    expect((await t.app.inject({ url: '/api/people', headers: member.headers })).statusCode).toBe(403)
  })

  it('a street admin sees their street’s people masked in lists and in full one by one, audited', async () => {
    const list = (
      await t.app.inject({ url: '/api/people?area=310120002&members=true&limit=5', headers: fengpu.headers })
    ).json()
    expect(list.items.length).toBeGreaterThan(0)
    for (const p of list.items) {
      expect(p.phone ?? '138****0000').toMatch(/^\d{3}\*{4}\d{4}$/)
      if (p.idNumber) expect(p.idNumber).toMatch(/^\*{16}[\dX]{2}$/)
      // Lists are masked for everyone: the birth year, never the date.
      expect(p.birthDate).toBeNull()
      expect(p.masked).toBe(true)
    }
    const id = list.items[0].id
    const before = (
      await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'pii.read').execute()
    ).length
    const one = (await t.app.inject({ url: `/api/people/${id}`, headers: fengpu.headers })).json()
    expect(one.idNumber).toMatch(/^\d{17}[\dX]$/)
    expect(one.birthDate).toBe(`${one.birthYear}-${one.idNumber.slice(10, 12)}-${one.idNumber.slice(12, 14)}`)
    const after = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.read')
      .orderBy('id', 'desc')
      .execute()
    expect(after.length).toBe(before + 1)
    expect(after[0]).toMatchObject({ username: 'fengpu_admin', entity: 'person', entity_ids: [String(id)] })
    // Another street's person: 403, nothing read.
    const nanqiao = await personIn('中共南桥镇商务楼宇综合委员会')
    expect((await t.app.inject({ url: `/api/people/${nanqiao}`, headers: fengpu.headers })).json().code).toBe(
      'forbidden_scope',
    )
  })

  it('a building chief keeps their own building only, and sees people masked', async () => {
    const chief = await login(t.app, 'chief_demo')
    const own = await t.ctx.db
      .selectFrom('building')
      .selectAll()
      .where('name', '=', '绿地翡翠国际广场')
      .executeTakeFirstOrThrow()
    const other = await t.ctx.db
      .selectFrom('building')
      .select('id')
      .where('name', '=', '奉浦大厦')
      .executeTakeFirstOrThrow()
    const list = (await t.app.inject({ url: '/api/buildings', headers: chief.headers })).json().items
    expect(list.map((b: { name: string }) => b.name)).toEqual(['绿地翡翠国际广场'])
    expect(
      (await t.app.inject({ url: `/api/buildings/${other.id}`, headers: chief.headers })).statusCode,
    ).toBe(403)
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/buildings/${own.id}`,
      headers: chief.headers,
      payload: {
        areaCode: own.area_code,
        name: own.name,
        address: own.address,
        floors: own.floors,
        propertyCompany: '绿地物业',
        version: own.version,
      },
    })
    expect(edit.statusCode).toBe(200)
    // Someone with a phone and an ID number works in the chief's building, so the masking is always checked.
    const tenant = await registryApi(t.app, admin).unit(own.id, '翡翠楼内登记公司')
    const idNumber = idNumberWithCheck('31012019880808123')
    const created = await post('/api/people', {
      name: '楼内登记人',
      unitId: tenant.id,
      phone: '13987654321',
      idNumber,
    })
    expect(created.statusCode, created.body).toBe(201)
    const people = (
      await t.app.inject({ url: `/api/people?unit=${tenant.id}`, headers: chief.headers })
    ).json().items
    expect(people.map((p: { id: number }) => p.id)).toEqual([created.json().id])
    const one = (
      await t.app.inject({ url: `/api/people/${created.json().id}`, headers: chief.headers })
    ).json()
    expect(one.phone).toBe('139****4321')
    expect(one).toMatchObject({
      masked: true,
      idNumber: `****************${idNumber.slice(-2)}`,
      birthDate: null,
      birthYear: 1988,
    })
  })

  it('a secretary sees their organisation’s members in full', async () => {
    const secretary = await login(t.app, 'secretary_demo')
    const member = await personIn('中共凤创谷第一联合支部委员会')
    const one = (await t.app.inject({ url: `/api/people/${member}`, headers: secretary.headers })).json()
    expect(one.phone).toMatch(/^139\d{8}$/)
    const elsewhere = await personIn('中共奉浦街道商务楼宇综合委员会')
    expect(
      (await t.app.inject({ url: `/api/people/${elsewhere}`, headers: secretary.headers })).statusCode,
    ).toBe(403)
  })
})
