import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

/**
 * Every read of people leaves one audit row: who (account), what (action), which rows (the ids returned,
 * no more), when, and from where (the caller's address and the request id).
 */
let t: TestApp
let admin: Session
let chief: Session // building_chief: reads people, but masked
let chiefAccount: number
let chiefBuilding: number

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  chief = await login(t.app, 'chief_demo')
  chiefAccount = (
    await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'chief_demo')
      .executeTakeFirstOrThrow()
  ).id
  // The building chief_demo holds (db/demo/accounts.ts).
  chiefBuilding = (
    await t.ctx.db
      .selectFrom('building')
      .select('id')
      .where('name', '=', '绿地翡翠国际广场')
      .executeTakeFirstOrThrow()
  ).id
})
afterAll(() => t.close())

let seq = 0
/** A GET from a given address with a request id of its own, so its audit rows can be picked out. */
async function read(url: string, s: Session, ip: string) {
  const requestId = `audit-test-${++seq}`
  const res = await t.app.inject({
    url,
    headers: { ...s.headers, 'x-request-id': requestId },
    remoteAddress: ip,
  })
  const rows = await t.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
  return { res, rows, requestId }
}

describe('people list', () => {
  it('writes one person.list row with exactly the returned ids, the account, the address and the time', async () => {
    const before = Date.now()
    const first = await read('/api/people?limit=5', chief, '10.20.30.41')
    expect(first.res.statusCode, first.res.body).toBe(200)
    const page = first.res.json() as {
      items: Array<{ id: number; phone: string | null }>
      nextCursor: string | null
    }
    expect(page.items).toHaveLength(5)
    expect(page.nextCursor).not.toBeNull() // the caller's scope holds more people than this page
    expect(page.items.some((p) => p.phone?.includes('*'))).toBe(true)
    expect(first.rows).toHaveLength(1)
    const row = first.rows[0]!
    expect(row).toMatchObject({
      action: 'person.list',
      entity: 'person',
      entity_ids: page.items.map((p) => String(p.id)),
      account_id: chiefAccount,
      username: 'chief_demo',
      ip: '10.20.30.41',
    })
    expect(row.at.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(row.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000)

    // The next page is its own read, of its own rows.
    const second = await read(`/api/people?limit=5&cursor=${page.nextCursor}`, chief, '10.20.30.42')
    const next = (second.res.json() as { items: Array<{ id: number }> }).items.map((p) => String(p.id))
    expect(next.length).toBeGreaterThan(0)
    expect(second.rows).toHaveLength(1)
    expect(second.rows[0]).toMatchObject({ action: 'person.list', entity_ids: next, ip: '10.20.30.42' })
    expect(next.some((id) => row.entity_ids.includes(id))).toBe(false)
  })

  it('records a search that finds nobody, with its query', async () => {
    const r = await read('/api/people?q=%E6%97%A0%E6%AD%A4%E4%BA%BA%E5%91%98', chief, '10.20.30.43')
    expect(r.res.json()).toMatchObject({ items: [] })
    expect(r.rows).toHaveLength(1)
    expect(r.rows[0]).toMatchObject({ action: 'person.list', entity_ids: [], detail: { q: '无此人员' } })
  })

  it('writes nothing when the read is refused', async () => {
    const member = await login(t.app, 'member_demo')
    const r = await read('/api/people', member, '10.20.30.44')
    expect(r.res.statusCode).toBe(403)
    expect(r.rows).toHaveLength(0)
  })
})

describe('person detail', () => {
  it('a masked read writes one person.read row for that person', async () => {
    const list = await read('/api/people?limit=1', chief, '10.20.30.50')
    const id = (list.res.json() as { items: Array<{ id: number }> }).items[0]!.id
    const r = await read(`/api/people/${id}`, chief, '10.20.30.51')
    expect(r.res.statusCode).toBe(200)
    expect(r.res.json().phone).toContain('*')
    expect(r.rows).toHaveLength(1)
    expect(r.rows[0]).toMatchObject({
      action: 'person.read',
      entity: 'person',
      entity_ids: [String(id)],
      account_id: chiefAccount,
      ip: '10.20.30.51',
    })
  })

  it('an unmasked read keeps its single pii.read row', async () => {
    const person = await t.ctx.db
      .selectFrom('person')
      .select('id')
      .where('phone', 'is not', null)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const r = await read(`/api/people/${person.id}`, admin, '10.20.30.52')
    expect(r.res.statusCode).toBe(200)
    expect(r.res.json().phone).not.toContain('*')
    expect(r.rows).toHaveLength(1)
    expect(r.rows[0]).toMatchObject({
      action: 'pii.read',
      entity_ids: [String(person.id)],
      username: 'admin',
      ip: '10.20.30.52',
    })
  })
})

describe('coverage drill-down', () => {
  it('listing members by name is audited with the people listed; listing buildings is not', async () => {
    const members = await read(
      `/api/coverage/rows?building=${chiefBuilding}&figure=members&limit=3`,
      chief,
      '10.20.30.60',
    )
    expect(members.res.statusCode, members.res.body).toBe(200)
    const items = (members.res.json() as { items: Array<{ entity: string; id: number; name: string }> }).items
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((i) => i.entity === 'person')).toBe(true)
    expect(members.rows).toHaveLength(1)
    expect(members.rows[0]).toMatchObject({
      action: 'person.list',
      entity: 'person',
      entity_ids: items.map((i) => String(i.id)),
      account_id: chiefAccount,
      ip: '10.20.30.60',
      detail: { via: 'coverage.rows', figure: 'members', building: chiefBuilding },
    })

    const buildings = await read(
      `/api/coverage/rows?building=${chiefBuilding}&figure=buildings`,
      chief,
      '10.20.30.61',
    )
    expect(buildings.res.statusCode).toBe(200)
    expect(buildings.rows).toHaveLength(0)
  })

  it('the gap list names members not transferred in: audited with them; other rules write nothing', async () => {
    const admin = await login(t.app, 'admin')
    const gaps = await read('/api/gaps?area=310120&rule=member_not_transferred&limit=5', admin, '10.20.30.70')
    expect(gaps.res.statusCode, gaps.res.body).toBe(200)
    const items = (gaps.res.json() as { items: Array<{ entity: string; id: number }> }).items
    expect(items.length).toBeGreaterThan(0)
    expect(gaps.rows).toHaveLength(1)
    expect(gaps.rows[0]).toMatchObject({
      action: 'person.list',
      entity_ids: items.map((i) => String(i.id)),
      ip: '10.20.30.70',
      detail: { via: 'gaps', rule: 'member_not_transferred' },
    })
    const buildings = await read('/api/gaps?area=310120&rule=building_without_chief', admin, '10.20.30.71')
    expect(buildings.res.statusCode).toBe(200)
    expect(buildings.rows).toHaveLength(0)
  })
})

describe('audit API', () => {
  it('shows an admin these rows, newest first; others may not look', async () => {
    const r = await read('/api/people?limit=2', chief, '10.20.30.70')
    const ids = (r.res.json() as { items: Array<{ id: number }> }).items.map((p) => String(p.id))
    const audit = await t.app.inject({ url: '/api/audit?action=person.list&limit=5', headers: admin.headers })
    expect(audit.statusCode).toBe(200)
    const newest = (audit.json() as { items: Array<Record<string, unknown>> }).items[0]
    expect(newest).toMatchObject({
      action: 'person.list',
      entity: 'person',
      entityIds: ids,
      accountId: chiefAccount,
      username: 'chief_demo',
      ip: '10.20.30.70',
      requestId: r.requestId,
    })
    expect(Date.parse(newest!.at as string)).toBeGreaterThan(Date.now() - 60_000)
    const refused = await t.app.inject({ url: '/api/audit', headers: chief.headers })
    expect(refused.statusCode).toBe(403)
  })
})
