import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_PASSWORD,
  login,
  request,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers.ts'

const FENGPU = '310120002'
const NANQIAO = '310120101'
const STRONG = 'plum-river-lantern-42'

let t: TestApp
let admin: Session
let fengpu: Session
let district: Session
let fengpuBuilding: string
async function relogin() {
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  district = await login(t.app, 'fengxian_admin')
}
beforeAll(async () => {
  t = await startTestApp()
  await relogin()
  fengpuBuilding = String(
    (
      await t.ctx.db
        .selectFrom('building')
        .select('id')
        .where('area_code', '=', FENGPU)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id,
  )
})
afterAll(() => t.close())

const attempt = (username: string, password: string, ip = '198.51.100.7') =>
  request(t.app, null, 'POST', '/api/auth/login', { username, password }, { ip })
const member = (area = FENGPU) => ({ role: 'member', scopeType: 'area', scopeId: area })

async function newAccount(by: Session, username: string, grants = [member()]) {
  const res = await request(t.app, by, 'POST', '/api/accounts', { username, displayName: '新账号', grants })
  expect(res.status, res.text).toBe(201)
  return res.body as { id: number; version: number; temporary: { temporaryPassword: string } }
}
const auditOf = (action: string) =>
  t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute()

describe('a generated password', () => {
  it('is shown once, and its first login can do nothing but change it (enforced by the server)', async () => {
    const created = await newAccount(fengpu, 'gen_one')
    expect(created).toMatchObject({ mustChangePassword: true, temporary: { expiresAt: expect.any(String) } })
    const temp = created.temporary.temporaryPassword
    expect(temp).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
    expect((await request(t.app, admin, 'GET', `/api/accounts/${created.id}`)).body.temporary).toBeUndefined()
    expect(JSON.stringify(await auditOf('account.create'))).not.toContain(temp)

    const s = await login(t.app, 'gen_one', temp)
    const me = await request(t.app, s, 'GET', '/api/auth/me')
    expect(me.status).toBe(200)
    expect(me.body.mustChangePassword).toBe(true)
    for (const url of ['/api/notifications/unread-count', '/api/areas', '/api/events']) {
      const res = await request(t.app, s, 'GET', url)
      expect(res.status, url).toBe(403)
      expect(res.body.code).toBe('password_change_required')
    }
    const post = await request(t.app, s, 'POST', '/api/notifications/read-all')
    expect(post.body.code).toBe('password_change_required')

    const change = (newPassword: string, lang = 'zh-CN') =>
      request(t.app, s, 'POST', '/api/auth/password', { currentPassword: temp, newPassword }, { lang })
    const same = await change(temp, 'en-US')
    expect(same.status).toBe(400)
    expect(same.body.message).toBe(
      'The password is not strong enough: The new password must differ from the current one',
    )
    const ok = await change(STRONG)
    expect(ok.status).toBe(200)
    expect((await request(t.app, s, 'GET', '/api/notifications/unread-count')).status).toBe(200)
    expect((await request(t.app, s, 'GET', '/api/auth/me')).body.mustChangePassword).toBe(false)
    expect((await attempt('gen_one', temp)).status).toBe(401)
    expect((await attempt('gen_one', STRONG)).status).toBe(200)
  })

  it('signs in once only, and not after it expires', async () => {
    const once = (await newAccount(fengpu, 'gen_once')).temporary.temporaryPassword
    expect((await attempt('gen_once', once)).status).toBe(200)
    const again = await attempt('gen_once', once)
    expect(again.status).toBe(401)
    expect(again.body.code).toBe('temporary_password_expired')

    const late = (await newAccount(fengpu, 'gen_late')).temporary.temporaryPassword
    t.clock.advance(8 * 86_400_000)
    await relogin()
    const expired = await attempt('gen_late', late)
    expect(expired.body.code).toBe('temporary_password_expired')
    // A wrong password still says only "wrong": the temporary state is told after the right one.
    expect((await attempt('gen_late', 'not-the-password')).body.code).toBe('invalid_credentials')
  })
})

describe('password rules', () => {
  it('refuse weak, short and personal passwords with the reason in both languages', async () => {
    const s = await login(t.app, 'hongmei_admin')
    const change = (newPassword: string, lang: string) =>
      request(
        t.app,
        s,
        'POST',
        '/api/auth/password',
        { currentPassword: DEMO_PASSWORD, newPassword },
        { lang },
      )
    expect((await change('short', 'zh-CN')).body).toEqual({
      code: 'weak_password',
      message: '密码不够安全：密码至少需要 10 个字符',
    })
    expect((await change('password123', 'en-US')).body.message).toBe(
      'The password is not strong enough: This is a commonly used password',
    )
    expect((await change('1234567890', 'zh-CN')).body.message).toBe('密码不够安全：这是非常常用的密码')
    const personal = await change('hongmei_admin2', 'en-US')
    expect(personal.body.message).toBe(
      'The password is not strong enough: Do not use your username, name or other personal details',
    )
    expect((await attempt('hongmei_admin', DEMO_PASSWORD)).status).toBe(200)
  })

  it('apply to a password an admin sets, which is then not temporary', async () => {
    const weak = await request(t.app, fengpu, 'POST', '/api/accounts', {
      username: 'typed_weak',
      displayName: '张伟',
      password: 'zhangwei123',
      grants: [member()],
    })
    expect(weak.body.code).toBe('weak_password')
    const strong = await request(t.app, fengpu, 'POST', '/api/accounts', {
      username: 'typed_strong',
      displayName: '张伟',
      password: STRONG,
      grants: [member()],
    })
    expect(strong.body).toMatchObject({ mustChangePassword: false, temporary: null })
  })
})

describe('resetting a password', () => {
  it('gives a one-time temporary password, ends sessions, stops the old password, and is audited', async () => {
    const victim = await login(t.app, 'member_demo')
    const id = (await request(t.app, fengpu, 'GET', '/api/accounts?q=member_demo')).body.items[0].id
    const { version } = (await request(t.app, fengpu, 'GET', `/api/accounts/${id}`)).body
    const stale = await request(t.app, fengpu, 'POST', `/api/accounts/${id}/reset-password`, {
      version: version + 1,
    })
    expect(stale.body.code).toBe('version_conflict')
    const res = await request(t.app, fengpu, 'POST', `/api/accounts/${id}/reset-password`, { version })
    expect(res.status).toBe(200)
    const { temporaryPassword, expiresAt } = res.body
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBe(24 * 3_600_000)
    expect((await request(t.app, victim, 'GET', '/api/auth/me')).status).toBe(401)
    expect((await attempt('member_demo', DEMO_PASSWORD)).status).toBe(401)
    const [row] = (await auditOf('account.password_reset')).slice(-1)
    expect(row).toMatchObject({ username: 'fengpu_admin', entity_ids: [String(id)] })
    expect(JSON.stringify(row)).not.toContain(temporaryPassword)

    const s = await login(t.app, 'member_demo', temporaryPassword)
    expect((await request(t.app, s, 'GET', '/api/offerings')).body.code).toBe('password_change_required')
    const changed = await request(t.app, s, 'POST', '/api/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: STRONG,
    })
    expect(changed.status).toBe(200)
    expect((await attempt('member_demo', STRONG)).status).toBe(200)
  })

  it('is refused outside the caller’s street, above their rank, and on themselves', async () => {
    const nanqiao = await login(t.app, 'nanqiao_admin')
    const memberId = (await request(t.app, fengpu, 'GET', '/api/accounts?q=gen_once')).body.items[0].id
    const outside = await request(t.app, nanqiao, 'POST', `/api/accounts/${memberId}/reset-password`, {
      version: 1,
    })
    expect(outside.body.code).toBe('forbidden_scope')
    const me = (await request(t.app, fengpu, 'GET', '/api/accounts?q=fengpu_admin')).body.items[0]
    const self = await request(t.app, fengpu, 'POST', `/api/accounts/${me.id}/reset-password`, {
      version: me.version,
    })
    expect(self.body.code).toBe('not_yourself')
    const peer = await newAccount(district, 'fengpu_peer', [
      { role: 'street_admin', scopeType: 'area', scopeId: FENGPU },
    ])
    const above = await request(t.app, fengpu, 'POST', `/api/accounts/${peer.id}/reset-password`, {
      version: peer.version,
    })
    expect(above.status).toBe(403)
    expect(above.body.code).toBe('forbidden')
    const byDistrict = await request(t.app, district, 'POST', `/api/accounts/${peer.id}/reset-password`, {
      version: peer.version,
    })
    expect(byDistrict.status).toBe(200)
  })
})

describe('unlocking', () => {
  it('lifts the locks wrong passwords put on an account, and is audited', async () => {
    await newAccount(fengpu, 'locked_one')
    const ip = '203.0.113.50'
    for (let i = 0; i < 5; i++) await attempt('locked_one', `wrong-${i}`, ip)
    for (let i = 0; i < 5; i++) await attempt('locked_one', `wrong-${i}`, `203.0.113.${60 + i}`)
    const list = (await request(t.app, fengpu, 'GET', '/api/accounts?q=locked_one')).body.items[0]
    expect(list.lockedUntil).not.toBeNull()
    expect((await attempt('locked_one', 'anything', ip)).status).toBe(429)
    const nanqiao = await login(t.app, 'nanqiao_admin')
    expect((await request(t.app, nanqiao, 'POST', `/api/accounts/${list.id}/unlock`)).status).toBe(403)
    const res = await request(t.app, fengpu, 'POST', `/api/accounts/${list.id}/unlock`)
    expect(res.status).toBe(200)
    expect(res.body.lockedUntil).toBeNull()
    expect((await attempt('locked_one', 'anything', ip)).status).toBe(401)
    expect((await auditOf('account.unlock')).at(-1)).toMatchObject({ username: 'fengpu_admin' })
  })
})

describe('granting and revoking', () => {
  const setGrants = (by: Session, id: number, version: number, grants: object[]) =>
    request(t.app, by, 'PUT', `/api/accounts/${id}/grants`, { version, grants })

  it('hands out and takes back roles inside the caller’s street and below their rank', async () => {
    const a = await newAccount(fengpu, 'grant_target')
    const chief = { role: 'building_chief', scopeType: 'building', scopeId: fengpuBuilding }
    const res = await setGrants(fengpu, a.id, a.version, [member(), chief])
    expect(res.status, res.text).toBe(200)
    expect(res.body.grants.map((g: { role: string }) => g.role)).toEqual(['member', 'building_chief'])
    const v = res.body.version
    expect((await setGrants(fengpu, a.id, v - 1, [member()])).body.code).toBe('version_conflict')
    expect((await setGrants(fengpu, a.id, v, [member(), member(NANQIAO)])).body.code).toBe('forbidden_scope')
    const above = await setGrants(fengpu, a.id, v, [
      member(),
      { role: 'street_admin', scopeType: 'area', scopeId: FENGPU },
    ])
    expect(above.body.code).toBe('forbidden')
    expect((await setGrants(fengpu, a.id, v, [])).body.code).toBe('last_grant')
    expect((await setGrants(fengpu, a.id, v, [chief, chief])).body.code).toBe('duplicate_grant')
    const revoked = await setGrants(fengpu, a.id, v, [chief])
    expect(revoked.body.grants).toHaveLength(1)
    const audit = (await auditOf('account.grants')).at(-1)!
    expect(audit.detail).toMatchObject({ added: [], removed: [`member@area:${FENGPU}`] })
  })

  it('leaves an account with grants in two streets to someone holding both', async () => {
    const both = await newAccount(admin, 'two_streets', [member(), member(NANQIAO)])
    const { version } = both
    expect((await setGrants(fengpu, both.id, version, [member()])).body.code).toBe('forbidden_scope')
    expect(
      (await request(t.app, fengpu, 'PATCH', `/api/accounts/${both.id}`, { version, disabled: true })).status,
    ).toBe(403)
    expect(
      (await request(t.app, fengpu, 'POST', `/api/accounts/${both.id}/reset-password`, { version })).status,
    ).toBe(403)
    expect((await setGrants(district, both.id, version, [member()])).status).toBe(200)
  })

  it('never on one’s own account, and nobody disables themselves', async () => {
    const me = (await request(t.app, admin, 'GET', '/api/accounts?q=admin&limit=200')).body.items.find(
      (a: { username: string }) => a.username === 'admin',
    )
    const res = await setGrants(admin, me.id, me.version, [
      { role: 'admin', scopeType: 'city', scopeId: null },
    ])
    expect(res.body.code).toBe('not_yourself')
    const off = await request(t.app, admin, 'PATCH', `/api/accounts/${me.id}`, {
      version: me.version,
      disabled: true,
    })
    expect(off.body.code).toBe('not_yourself')
  })
})
