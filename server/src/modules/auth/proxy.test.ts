import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { buildApp } from '../../app.ts'
import { loadConfig } from '../../config.ts'
import type { TypedApp } from '../../lib/typed-app.ts'

let t: TestApp
const apps: TypedApp[] = []
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(async () => {
  for (const app of apps) await app.close()
  await t.close()
})

/** The app as configured by `TONGXIN_TRUST_PROXY=<value>`, on the test file's database. */
async function appTrusting(value: string): Promise<TypedApp> {
  const { trustProxy } = loadConfig({ TONGXIN_TRUST_PROXY: value })
  const app = await buildApp(
    { ...t.ctx, config: { ...t.ctx.config, trustProxy } },
    { logger: false, web: false },
  )
  apps.push(app)
  return app
}

let requestNo = 0
/** A login as it reaches the app: from `peer` (the proxy's or the client's own socket), with these headers. */
async function loginVia(app: TypedApp, peer: string, headers: Record<string, string>, username = 'admin') {
  const requestId = `proxy-test-${++requestNo}`
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: peer,
    headers: { ...headers, 'x-request-id': requestId },
    payload: { username, password: username === 'admin' ? DEMO_PASSWORD : 'wrong-password' },
  })
  const row = await t.ctx.db
    .selectFrom('audit_log')
    .select('ip')
    .where('request_id', '=', requestId)
    .executeTakeFirst()
  return { res, auditedIp: row?.ip ?? null }
}

describe('TONGXIN_TRUST_PROXY=1 (one balancer in front)', () => {
  it('takes the address the balancer appended, not the left-most one the client wrote', async () => {
    const app = await appTrusting('1')
    const { res, auditedIp } = await loginVia(app, '10.0.0.2', {
      'x-forwarded-for': '6.6.6.6, 203.0.113.50',
      'x-forwarded-proto': 'https',
    })
    expect(res.statusCode).toBe(200)
    expect(auditedIp).toBe('203.0.113.50')
    // https as the balancer says: the session cookie is marked Secure under TONGXIN_COOKIE_SECURE=auto.
    expect(res.cookies.find((c) => c.name === 'tx_session')?.secure ?? false).toBe(true)
  })

  it('a client changing the left-most address on every try stays under one per-address limit', async () => {
    const app = await appTrusting('1')
    const answers = await Promise.all(
      Array.from({ length: 34 }, (_, i) =>
        loginVia(app, '10.0.0.2', { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.77` }, `nobody${i}`),
      ),
    )
    const codes = answers.map((a) => a.res.statusCode)
    expect(codes.filter((c) => c === 401)).toHaveLength(30)
    expect(codes.filter((c) => c === 429)).toHaveLength(4)
    expect(new Set(answers.map((a) => a.auditedIp).filter(Boolean))).toEqual(new Set(['203.0.113.77']))
  })

  it('with 2 hops, the address the outer proxy appended is the client', async () => {
    const app = await appTrusting('2')
    const { auditedIp } = await loginVia(app, '10.0.0.3', {
      'x-forwarded-for': '6.6.6.6, 203.0.113.51, 10.0.0.9',
    })
    expect(auditedIp).toBe('203.0.113.51')
  })
})

describe('TONGXIN_TRUST_PROXY as a list of proxy addresses', () => {
  it('honours X-Forwarded-* only from the listed addresses', async () => {
    const app = await appTrusting('10.0.0.0/8, 192.168.1.1')
    const forwarded = { 'x-forwarded-for': '203.0.113.60', 'x-forwarded-proto': 'https' }
    const viaProxy = await loginVia(app, '10.1.2.3', forwarded)
    expect(viaProxy.auditedIp).toBe('203.0.113.60')
    expect(viaProxy.res.cookies.find((c) => c.name === 'tx_session')?.secure ?? false).toBe(true)
    const viaOther = await loginVia(app, '192.168.1.1', forwarded)
    expect(viaOther.auditedIp).toBe('203.0.113.60')
    // A client reaching the app directly cannot pass itself off as someone else, nor as https.
    const direct = await loginVia(app, '198.51.100.9', forwarded)
    expect(direct.auditedIp).toBe('198.51.100.9')
    expect(direct.res.cookies.find((c) => c.name === 'tx_session')?.secure ?? false).toBe(false)
  })

  it('skips every listed proxy in a chain and stops at the first address that is not one', async () => {
    const app = await appTrusting('10.0.0.0/8')
    const { auditedIp } = await loginVia(app, '10.0.0.4', {
      'x-forwarded-for': '6.6.6.6, 203.0.113.61, 10.0.0.8',
    })
    expect(auditedIp).toBe('203.0.113.61')
  })
})

describe('TONGXIN_TRUST_PROXY=0 (default)', () => {
  it('ignores X-Forwarded-For and X-Forwarded-Proto', async () => {
    const { res, auditedIp } = await loginVia(t.app, '198.51.100.10', {
      'x-forwarded-for': '203.0.113.62',
      'x-forwarded-proto': 'https',
    })
    expect(auditedIp).toBe('198.51.100.10')
    expect(res.cookies.find((c) => c.name === 'tx_session')?.secure ?? false).toBe(false)
  })
})
