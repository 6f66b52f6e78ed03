import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

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

describe('area scope', () => {
  it('lets a street admin list the accounts of their own street only', async () => {
    const own = await request(t.app, fengpu, 'GET', `/api/accounts?area=${FENGPU}`)
    expect(own.status).toBe(200)
    const names = own.body.items.map((a: { username: string }) => a.username)
    expect(names).toEqual(expect.arrayContaining(['fengpu_admin', 'member_demo']))
    expect(names).not.toContain('nanqiao_admin')
    expect(names).not.toContain('admin')
    // Without an area, the list is still confined to the caller's street.
    const dflt = (await request(t.app, fengpu, 'GET', '/api/accounts')).body.items.map(
      (a: { username: string }) => a.username,
    )
    expect(dflt.sort()).toEqual(names.sort())
  })

  it('answers 403 for another street, by list and by record', async () => {
    const list = await request(t.app, fengpu, 'GET', `/api/accounts?area=${NANQIAO}`)
    expect(list.status).toBe(403)
    expect(list.body).toEqual({ code: 'forbidden_scope', message: '该数据不在您的管理范围内' })
    const one = await request(t.app, fengpu, 'GET', `/api/accounts/${await idOf('nanqiao_admin')}`)
    expect(one.status).toBe(403)
    expect(one.body.code).toBe('forbidden_scope')
  })

  it('lets a district admin and the city admin see down the tree', async () => {
    const district = await login(t.app, 'fengxian_admin')
    const names = (await request(t.app, district, 'GET', '/api/accounts')).body.items.map(
      (a: { username: string }) => a.username,
    )
    expect(names).toEqual(expect.arrayContaining(['fengpu_admin', 'nanqiao_admin', 'member_demo']))
    expect(names).not.toContain('hongmei_admin')
    const all = (await request(t.app, admin, 'GET', '/api/accounts')).body.items
    expect(all.length).toBeGreaterThanOrEqual(6)
  })

  it('refuses members any account list, and non-admins the audit log', async () => {
    expect((await request(t.app, member, 'GET', '/api/accounts')).body.code).toBe('forbidden')
    expect((await request(t.app, fengpu, 'GET', '/api/audit')).status).toBe(403)
  })

  it('pages through a list with a keyset cursor and rejects a forged cursor', async () => {
    const first = (await request(t.app, admin, 'GET', '/api/accounts?limit=2')).body
    expect(first.items).toHaveLength(2)
    const second = (await request(t.app, admin, 'GET', `/api/accounts?limit=2&cursor=${first.nextCursor}`))
      .body
    expect(second.items[0].id).toBeGreaterThan(first.items[1].id)
    const bad = await request(t.app, admin, 'GET', '/api/accounts?cursor=bm90LWpzb24')
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('invalid_cursor')
  })
})

describe('personal data', () => {
  it('masks phones in lists and shows them in full to allowed roles, auditing each full read', async () => {
    const list = (await request(t.app, fengpu, 'GET', `/api/accounts?area=${FENGPU}`)).body.items
    for (const a of list) expect(a.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    const id = await idOf('member_demo')
    const before = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'pii.read')
      .execute()
    const full = (await request(t.app, fengpu, 'GET', `/api/accounts/${id}`)).body
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
    const res = await request(t.app, fengpu, 'POST', '/api/accounts', newMember('fp_member_1'))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      username: 'fp_member_1',
      phone: '13900001111',
      grants: [{ scopeName: '奉浦街道' }],
    })
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.create')
      .execute()
    expect(audit.at(-1)).toMatchObject({ username: 'fengpu_admin', entity_ids: [String(res.body.id)] })
  })

  it('refuses accounts outside the street, roles above the caller, and taken usernames; nothing is written', async () => {
    const count = async () => (await t.ctx.db.selectFrom('account').select('id').execute()).length
    const before = await count()
    const outside = await request(t.app, fengpu, 'POST', '/api/accounts', newMember('fp_x', NANQIAO))
    expect(outside.body.code).toBe('forbidden_scope')
    const above = await request(t.app, fengpu, 'POST', '/api/accounts', {
      ...newMember('fp_y'),
      grants: [{ role: 'street_admin', scopeType: 'area', scopeId: FENGPU }],
    })
    expect(above.status).toBe(403)
    expect(above.body.code).toBe('forbidden')
    const misfit = await request(t.app, admin, 'POST', '/api/accounts', {
      ...newMember('fp_z'),
      grants: [{ role: 'street_admin', scopeType: 'area', scopeId: '310120' }],
    })
    expect(misfit.body.code).toBe('invalid_grant')
    const taken = await request(t.app, fengpu, 'POST', '/api/accounts', newMember('member_demo'))
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('username_taken')
    const unknown = await request(t.app, admin, 'POST', '/api/accounts', newMember('fp_w', '319999999'))
    expect(unknown.body.code).toBe('unknown_scope')
    expect(await count()).toBe(before)
  })

  it('detects a stale save with 409 and never overwrites silently', async () => {
    const id = await idOf('member_demo')
    const current = (await request(t.app, fengpu, 'GET', `/api/accounts/${id}`)).body
    const first = await request(t.app, fengpu, 'PATCH', `/api/accounts/${id}`, {
      version: current.version,
      displayName: '王小青（奉浦）',
    })
    expect(first.status).toBe(200)
    expect(first.body.version).toBe(current.version + 1)
    const stale = await request(t.app, admin, 'PATCH', `/api/accounts/${id}`, {
      version: current.version,
      displayName: '覆盖',
    })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('version_conflict')
    expect((await request(t.app, admin, 'GET', `/api/accounts/${id}`)).body.displayName).toBe(
      '王小青（奉浦）',
    )
  })

  it('disabling an account ends its sessions', async () => {
    const victim = await login(t.app, 'fp_member_1', 'long-enough-password')
    const id = await idOf('fp_member_1')
    const { version } = (await request(t.app, fengpu, 'GET', `/api/accounts/${id}`)).body
    await request(t.app, fengpu, 'PATCH', `/api/accounts/${id}`, { version, disabled: true })
    expect((await request(t.app, victim, 'GET', '/api/auth/me')).status).toBe(401)
    const again = await request(t.app, null, 'POST', '/api/auth/login', {
      username: 'fp_member_1',
      password: 'long-enough-password',
    })
    expect(again.body.code).toBe('account_disabled')
  })

  it('shows admins the audit log, newest first', async () => {
    const res = await request(t.app, admin, 'GET', '/api/audit?limit=5')
    expect(res.status).toBe(200)
    const items = res.body.items
    expect(items.length).toBe(5)
    expect(items[0].id).toBeGreaterThan(items[1].id)
    const byAction = (await request(t.app, admin, 'GET', '/api/audit?action=account.create')).body.items
    expect(byAction.every((e: { action: string }) => e.action === 'account.create')).toBe(true)
  })
})
