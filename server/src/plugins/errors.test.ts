import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../test/helpers.ts'
import { buildApp } from '../app.ts'

let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  // A route that fails the way a bug would, to see what a client is told.
  t.app.get('/api/test/boom', { config: { access: 'public' } }, async () => {
    throw new Error('connection to 10.0.0.5 refused: password=hunter2')
  })
  // A transaction that writes and then loses a deadlock, raised by the database itself.
  t.app.post('/api/test/deadlock', { config: { access: 'public' } }, async () => {
    await t.ctx.db.transaction().execute(async (tx) => {
      await sql`INSERT INTO audit_log (action, entity) VALUES ('test.deadlock', 'test')`.execute(tx)
      await sql`DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected'; END $$`.execute(
        tx,
      )
    })
  })
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

const countAccounts = async () => (await t.ctx.db.selectFrom('account').select('id').execute()).length

describe('bad input', () => {
  it('malformed JSON → 400 invalid_json in both languages', async () => {
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin",',
    })
    expect(zh.statusCode).toBe(400)
    expect(zh.json()).toEqual({ code: 'invalid_json', message: '请求体不是有效的 JSON' })
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{nope',
    })
    expect(en.json()).toEqual({ code: 'invalid_json', message: 'The request body is not valid JSON' })
  })

  it('wrong types and unknown fields are refused, not coerced or dropped', async () => {
    const before = await countAccounts()
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 12345678 },
    })
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().code).toBe('validation_failed')
    expect(wrongType.json().fields).toMatchObject([{ field: 'password', keyword: 'type' }])
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: { ...admin.headers, 'accept-language': 'en-US' },
      payload: {
        username: 'extra_field',
        displayName: 'x',
        password: 'long-enough-password',
        grants: [{ role: 'member', scopeType: 'area', scopeId: '310120002' }],
        isAdmin: true,
      },
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toBe('The request is not valid: isAdmin: is not an accepted field')
    expect(await countAccounts()).toBe(before)
  })

  it('bad path and query parameters get 400 with the field named', async () => {
    const res = await t.app.inject({ url: '/api/accounts/abc', headers: admin.headers })
    expect(res.statusCode).toBe(400)
    expect(res.json().fields).toMatchObject([{ in: 'params', field: 'id' }])
    const area = await t.app.inject({ url: '/api/areas/12ab', headers: admin.headers })
    expect(area.statusCode).toBe(400)
  })

  it('oversized bodies → 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) },
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('body_too_large')
  })

  it('unknown API routes → 404 with a code', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'en' } })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({
      code: 'route_not_found',
      message: 'No such endpoint: GET /api/nothing-here',
    })
  })

  it('a 500 never shows internals, only a request id to quote', async () => {
    const res = await t.app.inject({ url: '/api/test/boom', headers: { 'x-request-id': 'req-42' } })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ code: 'internal', message: '服务器内部错误，请稍后再试（请求编号 req-42）' })
    expect(res.body).not.toMatch(/hunter2|10\.0\.0\.5|Error/)
    expect(res.headers['x-request-id']).toBe('req-42')
  })

  it('a deadlock is a 409 to retry, and nothing of the transaction stays', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/deadlock',
      headers: { 'accept-language': 'en' },
    })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({
      code: 'concurrent_write',
      message: 'Another change was being made at the same time; nothing was saved, please try again',
    })
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'test.deadlock')
      .execute()
    expect(rows).toEqual([])
  })
})

describe('platform endpoints', () => {
  it('health names the engine and the latest migration', async () => {
    const res = await t.app.inject({ url: '/api/health' })
    expect(res.json()).toEqual({
      status: 'ok',
      db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      migration: expect.stringMatching(/^\d{4}_/),
    })
  })

  it('security headers are set and API answers are not cached', async () => {
    const res = await t.app.inject({ url: '/api/health' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('every answer, an error too, carries the whole set; the docs page keeps its own policy', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';" +
        "img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';" +
        "style-src 'self' 'unsafe-inline';connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    }
    for (const url of ['/api/health', '/api/auth/me', '/api/no-such-route']) {
      const res = await t.app.inject({ url })
      expect(res.headers, url).toMatchObject(expected)
    }
    const docs = await t.app.inject({ url: '/api/docs/json' })
    expect(docs.statusCode).toBe(200)
    expect(docs.headers['content-security-policy']).toMatch(/img-src 'self' data: validator\.swagger\.io/)
    expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN')
  })

  it('OpenAPI is generated from the route schemas', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    const spec = res.json()
    expect(spec.openapi).toMatch(/^3\./)
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/accounts/{id}']),
    )
    expect(spec.paths['/api/auth/login'].post.requestBody).toBeDefined()
  })

  it('areas come from GB/T 2260: 16 districts, 奉贤区 streets, ancestors', async () => {
    const districts = (await t.app.inject({ url: '/api/areas', headers: admin.headers })).json().items
    expect(districts).toHaveLength(16)
    const fengxian = (await t.app.inject({ url: '/api/areas?parent=310120', headers: admin.headers })).json()
      .items
    expect(fengxian.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['奉浦街道', '金海街道', '南桥镇', '西渡街道']),
    )
    const detail = (await t.app.inject({ url: '/api/areas/310120002', headers: admin.headers })).json()
    expect(detail.ancestors.map((a: { name: string }) => a.name)).toEqual(['上海市', '奉贤区'])
    expect(detail.area).toMatchObject({ name: '奉浦街道', level: 'street' })
    expect(detail.childCount).toBeGreaterThan(0)
    const streets = await t.ctx.db.selectFrom('area').select('code').where('level', '=', 'street').execute()
    expect(streets.length).toBeGreaterThan(200)
  })
})

describe('request logs', () => {
  it('at info: one line per request, with what was asked, by whom, the answer and why it was refused', async () => {
    const lines: string[] = []
    const app = await buildApp(t.ctx, {
      logger: { level: 'info', stream: { write: (l: string) => lines.push(l) } },
      web: false,
    })
    try {
      const s = await login(app, 'admin')
      lines.length = 0
      await app.inject({ url: '/api/auth/me', headers: s.headers })
      await app.inject({ url: '/api/units/999999999', headers: s.headers })
      await app.inject({ url: '/api/auth/me' })
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(logged).toEqual([
        expect.objectContaining({
          msg: 'request completed',
          method: 'GET',
          url: '/api/auth/me',
          status: 200,
        }),
        expect.objectContaining({ url: '/api/units/999999999', status: 404, code: 'not_found' }),
        expect.objectContaining({ url: '/api/auth/me', status: 401, code: 'unauthenticated' }),
      ])
      expect(logged.map((l) => l.account)).toEqual(['admin', 'admin', undefined])
      for (const l of logged) expect(l.ms).toEqual(expect.any(Number))
    } finally {
      await app.close()
    }
  })
})
