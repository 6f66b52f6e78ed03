import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

/**
 * The needs lists' `total`: the needs the caller may see under the filters, counted by the same WHERE as
 * the page. 庄行镇 has no demo needs, so every need counted here is posted here.
 */
const ZHUANGHANG = '310120104'

let t: TestApp
let admin: Session
let member: Session
let street: Session
let otherStreet: Session

type NeedPage = { items: Array<{ id: number }>; nextCursor: string | null; total: number }

async function walk(s: Session, url: string, limit: number) {
  const rows: Array<{ id: number }> = []
  let cursor: string | null = null
  do {
    const sep = url.includes('?') ? '&' : '?'
    const page: NeedPage = await client(t.app, s).read(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    )
    rows.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return rows
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  member = await login(t.app, 'member_demo')
  otherStreet = await login(t.app, 'nanqiao_admin')
  const made = await request(t.app, admin, 'POST', '/api/accounts', {
    username: 'zhuanghang_needs_admin',
    displayName: '庄行需求管理员',
    password: 'zhuanghang-needs-secret-1',
    grants: [{ role: 'street_admin', scopeType: 'area', scopeId: ZHUANGHANG }],
  })
  expect(made.status, made.text).toBe(201)
  street = await login(t.app, 'zhuanghang_needs_admin', 'zhuanghang-needs-secret-1')
  // Five needs in 庄行: three for the elderly, two for legal help.
  for (const categoryCode of [
    'community.elderly',
    'community.elderly',
    'community.elderly',
    'community.legal',
    'community.legal',
  ]) {
    const res = await request(t.app, member, 'POST', '/api/needs', {
      categoryCode,
      description: '庄行合计需求',
      areaCode: ZHUANGHANG,
    })
    expect(res.status, res.text).toBe(201)
  }
}, 120_000)
afterAll(() => t.close())

describe('GET /api/needs: total of the needs in the caller’s areas under the filters', () => {
  it('a street admin counts their street’s needs, and a filter changes the count', async () => {
    const page = await client(t.app, street).read<NeedPage>('/api/needs?limit=2')
    expect(page.items).toHaveLength(2)
    expect(page.total).toBe(5)
    expect(
      (await client(t.app, street).read<NeedPage>('/api/needs?limit=1&category=community.legal')).total,
    ).toBe(2)
    expect((await client(t.app, street).read<NeedPage>('/api/needs?limit=1&state=submitted')).total).toBe(5)
    expect((await client(t.app, street).read<NeedPage>('/api/needs?limit=1&state=closed')).total).toBe(0)
  })

  it('a city admin counts the city, or the street when narrowed to it', async () => {
    expect((await client(t.app, admin).read<NeedPage>(`/api/needs?limit=1&area=${ZHUANGHANG}`)).total).toBe(5)
    expect((await client(t.app, admin).read<NeedPage>('/api/needs?limit=1')).total).toBeGreaterThan(5)
  })

  it('another street counts none of them, and may not ask for this street', async () => {
    const own = await walk(otherStreet, '/api/needs', 50)
    expect((await client(t.app, otherStreet).read<NeedPage>('/api/needs?limit=1')).total).toBe(own.length)
    const res = await request(t.app, otherStreet, 'GET', `/api/needs?area=${ZHUANGHANG}`)
    expect(res.status).toBe(403)
    expect(res.body).not.toHaveProperty('total')
  })

  it('the total is the number of rows paging gives', async () => {
    const rows = await walk(street, '/api/needs?category=community.elderly', 2)
    expect(new Set(rows.map((r) => r.id)).size).toBe(3)
    expect(rows).toHaveLength(
      (await client(t.app, street).read<NeedPage>('/api/needs?limit=1&category=community.elderly')).total,
    )
  })
})

describe('GET /api/needs/mine: total of the caller’s own needs', () => {
  it('counts what the caller posted, and paging gives as many', async () => {
    const mine = await client(t.app, member).read<NeedPage>('/api/needs/mine?limit=1')
    expect(mine.total).toBeGreaterThanOrEqual(5)
    expect(await walk(member, '/api/needs/mine', 3)).toHaveLength(mine.total)
    expect((await client(t.app, street).read<NeedPage>('/api/needs/mine?limit=1')).total).toBe(0)
  })
})
