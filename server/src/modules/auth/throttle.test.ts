import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, login, startTestApp, type TestApp } from '../../../test/helpers.ts'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

// trustProxy is off, so the client address is the socket's: inject's remoteAddress stands for "another machine".
const attempt = (username: string, password: string, from = '127.0.0.1', cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: from,
    headers: cookie ? { cookie } : {},
  })

/** Each failed check of a password writes one row, so the rows count how often argon2 ran for nothing. */
const failedChecks = async (action: string, username: string) =>
  (
    await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', action)
      .where('username', '=', username)
      .execute()
  ).length

/** How many answers had each status, e.g. { 401: 5, 429: 15 }. */
function tally(codes: number[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const c of codes) counts[c] = (counts[c] ?? 0) + 1
  return counts
}

describe('failed logins are reserved before the password is checked', () => {
  it('20 parallel wrong passwords: 5 are checked and refused, 15 are turned away with 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt('hongmei_admin', `bad-${i}`, '198.51.100.20')),
    )
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ 401: 5, 429: 15 })
    expect(answers.find((r) => r.statusCode === 429)?.json().code).toBe('login_locked')
    expect(await failedChecks('auth.login_failed', 'hongmei_admin')).toBe(5)
    // The right password from that address is refused too until the lock runs out.
    const locked = await attempt('hongmei_admin', DEMO_PASSWORD, '198.51.100.20')
    expect(locked.statusCode).toBe(429)
    expect(locked.headers['retry-after']).toBe('900')
    expect(locked.json().message).toBe('登录失败次数过多，请 15 分钟后再试')
  })

  it('parallel guesses from 8 addresses at once: the account-wide limit of 10 holds exactly', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt('provider_demo', `bad-${i}`, `198.51.100.${30 + (i % 8)}`),
      ),
    )
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ 401: 10, 429: 30 })
    expect(await failedChecks('auth.login_failed', 'provider_demo')).toBe(10)
  })
})

describe('an attacker cannot lock the owner out', () => {
  it('failures from one address lock that address for the account, not the owner elsewhere', async () => {
    for (let i = 0; i < 8; i++) await attempt('fengxian_admin', `guess-${i}`, '203.0.113.66')
    expect((await attempt('fengxian_admin', DEMO_PASSWORD, '203.0.113.66')).statusCode).toBe(429)
    // The owner, from the street office's address, is not affected.
    expect((await attempt('fengxian_admin', DEMO_PASSWORD, '192.0.2.10')).statusCode).toBe(200)
  })

  it('attackers on many addresses lock new devices out, but the owner’s known browser still gets in', async () => {
    // The owner signed in from this browser before: the answer carried a device cookie.
    const first = await attempt('fengpu_admin', DEMO_PASSWORD, '192.0.2.20')
    const device = first.cookies.find((c) => c.name === 'tx_device')
    expect(device).toMatchObject({ httpOnly: true, path: '/api/auth' })
    // Four addresses, four tries each: the account-wide limit for unknown devices is passed.
    for (let a = 0; a < 4; a++) {
      for (let i = 0; i < 4; i++) await attempt('fengpu_admin', `guess-${a}-${i}`, `203.0.113.${100 + a}`)
    }
    // A device never seen before is locked out, wherever it is …
    expect((await attempt('fengpu_admin', DEMO_PASSWORD, '192.0.2.21')).statusCode).toBe(429)
    // … but the owner's browser with its device cookie is counted on its own and still signs in.
    const owner = await attempt('fengpu_admin', DEMO_PASSWORD, '192.0.2.21', `tx_device=${device!.value}`)
    expect(owner.statusCode).toBe(200)
    // A device cookie is good for its own account only: for another account it counts as unknown.
    for (let i = 0; i < 5; i++) await attempt('nanqiao_admin', `guess-${i}`, '203.0.113.120')
    const other = await attempt('nanqiao_admin', 'guess-x', '203.0.113.120', `tx_device=${device!.value}`)
    expect(other.statusCode).toBe(429)
  })

  it('a stolen device cookie still allows only 5 guesses', async () => {
    const ok = await attempt('chief_demo', DEMO_PASSWORD, '192.0.2.30')
    const cookie = `tx_device=${ok.cookies.find((c) => c.name === 'tx_device')!.value}`
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        attempt('chief_demo', `guess-${i}`, `203.0.113.${130 + i}`, cookie),
      ),
    )
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ 401: 5, 429: 3 })
    expect((await attempt('chief_demo', DEMO_PASSWORD, '192.0.2.30', cookie)).statusCode).toBe(429)
    // Without the cookie, the owner's other devices are not affected by the device's lock.
    expect((await attempt('chief_demo', DEMO_PASSWORD, '192.0.2.31')).statusCode).toBe(200)
  })
})

describe('changing the password', () => {
  it('wrong current passwords are throttled per account, in parallel too, and audited', async () => {
    const s = await login(t.app, 'secretary_demo')
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { ...s.headers, 'accept-language': 'en-US' },
        payload: { currentPassword, newPassword: 'a-new-password-1' },
      })
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => change(`wrong-${i}`)))
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ 400: 5, 429: 5 })
    const refused = answers.find((r) => r.statusCode === 429)!
    expect(refused.json()).toEqual({
      code: 'password_attempts_locked',
      message: 'Too many wrong current passwords; try again in 15 minutes',
    })
    expect(refused.headers['retry-after']).toBe('900')
    expect(await failedChecks('auth.password_change_failed', 'secretary_demo')).toBe(5)
    // Even the right current password waits for the lock, and nothing changed.
    expect((await change(DEMO_PASSWORD)).statusCode).toBe(429)
    t.clock.advance(16 * 60_000)
    expect((await change(DEMO_PASSWORD)).statusCode).toBe(200)
  })
})
