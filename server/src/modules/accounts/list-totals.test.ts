import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

/**
 * The accounts and invitations lists' `total`: the rows the caller may see under the filters, counted by the
 * same WHERE as the page. 庄行镇 has no demo accounts, so every row counted here is made here.
 */
const ZHUANGHANG = '310120104'

let t: TestApp
let admin: Session
let street: Session
let chief: Session
let otherStreet: Session
let building: number

type AnyPage = { items: Array<{ id: number }>; nextCursor: string | null; total: number }

async function walk(s: Session, url: string, limit: number) {
  const rows: Array<{ id: number }> = []
  let cursor: string | null = null
  do {
    const sep = url.includes('?') ? '&' : '?'
    const page: AnyPage = await client(t.app, s).read(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    )
    rows.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return rows
}

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

const invite = async (s: Session, body: object) => {
  const res = await request(t.app, s, 'POST', '/api/invitations', { maxUses: 1, expiresInDays: 7, ...body })
  expect(res.status, res.text).toBe(201)
  return res.body as { id: number; version: number }
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  otherStreet = await login(t.app, 'nanqiao_admin')
  building = (await registryApi(t.app, admin).building(ZHUANGHANG, '庄行合计账号楼', 10)).id
  street = await account('zhuanghang_acct_admin', {
    role: 'street_admin',
    scopeType: 'area',
    scopeId: ZHUANGHANG,
  })
  await account('zhuanghang_acct_two', { role: 'street_admin', scopeType: 'area', scopeId: ZHUANGHANG })
  chief = await account('zhuanghang_acct_chief', {
    role: 'building_chief',
    scopeType: 'building',
    scopeId: String(building),
  })
  // Invitations in 庄行: two by the street admin (one revoked), two by the chief.
  await invite(street, { role: 'building_chief', scopeType: 'building', scopeId: String(building) })
  const revoked = await invite(street, { role: 'member', scopeType: 'building', scopeId: String(building) })
  const res = await request(t.app, street, 'POST', `/api/invitations/${revoked.id}/revoke`, {
    version: revoked.version,
  })
  expect(res.status, res.text).toBe(200)
  for (let i = 0; i < 2; i++)
    await invite(chief, { role: 'member', scopeType: 'building', scopeId: String(building) })
}, 120_000)
afterAll(() => t.close())

describe('GET /api/accounts: total of the accounts in the caller’s areas', () => {
  it('a street admin counts their street’s accounts, and a search changes the count', async () => {
    const page = await client(t.app, street).read<AnyPage>('/api/accounts?limit=1')
    expect(page.items).toHaveLength(1)
    expect(page.total).toBe(3)
    expect((await client(t.app, street).read<AnyPage>('/api/accounts?limit=1&q=acct_chief')).total).toBe(1)
    expect(await walk(street, '/api/accounts', 2)).toHaveLength(3)
  })

  it('a city admin counts the street when narrowed to it, and more without', async () => {
    expect((await client(t.app, admin).read<AnyPage>(`/api/accounts?limit=1&area=${ZHUANGHANG}`)).total).toBe(
      3,
    )
    const all = await client(t.app, admin).read<AnyPage>('/api/accounts?limit=1')
    expect(all.total).toBeGreaterThan(3)
    expect(await walk(admin, '/api/accounts', 50)).toHaveLength(all.total)
  })

  it('another street counts none of them and may not ask for this street', async () => {
    expect(
      (await client(t.app, otherStreet).read<AnyPage>('/api/accounts?limit=1&q=zhuanghang_acct')).total,
    ).toBe(0)
    const res = await request(t.app, otherStreet, 'GET', `/api/accounts?area=${ZHUANGHANG}`)
    expect(res.status).toBe(403)
  })
})

describe('GET /api/invitations: total of the invitations the caller sees', () => {
  it('a street admin counts the street’s invitations, and a status filter changes the count', async () => {
    const page = await client(t.app, street).read<AnyPage>('/api/invitations?limit=1')
    expect(page.total).toBe(4)
    expect((await client(t.app, street).read<AnyPage>('/api/invitations?limit=1&status=active')).total).toBe(
      3,
    )
    expect((await client(t.app, street).read<AnyPage>('/api/invitations?limit=1&status=revoked')).total).toBe(
      1,
    )
    expect(await walk(street, '/api/invitations', 3)).toHaveLength(4)
  })

  it('a building chief counts only their own', async () => {
    expect((await client(t.app, chief).read<AnyPage>('/api/invitations?limit=1')).total).toBe(2)
    expect(await walk(chief, '/api/invitations', 1)).toHaveLength(2)
  })

  it('another street counts none of them', async () => {
    const theirs = await walk(otherStreet, '/api/invitations', 50)
    expect((await client(t.app, otherStreet).read<AnyPage>('/api/invitations?limit=1')).total).toBe(
      theirs.length,
    )
    const ours = new Set((await walk(street, '/api/invitations', 50)).map((i) => i.id))
    expect(theirs.filter((i) => ours.has(i.id))).toEqual([])
  })
})
