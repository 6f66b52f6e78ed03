import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

const FENGPU = '310120002'
const NANQIAO = '310120101'

let t: TestApp
let admin: Session
let fengpu: Session
let member: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  member = await login(t.app, 'member_demo')
})
afterAll(() => t.close())

const idOf = async (username: string) =>
  (
    await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id

const get = (url: string, s: Session) => t.app.inject({ url, headers: s.headers })

describe('area scope', () => {
  it('lets a street admin list the accounts of their own street only', async () => {
    const own = await get(`/api/accounts?area=${FENGPU}`, fengpu)
    expect(own.statusCode).toBe(200)
    const names = own.json().items.map((a: { username: string }) => a.username)
    expect(names).toEqual(expect.arrayContaining(['fengpu_admin', 'member_demo']))
    expect(names).not.toContain('nanqiao_admin')
    expect(names).not.toContain('admin')
    // Without an area, the list is still confined to the caller's street.
    const dflt = (await get('/api/accounts', fengpu))
      .json()
      .items.map((a: { username: string }) => a.username)
    expect(dflt.sort()).toEqual(names.sort())
  })

  it('answers 403 for another street, by list and by record', async () => {
    const list = await get(`/api/accounts?area=${NANQIAO}`, fengpu)
    expect(list.statusCode).toBe(403)
    expect(list.json()).toEqual({ code: 'forbidden_scope', message: '该数据不在您的管理范围内' })
    const one = await get(`/api/accounts/${await idOf('nanqiao_admin')}`, fengpu)
    expect(one.statusCode).toBe(403)
    expect(one.json().code).toBe('forbidden_scope')
  })

  it('lets a district admin and the city admin see down the tree', async () => {
    const district = await login(t.app, 'fengxian_admin')
    const names = (await get('/api/accounts', district))
      .json()
      .items.map((a: { username: string }) => a.username)
    expect(names).toEqual(expect.arrayContaining(['fengpu_admin', 'nanqiao_admin', 'member_demo']))
    expect(names).not.toContain('hongmei_admin')
    const all = (await get('/api/accounts', admin)).json().items
    expect(all.length).toBeGreaterThanOrEqual(6)
  })

  it('refuses members any account list, and non-admins the audit log', async () => {
    expect((await get('/api/accounts', member)).json().code).toBe('forbidden')
    expect((await get('/api/audit', fengpu)).statusCode).toBe(403)
  })

  it('pages through a list with a keyset cursor and rejects a forged cursor', async () => {
    const first = (await get('/api/accounts?limit=2', admin)).json()
    expect(first.items).toHaveLength(2)
    const second = (await get(`/api/accounts?limit=2&cursor=${first.nextCursor}`, admin)).json()
    expect(second.items[0].id).toBeGreaterThan(first.items[1].id)
    const bad = await get('/api/accounts?cursor=bm90LWpzb24', admin)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('invalid_cursor')
  })
})

describe('personal data', () => {
  it('masks phones in lists and shows them in full to allowed roles, auditing each full read', async () => {
    const list = (await get(`/api/accounts?area=${FENGPU}`, fengpu)).json().items
    for (const a of list) expect(a.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    const id = await idOf('member_demo')
    const before = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'pii.read')
      .execute()
    const full = (await get(`/api/accounts/${id}`, fengpu)).json()
    expect(full.phone).toBe('13800000006')
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.read')
      .orderBy('id', 'desc')
      .execute()
    expect(rows.length).toBe(before.length + 1)
    expect(rows[0]).toMatchObject({ username: 'fengpu_admin', entity: 'account', entity_ids: [String(id)] })
  })
})

describe('managing accounts', () => {
  const newMember = (username: string, area = FENGPU) => ({
    username,
    displayName: '新党员',
    password: 'long-enough-password',
    phone: '13900001111',
    grants: [{ role: 'member', scopeType: 'area', scopeId: area }],
  })

  it('creates an account inside the caller’s street and audits it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: fengpu.headers,
      payload: newMember('fp_member_1'),
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      username: 'fp_member_1',
      phone: '13900001111',
      grants: [{ scopeName: '奉浦街道' }],
    })
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.create')
      .execute()
    expect(audit.at(-1)).toMatchObject({ username: 'fengpu_admin', entity_ids: [String(res.json().id)] })
  })

  it('refuses accounts outside the street, roles above the caller, and taken usernames; nothing is written', async () => {
    const count = async () => (await t.ctx.db.selectFrom('account').select('id').execute()).length
    const before = await count()
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: fengpu.headers,
      payload: newMember('fp_x', NANQIAO),
    })
    expect(outside.json().code).toBe('forbidden_scope')
    const above = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: fengpu.headers,
      payload: {
        ...newMember('fp_y'),
        grants: [{ role: 'street_admin', scopeType: 'area', scopeId: FENGPU }],
      },
    })
    expect(above.statusCode).toBe(403)
    expect(above.json().code).toBe('forbidden')
    const misfit = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: admin.headers,
      payload: {
        ...newMember('fp_z'),
        grants: [{ role: 'street_admin', scopeType: 'area', scopeId: '310120' }],
      },
    })
    expect(misfit.json().code).toBe('invalid_grant')
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: fengpu.headers,
      payload: newMember('member_demo'),
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('username_taken')
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: admin.headers,
      payload: newMember('fp_w', '319999999'),
    })
    expect(unknown.json().code).toBe('unknown_scope')
    expect(await count()).toBe(before)
  })

  it('detects a stale save with 409 and never overwrites silently', async () => {
    const id = await idOf('member_demo')
    const current = (await get(`/api/accounts/${id}`, fengpu)).json()
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${id}`,
      headers: fengpu.headers,
      payload: { version: current.version, displayName: '王小青（奉浦）' },
    })
    expect(first.statusCode).toBe(200)
    expect(first.json().version).toBe(current.version + 1)
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${id}`,
      headers: admin.headers,
      payload: { version: current.version, displayName: '覆盖' },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('version_conflict')
    expect((await get(`/api/accounts/${id}`, admin)).json().displayName).toBe('王小青（奉浦）')
  })

  it('disabling an account ends its sessions', async () => {
    const victim = await login(t.app, 'fp_member_1', 'long-enough-password')
    const id = await idOf('fp_member_1')
    const { version } = (await get(`/api/accounts/${id}`, fengpu)).json()
    await t.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${id}`,
      headers: fengpu.headers,
      payload: { version, disabled: true },
    })
    expect((await t.app.inject({ url: '/api/auth/me', headers: victim.headers })).statusCode).toBe(401)
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'fp_member_1', password: 'long-enough-password' },
    })
    expect(again.json().code).toBe('account_disabled')
  })

  it('shows admins the audit log, newest first', async () => {
    const res = await get('/api/audit?limit=5', admin)
    expect(res.statusCode).toBe(200)
    const items = res.json().items
    expect(items.length).toBe(5)
    expect(items[0].id).toBeGreaterThan(items[1].id)
    const byAction = (await get('/api/audit?action=account.create', admin)).json().items
    expect(byAction.every((e: { action: string }) => e.action === 'account.create')).toBe(true)
  })
})
