import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

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

async function get(s: Session, url: string): Promise<NeedPage> {
  const res = await t.app.inject({ url, headers: s.headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

async function walk(s: Session, url: string, limit: number) {
  const rows: Array<{ id: number }> = []
  let cursor: string | null = null
  do {
    const sep = url.includes('?') ? '&' : '?'
    const page = await get(s, `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
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
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: admin.headers,
    payload: {
      username: 'zhuanghang_needs_admin',
      displayName: '庄行需求管理员',
      password: 'zhuanghang-needs-secret-1',
      grants: [{ role: 'street_admin', scopeType: 'area', scopeId: ZHUANGHANG }],
    },
  })
  expect(made.statusCode, made.body).toBe(201)
  street = await login(t.app, 'zhuanghang_needs_admin', 'zhuanghang-needs-secret-1')
  // Five needs in 庄行: three for the elderly, two for legal help.
  for (const categoryCode of [
    'community.elderly',
    'community.elderly',
    'community.elderly',
    'community.legal',
    'community.legal',
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/needs',
      headers: member.headers,
      payload: { categoryCode, description: '庄行合计需求', areaCode: ZHUANGHANG },
    })
    expect(res.statusCode, res.body).toBe(201)
  }
}, 120_000)
afterAll(() => t.close())

describe('GET /api/needs: total of the needs in the caller’s areas under the filters', () => {
  it('a street admin counts their street’s needs, and a filter changes the count', async () => {
    const page = await get(street, '/api/needs?limit=2')
    expect(page.items).toHaveLength(2)
    expect(page.total).toBe(5)
    expect((await get(street, '/api/needs?limit=1&category=community.legal')).total).toBe(2)
    expect((await get(street, '/api/needs?limit=1&state=submitted')).total).toBe(5)
    expect((await get(street, '/api/needs?limit=1&state=closed')).total).toBe(0)
  })

  it('a city admin counts the city, or the street when narrowed to it', async () => {
    expect((await get(admin, `/api/needs?limit=1&area=${ZHUANGHANG}`)).total).toBe(5)
    expect((await get(admin, '/api/needs?limit=1')).total).toBeGreaterThan(5)
  })

  it('another street counts none of them, and may not ask for this street', async () => {
    const own = await walk(otherStreet, '/api/needs', 50)
    expect((await get(otherStreet, '/api/needs?limit=1')).total).toBe(own.length)
    const res = await t.app.inject({ url: `/api/needs?area=${ZHUANGHANG}`, headers: otherStreet.headers })
    expect(res.statusCode).toBe(403)
    expect(res.json()).not.toHaveProperty('total')
  })

  it('the total is the number of rows paging gives', async () => {
    const rows = await walk(street, '/api/needs?category=community.elderly', 2)
    expect(new Set(rows.map((r) => r.id)).size).toBe(3)
    expect(rows).toHaveLength((await get(street, '/api/needs?limit=1&category=community.elderly')).total)
  })
})

describe('GET /api/needs/mine: total of the caller’s own needs', () => {
  it('counts what the caller posted, and paging gives as many', async () => {
    const mine = await get(member, '/api/needs/mine?limit=1')
    expect(mine.total).toBeGreaterThanOrEqual(5)
    expect(await walk(member, '/api/needs/mine', 3)).toHaveLength(mine.total)
    expect((await get(street, '/api/needs/mine?limit=1')).total).toBe(0)
  })
})
