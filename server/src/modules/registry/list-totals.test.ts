import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

/**
 * The registry lists' `total` and `sort`: the total counts the caller's visible rows under the filters (not
 * the page), and walking every page under a sort returns each row once, in the sort's order. 庄行镇 has no
 * demo data, so every row counted here is made here.
 */
const ZHUANGHANG = '310120104'

let t: TestApp
let admin: Session
let street: Session
let secretary: Session
let otherStreet: Session
const ids: Record<string, number> = {}

async function account(username: string, grant: { role: string; scopeType: string; scopeId: string }) {
  const res = await request(t.app, admin, 'POST', '/api/accounts', {
    username,
    displayName: username,
    password: `${username}-secret-1`,
    grants: [grant],
  })
  expect(res.status, res.text).toBe(201)
  return login(t.app, username, `${username}-secret-1`)
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  const api = registryApi(t.app, admin)
  ids.b1 = (await api.building(ZHUANGHANG, '庄行合计一号楼', 10)).id
  ids.b2 = (await api.building(ZHUANGHANG, '庄行合计二号楼', 7)).id
  ids.b3 = (await api.building(ZHUANGHANG, '庄行合计三号楼', 12)).id
  for (let i = 0; i < 7; i++)
    ids[`u${i}`] = (
      await api.unit(i < 4 ? ids.b1 : ids.b2, `庄行合计${'甲乙丙丁戊己庚'[i]}有限公司`, {
        kind: i % 2 ? 'foreign' : 'private',
        employees: [30, 5, 30, 120, 8, 30, 60][i],
      })
    ).id
  ids.committee = (await api.org('中共庄行合计综合委员会', 'committee', ZHUANGHANG)).id
  ids.branch = (
    await api.org('中共庄行合计甲支部', 'branch', ZHUANGHANG, {
      parentId: ids.committee,
      coversUnitIds: [ids.u0!, ids.u1!],
    })
  ).id
  ids.other = (await api.org('中共庄行合计另一支部', 'branch', ZHUANGHANG, { coversUnitIds: [ids.u6!] })).id
  // People: three members of the branch, one of the other branch, one person who is not a member.
  for (const u of [ids.u0, ids.u1, ids.u1]) await api.member(u, ids.branch, { status: 'formal' })
  await api.member(ids.u6, ids.other, { status: 'probationary' })
  const plain = await request(t.app, admin, 'POST', '/api/people', { name: '庄行合计群众', unitId: ids.u0 })
  expect(plain.status, plain.text).toBe(201)
  street = await account('zhuanghang_totals_admin', {
    role: 'street_admin',
    scopeType: 'area',
    scopeId: ZHUANGHANG,
  })
  secretary = await account('zhuanghang_totals_sec', {
    role: 'secretary',
    scopeType: 'party_org',
    scopeId: String(ids.branch),
  })
  otherStreet = await login(t.app, 'nanqiao_admin')
}, 120_000)
afterAll(() => t.close())

type Page = {
  items: Array<Record<string, unknown> & { id: number }>
  nextCursor: string | null
  total: number
}

describe('total: the caller’s visible rows under the filters, not the page', () => {
  it('a street admin counts their street’s units, and a filter changes the count', async () => {
    const page = await client(t.app, street).read<Page>('/api/units?limit=2')
    expect(page.items).toHaveLength(2)
    expect(page.total).toBe(7)
    expect((await client(t.app, street).read<Page>('/api/units?limit=2&kind=foreign')).total).toBe(3)
    expect((await client(t.app, street).read<Page>(`/api/units?building=${ids.b2}`)).total).toBe(3)
    expect((await client(t.app, street).read<Page>('/api/units?q=庄行合计甲')).total).toBe(1)
  })

  it('a city admin narrowed to the street sees the same count as the street admin', async () => {
    expect((await client(t.app, admin).read<Page>(`/api/units?area=${ZHUANGHANG}&limit=1`)).total).toBe(7)
    expect((await client(t.app, admin).read<Page>(`/api/buildings?area=${ZHUANGHANG}&limit=1`)).total).toBe(3)
    expect((await client(t.app, admin).read<Page>(`/api/party-orgs?area=${ZHUANGHANG}&limit=1`)).total).toBe(
      3,
    )
    // The whole city is more than one street.
    expect((await client(t.app, admin).read<Page>('/api/units?limit=1')).total).toBeGreaterThan(7)
  })

  it('a branch secretary counts only the units, buildings and organisations they may see', async () => {
    const units = await client(t.app, secretary).read<Page>('/api/units?limit=1')
    expect(units.total).toBe(2)
    const all = await client(t.app, secretary).read<Page>('/api/units?limit=200')
    expect(all.items.map((u) => u.id).sort()).toEqual([ids.u0, ids.u1].sort())
    expect((await client(t.app, secretary).read<Page>('/api/buildings')).total).toBe(
      (await client(t.app, secretary).read<Page>('/api/buildings')).items.length,
    )
    expect((await client(t.app, secretary).read<Page>('/api/party-orgs')).total).toBe(
      (await client(t.app, secretary).read<Page>('/api/party-orgs')).items.length,
    )
  })

  it('a caller out of scope counts none of these rows', async () => {
    const narrowed = await client(t.app, otherStreet).read<Page>('/api/units?limit=1&q=庄行合计')
    expect(narrowed.total).toBe(0)
    expect((await client(t.app, otherStreet).read<Page>('/api/buildings?limit=1&q=庄行合计')).total).toBe(0)
    expect((await client(t.app, otherStreet).read<Page>('/api/party-orgs?limit=1&q=庄行合计')).total).toBe(0)
  })
})

describe('people: total counts the people the caller may see', () => {
  it('a street admin counts the street’s people; members, org and q filters change the count', async () => {
    const page = await client(t.app, street).read<Page>('/api/people?limit=2')
    expect(page.items).toHaveLength(2)
    expect(page.total).toBe(5)
    expect((await client(t.app, street).read<Page>('/api/people?limit=1&members=true')).total).toBe(4)
    expect((await client(t.app, street).read<Page>(`/api/people?limit=1&org=${ids.branch}`)).total).toBe(3)
    expect((await client(t.app, street).read<Page>(`/api/people?limit=1&unit=${ids.u1}`)).total).toBe(2)
    expect((await client(t.app, street).read<Page>('/api/people?limit=1&q=庄行合计群众')).total).toBe(1)
    expect((await client(t.app, admin).read<Page>(`/api/people?limit=1&area=${ZHUANGHANG}`)).total).toBe(5)
  })

  it('a branch secretary counts the branch’s members only', async () => {
    expect((await client(t.app, secretary).read<Page>('/api/people?limit=1')).total).toBe(3)
    const rows = await walk(secretary, '/api/people?members=true', 2)
    expect(rows).toHaveLength(3)
  })

  it('another street counts none of them', async () => {
    expect(
      (await client(t.app, otherStreet).read<Page>(`/api/people?limit=1&area=${ZHUANGHANG}`)).total,
    ).toBe(0)
    expect((await client(t.app, otherStreet).read<Page>(`/api/people?limit=1&org=${ids.branch}`)).total).toBe(
      0,
    )
  })

  it('the total is the number of rows paging gives', async () => {
    const url = `/api/people?area=${ZHUANGHANG}`
    const rows = await walk(street, url, 2)
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    expect(rows.length).toBe((await client(t.app, street).read<Page>(`${url}&limit=1`)).total)
  })
})

async function walk(s: Session, url: string, limit: number) {
  const rows: Array<Record<string, unknown> & { id: number }> = []
  let cursor: string | null = null
  do {
    const page: Page = await client(t.app, s).read(
      `${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    )
    rows.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return rows
}

describe('sort: whitelisted keys, keyset pages in order', () => {
  it.each([
    ['/api/units', 'name'],
    ['/api/units', '-name'],
    ['/api/units', 'employees'],
    ['/api/units', '-employees'],
    ['/api/units', 'floor'],
    ['/api/units', '-members'],
    ['/api/buildings', 'name'],
    ['/api/buildings', '-floors'],
    ['/api/buildings', 'units'],
    ['/api/party-orgs', 'name'],
    ['/api/party-orgs', '-members'],
  ])('%s?sort=%s walks every row once, in the order of one big page', async (path, sort) => {
    const url = `${path}?area=${ZHUANGHANG}&sort=${sort}`
    const whole = await client(t.app, admin).read<Page>(`${url}&limit=200`)
    expect(whole.nextCursor).toBeNull()
    const walked = await walk(admin, url, 2)
    expect(walked.map((r) => r.id)).toEqual(whole.items.map((r) => r.id))
    expect(new Set(walked.map((r) => r.id)).size).toBe(whole.total)
  })

  it('orders by the key, ties by id', async () => {
    const rows = await walk(admin, `/api/units?area=${ZHUANGHANG}&sort=-employees`, 3)
    expect(rows.map((r) => r.employees)).toEqual([120, 60, 30, 30, 30, 8, 5])
    const tied = rows.filter((r) => r.employees === 30).map((r) => r.id)
    expect(tied).toEqual([...tied].sort((a, b) => a - b))
    const floors = await walk(admin, `/api/buildings?area=${ZHUANGHANG}&sort=-floors`, 1)
    expect(floors.map((r) => r.floors)).toEqual([12, 10, 7])
  })

  it.each([
    '/api/units?sort=uscc',
    '/api/units?sort=name;drop',
    '/api/buildings?sort=--name',
    '/api/party-orgs?sort=secretary',
  ])('%s is refused with invalid_sort', async (url) => {
    const res = await request(t.app, admin, 'GET', url)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('invalid_sort')
  })

  it('a cursor from another sort is refused', async () => {
    const page = await client(t.app, admin).read<Page>(`/api/units?area=${ZHUANGHANG}&sort=name&limit=1`)
    const res = await request(
      t.app,
      admin,
      'GET',
      `/api/units?area=${ZHUANGHANG}&sort=-employees&limit=1&cursor=${page.nextCursor}`,
    )
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('invalid_cursor')
  })
})
