import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
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

/** The language these tests read answers in unless one says otherwise. */
const zhCN = { lang: 'zh-CN' }
const count = async (table: 'unit' | 'building' | 'person' | 'party_org') =>
  (await t.ctx.db.selectFrom(table).select('id').execute()).length

describe('validation: bad input gets a specific error and writes nothing', () => {
  it('rejects a wrong USCC check character, a floor above the building, an unknown or district-level area', async () => {
    const b = (await registryApi(t.app, admin).building(JINHUI, '金汇验证楼', 8)).id
    const before = await count('unit')
    const good = newUscc()
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`
    const wrongCheck = await request(
      t.app,
      admin,
      'POST',
      '/api/units',
      {
        uscc: bad,
        name: '错码公司',
        kind: 'private',
        buildingId: b,
      },
      zhCN,
    )
    expect(wrongCheck.status).toBe(400)
    expect(wrongCheck.body).toMatchObject({ code: 'invalid_uscc' })
    expect(wrongCheck.body.message).toContain(bad)
    const tooHigh = await request(
      t.app,
      admin,
      'POST',
      '/api/units',
      { uscc: good, name: '高层公司', kind: 'private', buildingId: b, floorFrom: 9 },
      { lang: 'en-US' },
    )
    expect(tooHigh.body).toEqual({
      code: 'floor_above_building',
      message: "Floor 9 is above the building's 8 floors",
    })
    const noArea = await request(
      t.app,
      admin,
      'POST',
      '/api/units',
      {
        uscc: good,
        name: '无区域公司',
        kind: 'private',
        areaCode: '310120999',
      },
      zhCN,
    )
    expect(noArea.body.code).toBe('unknown_area')
    const district = await request(
      t.app,
      admin,
      'POST',
      '/api/units',
      {
        uscc: good,
        name: '区级公司',
        kind: 'private',
        areaCode: '310120',
      },
      zhCN,
    )
    expect(district.body.code).toBe('area_level')
    const backwards = await request(
      t.app,
      admin,
      'POST',
      '/api/units',
      {
        uscc: good,
        name: '倒序公司',
        kind: 'private',
        buildingId: b,
        floorFrom: 5,
        floorTo: 3,
      },
      zhCN,
    )
    expect(backwards.body.code).toBe('invalid_floors')
    expect(await count('unit')).toBe(before)
  })

  it('rejects a duplicate USCC and a duplicate building', async () => {
    const api = registryApi(t.app, admin)
    const u = await api.unit(null, '唯一公司', { areaCode: JINHUI })
    const dup = await request(
      t.app,
      admin,
      'POST',
      '/api/units',
      {
        uscc: u.uscc,
        name: '重复公司',
        kind: 'private',
        areaCode: JINHUI,
      },
      zhCN,
    )
    expect(dup.status).toBe(409)
    expect(dup.body.message).toBe(`单位已存在：${u.uscc}`)
    await api.building(JINHUI, '金汇重复楼')
    const twin = await request(
      t.app,
      admin,
      'POST',
      '/api/buildings',
      {
        areaCode: JINHUI,
        name: '金汇重复楼',
        address: '金汇重复楼路1号',
        floors: 7,
      },
      zhCN,
    )
    expect(twin.body.code).toBe('already_exists')
  })

  it('rejects a bad ID number, a birth date that contradicts it, and a bad phone; derives birth date and gender', async () => {
    const before = await count('person')
    const id = idNumberWithCheck('31012019900101123')
    const wrongDigit = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`
    expect(
      (await request(t.app, admin, 'POST', '/api/people', { name: '甲', idNumber: wrongDigit }, zhCN)).body
        .code,
    ).toBe('invalid_id_number')
    expect(
      (
        await request(
          t.app,
          admin,
          'POST',
          '/api/people',
          { name: '乙', idNumber: '310120199002301230' },
          zhCN,
        )
      ).body.code,
    ).toBe('invalid_id_number')
    expect(
      (
        await request(
          t.app,
          admin,
          'POST',
          '/api/people',
          { name: '丙', idNumber: id, birthDate: '1991-01-01' },
          zhCN,
        )
      ).body.code,
    ).toBe('id_birth_mismatch')
    expect(
      (await request(t.app, admin, 'POST', '/api/people', { name: '丁', phone: '12345' }, zhCN)).body.code,
    ).toBe('invalid_phone')
    expect(await count('person')).toBe(before)
    const ok = await request(
      t.app,
      admin,
      'POST',
      '/api/people',
      { name: '戊', idNumber: id, phone: '13912345678' },
      zhCN,
    )
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ birthDate: '1990-01-01', gender: 'male' })
    // The same person twice is refused by ID number, which is stored encrypted.
    expect(
      (await request(t.app, admin, 'POST', '/api/people', { name: '戊二', idNumber: id }, zhCN)).status,
    ).toBe(409)
    const stored = await t.ctx.db
      .selectFrom('person')
      .select('id_number_enc')
      .where('id', '=', ok.body.id)
      .executeTakeFirstOrThrow()
    expect(stored.id_number_enc).not.toContain(id)
  })

  it('refuses an organisation as its own parent or below itself', async () => {
    const api = registryApi(t.app, admin)
    const top = await api.org('中共金汇测试委员会', 'committee', JINHUI)
    const mid = await api.org('中共金汇测试总支', 'general_branch', JINHUI, { parentId: top.id })
    const low = await api.org('中共金汇测试支部', 'branch', JINHUI, { parentId: mid.id })
    const put = (org: { id: number; version: number; name: string; type: string }, parentId: number) =>
      request(t.app, admin, 'PUT', `/api/party-orgs/${org.id}`, {
        name: org.name,
        type: org.type,
        areaCode: JINHUI,
        parentId,
        version: org.version,
      })
    expect((await put(top, top.id)).body.code).toBe('cyclic_parent')
    expect((await put(top, low.id)).body.code).toBe('cyclic_parent')
    const fresh = (await request(t.app, admin, 'GET', `/api/party-orgs/${top.id}`)).body
    expect(fresh).toMatchObject({ parentId: null, version: 1 })
  })
})

describe('optimistic locking and soft delete', () => {
  it('lets one of two saves of the same version through and answers the other 409', async () => {
    const b = await registryApi(t.app, admin).building(JINHUI, '金汇并发楼', 10)
    const save = (owner: string) =>
      request(t.app, admin, 'PUT', `/api/buildings/${b.id}`, {
        areaCode: JINHUI,
        name: b.name,
        address: b.address,
        floors: 10,
        owner,
        version: b.version,
      })
    const results = await Promise.all([save('甲置业'), save('乙置业')])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const loser = results.find((r) => r.status === 409)!
    expect(loser.body.message).toBe('该记录已被他人修改（当前版本 2），请刷新后再保存')
    const winner = results.find((r) => r.status === 200)!.body
    const now = (await request(t.app, admin, 'GET', `/api/buildings/${b.id}`)).body.building
    expect(now).toMatchObject({ owner: winner.owner, version: 2 })
    const history = (await request(t.app, admin, 'GET', `/api/buildings/${b.id}/history`)).body
    expect(history.map((h: { op: string; version: number }) => [h.op, h.version])).toEqual([
      ['update', 1],
      ['create', 1],
    ])
    expect(history[0]).toMatchObject({ username: 'admin', before: { owner: null, version: 1 } })
    const chief = await login(t.app, 'chief_demo')
    expect((await request(t.app, chief, 'GET', `/api/buildings/${b.id}/history`)).status).toBe(403)
  })

  it('deletes softly with the version, keeps the history, and the row disappears from lists', async () => {
    const api = registryApi(t.app, admin)
    const u = await api.unit(null, '待删除公司', { areaCode: JINHUI })
    const stale = await request(t.app, admin, 'DELETE', `/api/units/${u.id}?version=9`)
    expect(stale.status).toBe(409)
    const ok = await request(t.app, admin, 'DELETE', `/api/units/${u.id}?version=1`)
    expect(ok.status).toBe(200)
    expect((await request(t.app, admin, 'GET', `/api/units/${u.id}`)).status).toBe(404)
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
      (
        await request(
          t.app,
          admin,
          'POST',
          '/api/units',
          { uscc: u.uscc, name: '新公司', kind: 'private', areaCode: JINHUI },
          zhCN,
        )
      ).status,
    ).toBe(201)
  })
})

describe('search by Chinese, pinyin and initials', () => {
  it.each([['绿地翡翠'], ['lvdifeicui'], ['ldfcgjgc'], ['LDFC']])(
    'finds 绿地翡翠国际广场 by %s',
    async (q) => {
      const res = await request(t.app, admin, 'GET', `/api/buildings?q=${encodeURIComponent(q)}`)
      expect(res.body.items.map((b: { name: string }) => b.name)).toContain('绿地翡翠国际广场')
    },
  )
  it('finds a unit by its USCC', async () => {
    const u = await registryApi(t.app, admin).unit(null, '信用代码查找公司', { areaCode: JINHUI })
    const res = await request(t.app, admin, 'GET', `/api/units?q=${u.uscc.toLowerCase()}`)
    expect(res.body.items.map((x: { id: number }) => x.id)).toEqual([u.id])
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
    expect((await request(t.app, member, 'GET', '/api/buildings')).body.code).toBe('forbidden')
    expect((await request(t.app, member, 'GET', '/api/people')).status).toBe(403)
  })

  it('a street admin sees their street’s people masked in lists and in full one by one, audited', async () => {
    const list = (await request(t.app, fengpu, 'GET', '/api/people?area=310120002&members=true&limit=5')).body
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
    const one = (await request(t.app, fengpu, 'GET', `/api/people/${id}`)).body
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
    expect((await request(t.app, fengpu, 'GET', `/api/people/${nanqiao}`)).body.code).toBe('forbidden_scope')
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
    const list = (await request(t.app, chief, 'GET', '/api/buildings')).body.items
    expect(list.map((b: { name: string }) => b.name)).toEqual(['绿地翡翠国际广场'])
    expect((await request(t.app, chief, 'GET', `/api/buildings/${other.id}`)).status).toBe(403)
    const edit = await request(t.app, chief, 'PUT', `/api/buildings/${own.id}`, {
      areaCode: own.area_code,
      name: own.name,
      address: own.address,
      floors: own.floors,
      propertyCompany: '绿地物业',
      version: own.version,
    })
    expect(edit.status).toBe(200)
    // Someone with a phone and an ID number works in the chief's building, so the masking is always checked.
    const tenant = await registryApi(t.app, admin).unit(own.id, '翡翠楼内登记公司')
    const idNumber = idNumberWithCheck('31012019880808123')
    const created = await request(
      t.app,
      admin,
      'POST',
      '/api/people',
      {
        name: '楼内登记人',
        unitId: tenant.id,
        phone: '13987654321',
        idNumber,
      },
      zhCN,
    )
    expect(created.status, created.text).toBe(201)
    const people = (await request(t.app, chief, 'GET', `/api/people?unit=${tenant.id}`)).body.items
    expect(people.map((p: { id: number }) => p.id)).toEqual([created.body.id])
    const one = (await request(t.app, chief, 'GET', `/api/people/${created.body.id}`)).body
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
    const one = (await request(t.app, secretary, 'GET', `/api/people/${member}`)).body
    expect(one.phone).toMatch(/^139\d{8}$/)
    const elsewhere = await personIn('中共奉浦街道商务楼宇综合委员会')
    expect((await request(t.app, secretary, 'GET', `/api/people/${elsewhere}`)).status).toBe(403)
  })
})
