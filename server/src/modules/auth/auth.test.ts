import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, startTestApp, type TestApp } from '../../../test/helpers.ts'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

const attempt = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers })

const auditCount = async (action: string) =>
  (await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length

describe('login', () => {
  it('sets an httpOnly session cookie and a readable CSRF cookie, and /me answers', async () => {
    const res = await attempt('admin', 'tongxin-demo')
    expect(res.statusCode).toBe(200)
    const session = res.cookies.find((c) => c.name === 'tx_session')!
    const csrf = res.cookies.find((c) => c.name === 'tx_csrf')!
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect(csrf.httpOnly).toBeFalsy()
    expect(res.json()).toMatchObject({
      account: { username: 'admin' },
      grants: [{ role: 'admin', scopeType: 'city' }],
      csrfToken: csrf.value,
    })
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `tx_session=${session.value}` } })
    expect(me.statusCode).toBe(200)
    expect(me.json().permissions).toContain('audit.read')
    // The cookie value is not what the database stores.
    const stored = await t.ctx.db.selectFrom('session').select('id').execute()
    expect(stored.map((s) => s.id)).not.toContain(session.value)
  })

  it('refuses a wrong password and an unknown user alike, in the caller’s language, and audits it', async () => {
    const before = await auditCount('auth.login_failed')
    const zh = await attempt('fengpu_admin', 'wrong-password')
    expect(zh.statusCode).toBe(401)
    expect(zh.json()).toEqual({ code: 'invalid_credentials', message: '用户名或密码错误' })
    const en = await attempt('nobody_here', 'whatever', { 'accept-language': 'en-US,en;q=0.9' })
    expect(en.statusCode).toBe(401)
    expect(en.json()).toEqual({ code: 'invalid_credentials', message: 'Wrong username or password' })
    expect(en.cookies.find((c) => c.name === 'tx_session')).toBeUndefined()
    expect(await auditCount('auth.login_failed')).toBe(before + 2)
  })

  it('locks an account for the address that failed 5 times, even for the right password, until the lock runs out', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('hongmei_admin', `bad-${i}`)).statusCode).toBe(401)
    const locked = await attempt('hongmei_admin', 'tongxin-demo')
    expect(locked.statusCode).toBe(429)
    expect(locked.json().code).toBe('login_locked')
    expect(locked.headers['retry-after']).toBe('900')
    // Other accounts from the same address are not locked out by it.
    expect((await attempt('nanqiao_admin', 'tongxin-demo')).statusCode).toBe(200)
    t.clock.advance(16 * 60_000)
    expect((await attempt('hongmei_admin', 'tongxin-demo')).statusCode).toBe(200)
  })

  it('locks a client address that keeps failing across many usernames, except for known devices', async () => {
    // A browser that signed in to admin before carries a device cookie.
    const known = (await attempt('admin', 'tongxin-demo')).cookies.find((c) => c.name === 'tx_device')!
    const headers = { 'x-forwarded-for': '203.0.113.9' }
    // trustProxy is off, so the address is inject's own; count from a clean state for this address.
    await t.ctx.db.deleteFrom('login_throttle').execute()
    for (let i = 0; i < 30; i++) await attempt(`guess${i}`, 'x', headers)
    const res = await attempt('admin', 'tongxin-demo', headers)
    expect(res.statusCode).toBe(429)
    // The address lock is against spraying many accounts; a device cookie is good for one account only.
    expect((await attempt('admin', 'tongxin-demo', { cookie: `tx_device=${known.value}` })).statusCode).toBe(
      200,
    )
    t.clock.advance(16 * 60_000)
    expect((await attempt('admin', 'tongxin-demo')).statusCode).toBe(200)
  })

  it('refuses a login posted from another site', async () => {
    const res = await attempt('admin', 'tongxin-demo', {
      origin: 'https://evil.example',
      host: 'tongxin.local',
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('csrf_failed')
  })
})

describe('sessions', () => {
  it('expire after the idle timeout', async () => {
    const s = await login(t.app, 'fengxian_admin')
    t.clock.advance(119 * 60_000)
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200)
    t.clock.advance(119 * 60_000)
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200)
    t.clock.advance(121 * 60_000)
    const res = await t.app.inject({ url: '/api/auth/me', headers: s.headers })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('session_expired')
    // The dead cookie is cleared in the same answer.
    expect(res.cookies.find((c) => c.name === 'tx_session')?.value).toBe('')
  })

  it('expire after the absolute lifetime even when used continuously', async () => {
    const s = await login(t.app, 'fengxian_admin')
    for (let hour = 0; hour < 11; hour++) {
      t.clock.advance(60 * 60_000)
      expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200)
    }
    t.clock.advance(61 * 60_000)
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).json().code).toBe(
      'session_expired',
    )
  })

  it('reject forged and missing cookies', async () => {
    const forged = await t.app.inject({
      url: '/api/auth/me',
      headers: { cookie: 'tx_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    })
    expect(forged.statusCode).toBe(401)
    expect(forged.json().code).toBe('unauthenticated')
    const none = await t.app.inject({ url: '/api/auth/me' })
    expect(none.json()).toEqual({ code: 'unauthenticated', message: '请先登录' })
  })

  it('end at logout, which needs the CSRF token', async () => {
    const s = await login(t.app, 'member_demo')
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    })
    expect(noToken.statusCode).toBe(403)
    expect(noToken.json().code).toBe('csrf_failed')
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'not-the-token' },
    })
    expect(wrongToken.statusCode).toBe(403)
    // Refused requests changed nothing: the session still works.
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200)
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })
    expect(ok.statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401)
  })

  it('change password: old sessions elsewhere end, the new password works', async () => {
    const a = await login(t.app, 'nanqiao_admin')
    const b = await login(t.app, 'nanqiao_admin')
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: 'nope-nope-nope', newPassword: 'a-new-password-1' },
    })
    expect(wrong.json().code).toBe('wrong_password')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: 'tongxin-demo', newPassword: 'a-new-password-1' },
    })
    expect(res.statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/auth/me', headers: a.headers })).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/auth/me', headers: b.headers })).statusCode).toBe(401)
    expect((await attempt('nanqiao_admin', 'tongxin-demo')).statusCode).toBe(401)
    expect((await attempt('nanqiao_admin', 'a-new-password-1')).statusCode).toBe(200)
  })
})
