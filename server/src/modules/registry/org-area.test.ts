import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { kindBook, upload } from '../imports/test-kit.ts'

/**
 * A party organisation's area decides in which street its unit-less members (and it) are counted. Saving
 * one was checked against its parent only, so a 南桥 secretary could move their branch to 虹梅路 (徐汇) and
 * it was counted there. The target area must be the caller's on create and on every area change.
 */
const NANQIAO = '310120101'
const HONGMEI = '310104012'
let t: TestApp
let admin: Session
let secretary: Session
let nanqiao: Session
let committee: number
let branch: Record<string, unknown> & { id: number; version: number }
let nanqiaoCommunity: string

const orgBody = (o: Record<string, unknown>) => ({
  name: o.name,
  type: o.type,
  parentId: o.parentId,
  areaCode: o.areaCode,
  establishedOn: o.establishedOn,
  secretaryPersonId: (o.secretary as { id: number } | null)?.id ?? null,
  hasCommittee: o.hasCommittee,
  version: o.version,
})
const readOrg = async (id: number) => (await request(t.app, admin, 'GET', `/api/party-orgs/${id}`)).body
const figures = async (area: string) =>
  (await request(t.app, admin, 'GET', `/api/coverage?area=${area}`)).body
const named = async (name: string) =>
  (await t.ctx.db.selectFrom('party_org').select('id').where('name', '=', name).execute()).length

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  secretary = await login(t.app, 'secretary_demo')
  nanqiao = await login(t.app, 'nanqiao_admin')
  const id = async (name: string) =>
    (await t.ctx.db.selectFrom('party_org').select('id').where('name', '=', name).executeTakeFirstOrThrow())
      .id
  committee = await id('中共上海市工业综合开发区委员会')
  const branchId = await id('中共凤创谷第一联合支部委员会')
  nanqiaoCommunity = (
    await t.ctx.db
      .selectFrom('area')
      .select('code')
      .where('parent_code', '=', NANQIAO)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code
  // A member without a unit is counted where their organisation is: the move would show in the figures.
  const member = await request(t.app, admin, 'POST', '/api/people', {
    name: '无单位党员',
    membership: { partyOrgId: branchId, status: 'formal' },
  })
  expect(member.status, member.text).toBe(201)
  branch = await readOrg(branchId)
})
afterAll(() => t.close())

describe.each([
  ['secretary_demo', () => secretary],
  ['nanqiao_admin', () => nanqiao],
])('%s and the area of a party organisation', (_name, session) => {
  it('cannot create one in another street, even below an organisation of theirs', async () => {
    const before = await figures(HONGMEI)
    const res = await request(t.app, session(), 'POST', '/api/party-orgs', {
      name: `中共越界新设支部${_name}`,
      type: 'branch',
      areaCode: HONGMEI,
      parentId: committee,
    })
    expect(res.status, res.text).toBe(403)
    expect(res.body).toMatchObject({ code: 'org_area_out_of_scope' })
    expect(res.body.message).toContain('虹梅路街道')
    expect(await named(`中共越界新设支部${_name}`)).toBe(0)
    expect(await figures(HONGMEI)).toEqual(before)
  })

  it('cannot move one into another street; nothing changes and the other street counts nothing more', async () => {
    const hongmei = await figures(HONGMEI)
    const home = await figures(NANQIAO)
    const res = await request(t.app, session(), 'PUT', `/api/party-orgs/${branch.id}`, {
      ...orgBody(branch),
      areaCode: HONGMEI,
    })
    expect((await figures(HONGMEI)).members).toBe(hongmei.members)
    expect(await figures(HONGMEI)).toEqual(hongmei)
    expect(await figures(NANQIAO)).toEqual(home)
    expect(res.status, res.text).toBe(403)
    expect(res.body.code).toBe('org_area_out_of_scope')
    expect(await readOrg(branch.id)).toEqual(branch)
  })

  it('may still create one in their own street or a community of it', async () => {
    const res = await request(t.app, session(), 'POST', '/api/party-orgs', {
      name: `中共本镇新设支部${_name}`,
      type: 'branch',
      areaCode: nanqiaoCommunity,
      parentId: committee,
    })
    expect(res.status, res.text).toBe(201)
    const moved = await request(t.app, session(), 'PUT', `/api/party-orgs/${res.body.id}`, {
      ...orgBody(res.body),
      areaCode: NANQIAO,
    })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.body.areaCode).toBe(NANQIAO)
  })
})

it('the party-organisation import holds a street office to its street for new and moved organisations', async () => {
  const row = (name: string, areaCode: string) => ({
    name,
    type: '党支部',
    parent: '中共上海市工业综合开发区委员会',
    areaCode,
  })
  const job = (
    await upload(
      t,
      nanqiao,
      'party_orgs',
      await kindBook('party_orgs', [row('中共导入越界支部', HONGMEI), row(String(branch.name), HONGMEI)]),
    )
  ).json()
  expect(job.status).toBe('rejected')
  expect(job.errors).toEqual([
    { row: 2, column: '', reason: '不在您的管理范围内' },
    { row: 3, column: '', reason: '不在您的管理范围内' },
  ])
})
