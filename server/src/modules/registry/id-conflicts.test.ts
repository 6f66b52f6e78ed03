import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { idNumberWithCheck } from '../../lib/ids.ts'
import { kindBook, upload } from '../imports/test-kit.ts'
import { ID_CONFLICTS_PER_HOUR } from './id-conflicts.ts'

/**
 * Who may enter ID numbers, and what an ID number already registered elsewhere tells. A building chief holds
 * no person.pii: they never send an ID number (nor a stored birth date), and their edits keep what they
 * cannot see. A secretary or a street admin may, but a number held by someone outside their scope is
 * answered without naming that person, audited, and limited per account per hour.
 */
let t: TestApp
let admin: Session
let chief: Session
let secretary: Session
let fengpu: Session
let chiefUnit: number
let fengpuUnit: number
let committee: number
const FENGPU_ORG = '中共奉浦街道商务楼宇综合委员会'

let seq = 0
/** A valid number no one holds yet. */
const freshId = (birth = '19900101') => idNumberWithCheck(`310120${birth}${String(++seq).padStart(3, '0')}`)

const asAdmin = async (id: number) => (await request(t.app, admin, 'GET', `/api/people/${id}`)).body
const create = async (payload: object) => {
  const res = await request(t.app, admin, 'POST', '/api/people', payload)
  expect(res.status, res.text).toBe(201)
  return res.body as { id: number; version: number; idNumber: string }
}
const conflicts = (username: string) =>
  t.ctx.db
    .selectFrom('audit_log')
    .select(['entity_ids', 'detail'])
    .where('action', '=', 'person.id_conflict')
    .where('username', '=', username)
    .orderBy('id')
    .execute()
const peopleNamed = async (name: string) =>
  (await t.ctx.db.selectFrom('person').select('id').where('name', '=', name).execute()).length

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  chief = await login(t.app, 'chief_demo')
  secretary = await login(t.app, 'secretary_demo')
  fengpu = await login(t.app, 'fengpu_admin')
  const unitIn = async (building: string) =>
    (
      await t.ctx.db
        .selectFrom('unit')
        .innerJoin('building', 'building.id', 'unit.building_id')
        .select('unit.id')
        .where('building.name', '=', building)
        .orderBy('unit.id')
        .executeTakeFirstOrThrow()
    ).id
  chiefUnit = await unitIn('绿地翡翠国际广场')
  fengpuUnit = await unitIn('奉浦大厦')
  committee = (
    await t.ctx.db
      .selectFrom('party_org')
      .select('id')
      .where('name', '=', '中共上海市工业综合开发区委员会')
      .executeTakeFirstOrThrow()
  ).id
})
afterAll(() => t.close())

describe('a caller without person.pii (building chief)', () => {
  it('cannot register an ID number; a person without one is registered, shown with the birth year', async () => {
    const withId = await request(t.app, chief, 'POST', '/api/people', {
      name: '楼长登记甲',
      idNumber: freshId(),
      unitId: chiefUnit,
    })
    expect(withId.status).toBe(403)
    expect(withId.body).toMatchObject({ code: 'person_pii_required' })
    expect(withId.body.message).toContain('身份证号码')
    expect(await peopleNamed('楼长登记甲')).toBe(0)
    const en = await request(
      t.app,
      chief,
      'POST',
      '/api/people',
      { name: '楼长登记甲', idNumber: freshId(), unitId: chiefUnit },
      { lang: 'en-US' },
    )
    expect(en.body.message).toContain('ID number')

    const ok = await request(t.app, chief, 'POST', '/api/people', {
      name: '楼长登记乙',
      birthDate: '1992-04-05',
      phone: '13911112222',
      unitId: chiefUnit,
    })
    expect(ok.status, ok.text).toBe(201)
    expect(ok.body).toMatchObject({ masked: true, birthDate: null, birthYear: 1992, phone: '139****2222' })
  })

  it('edits a person without sending what it cannot see, which is kept; an ID number or birth date is refused', async () => {
    const idNumber = freshId('19850707')
    const p = await create({ name: '楼内甲', idNumber, phone: '13933334444', unitId: chiefUnit })
    const seen = (await request(t.app, chief, 'GET', `/api/people/${p.id}`)).body
    expect(seen).toMatchObject({
      masked: true,
      birthDate: null,
      birthYear: 1985,
      idNumber: `****************${idNumber.slice(-2)}`,
    })

    const saved = await request(t.app, chief, 'PUT', `/api/people/${p.id}`, {
      name: '楼内甲',
      education: '硕士',
      unitId: chiefUnit,
      version: seen.version,
    })
    expect(saved.status, saved.text).toBe(200)
    expect(await asAdmin(p.id)).toMatchObject({
      education: '硕士',
      idNumber,
      phone: '13933334444',
      birthDate: '1985-07-07',
      gender: 'male',
    })

    // Each would confirm or refute a guess: the number against the twin check, the date against the number.
    for (const [field, value] of [
      ['idNumber', idNumber],
      ['idNumber', freshId()],
      ['idNumber', null],
      ['birthDate', '1985-07-07'],
      ['birthDate', '1985-07-08'],
    ] as const) {
      const res = await request(t.app, chief, 'PUT', `/api/people/${p.id}`, {
        name: '楼内甲',
        unitId: chiefUnit,
        [field]: value,
        version: seen.version + 1,
      })
      expect(res.status, `${field}=${value}`).toBe(403)
      expect(res.body.code).toBe('person_pii_required')
    }
    expect((await asAdmin(p.id)).version).toBe(seen.version + 1)

    // A new phone is theirs to give (no check against the stored one).
    const phone = await request(t.app, chief, 'PUT', `/api/people/${p.id}`, {
      name: '楼内甲',
      phone: '13955556666',
      unitId: chiefUnit,
      version: seen.version + 1,
    })
    expect(phone.status, phone.text).toBe(200)
    expect(await asAdmin(p.id)).toMatchObject({ phone: '13955556666', idNumber, birthDate: '1985-07-07' })
  })
})

describe('a caller with person.pii', () => {
  it('is told plainly of a duplicate it may see, and of one outside its scope without naming it, audited', async () => {
    const mine = await create({
      name: '本委党员',
      idNumber: freshId(),
      membership: { partyOrgId: committee, status: 'formal' },
    })
    const own = await request(t.app, secretary, 'POST', '/api/people', {
      name: '重复登记',
      idNumber: mine.idNumber,
      membership: { partyOrgId: committee, status: 'formal' },
    })
    expect(own.status).toBe(409)
    expect(own.body.code).toBe('already_exists')
    expect(await conflicts('secretary_demo')).toEqual([])

    const outside = await create({ name: '奉浦某人', idNumber: freshId(), unitId: fengpuUnit })
    const res = await request(t.app, secretary, 'POST', '/api/people', {
      name: '重复登记',
      idNumber: outside.idNumber,
      membership: { partyOrgId: committee, status: 'formal' },
    })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('id_number_registered_elsewhere')
    expect(res.text).not.toContain('奉浦某人')
    expect(res.text).not.toContain(String(outside.id))
    expect(await conflicts('secretary_demo')).toEqual([
      { entity_ids: [String(outside.id)], detail: { via: 'create' } },
    ])
    // The same through an update of their own member.
    const put = await request(t.app, secretary, 'PUT', `/api/people/${mine.id}`, {
      name: '本委党员',
      idNumber: outside.idNumber,
      membership: { partyOrgId: committee, status: 'formal' },
      version: mine.version,
    })
    expect(put.body.code).toBe('id_number_registered_elsewhere')
    expect((await conflicts('secretary_demo')).at(-1)).toEqual({
      entity_ids: [String(outside.id)],
      detail: { via: 'update' },
    })
    expect(await asAdmin(mine.id)).toMatchObject({ idNumber: mine.idNumber, version: mine.version })
  })

  it(`gets at most ${ID_CONFLICTS_PER_HOUR} such answers an hour, then every ID number is refused alike`, async () => {
    const placed = { membership: { partyOrgId: committee, status: 'formal' } }
    while ((await conflicts('secretary_demo')).length < ID_CONFLICTS_PER_HOUR) {
      const other = await create({ name: '他处人员', idNumber: freshId(), unitId: fengpuUnit })
      const res = await request(t.app, secretary, 'POST', '/api/people', {
        name: '探测',
        idNumber: other.idNumber,
        ...placed,
      })
      expect(res.body.code).toBe('id_number_registered_elsewhere')
    }
    const taken = await create({ name: '他处人员', idNumber: freshId(), unitId: fengpuUnit })
    const registered = await request(t.app, secretary, 'POST', '/api/people', {
      name: '探测',
      idNumber: taken.idNumber,
      ...placed,
    })
    const unregistered = await request(t.app, secretary, 'POST', '/api/people', {
      name: '探测',
      idNumber: freshId(),
      ...placed,
    })
    for (const res of [registered, unregistered]) {
      expect(res.status).toBe(429)
      expect(res.body.code).toBe('id_checks_limited')
    }
    expect(unregistered.body).toEqual(registered.body)
    expect((await conflicts('secretary_demo')).length).toBe(ID_CONFLICTS_PER_HOUR)
    // Work without a new ID number goes on.
    expect(
      (await request(t.app, secretary, 'POST', '/api/people', { name: '无证件党员', ...placed })).status,
    ).toBe(201)

    // An hour later the account may enter numbers again.
    await sql`UPDATE audit_log SET at = at - interval '61 minutes'
               WHERE action = 'person.id_conflict' AND username = 'secretary_demo'`.execute(t.ctx.db)
    const later = await request(t.app, secretary, 'POST', '/api/people', {
      name: '新党员',
      idNumber: freshId(),
      ...placed,
    })
    expect(later.status, later.text).toBe(201)
  })

  it('the members import says so per row without naming anyone, audits it, and stops past the limit', async () => {
    const elsewhere = await create({ name: '南桥某人', idNumber: freshId(), unitId: chiefUnit })
    const row = (idNumber: string) => ({ name: '导入探测', idNumber, org: FENGPU_ORG, status: '正式党员' })
    const job = (
      await upload(t, fengpu, 'members', await kindBook('members', [row(elsewhere.idNumber), row(freshId())]))
    ).json()
    expect(job.errors).toEqual([
      {
        row: 2,
        column: '身份证号码',
        reason: '该身份证号码已在您的管理范围之外登记，不能在此登记；如需调整请联系上级管理员',
      },
    ])
    expect(JSON.stringify(job)).not.toContain('南桥某人')
    expect(await conflicts('fengpu_admin')).toEqual([
      { entity_ids: [String(elsewhere.id)], detail: { via: 'import.dry_run' } },
    ])

    // A file hitting more numbers than the hour allows gets no per-row answer at all, and no job.
    const jobs = async () => (await t.ctx.db.selectFrom('import_job').select('id').execute()).length
    const before = await jobs()
    const hits = []
    for (let i = 0; i < ID_CONFLICTS_PER_HOUR; i++)
      hits.push((await create({ name: '南桥某人', idNumber: freshId(), unitId: chiefUnit })).idNumber)
    const many = await upload(t, fengpu, 'members', await kindBook('members', hits.map(row)))
    expect(many.statusCode).toBe(429)
    expect(many.json().code).toBe('id_checks_limited')
    const clean = await upload(t, fengpu, 'members', await kindBook('members', [row(freshId())]))
    expect(clean.statusCode).toBe(429)
    expect(await jobs()).toBe(before)
  })
})
