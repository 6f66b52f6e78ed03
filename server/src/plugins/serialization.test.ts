import { Me, Need, Unit } from '@tongxin/contracts'
import Fastify from 'fastify'
import { Type } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, startTestApp, type TestApp } from '../../test/helpers.ts'
import { compileAllSerializers, installSerializers } from './serialization.ts'
import { compileAllValidators } from './validation.ts'

describe('response serialisers', () => {
  const Shared = Type.Object({ code: Type.String() })
  const Row = Type.Object({
    id: Type.Integer(),
    name: Type.Union([Type.String(), Type.Null()]),
    tags: Type.Array(Type.Object({ label: Type.String() })),
  })
  const row = {
    id: 7,
    name: null,
    tags: [{ label: 'a', secret: 'x' }],
    passwordHash: '$argon2id$…',
  }
  async function small() {
    const app = Fastify()
    const stats = installSerializers(app)
    for (const url of ['/a', '/b', '/c'])
      app.get(url, { schema: { response: { 200: Row, 400: Shared, 404: Shared } } }, async () => row)
    await app.ready()
    return { app, stats }
  }

  it('writes only the declared fields, nulls and nested arrays included, never an undeclared one', async () => {
    const { app } = await small()
    const res = await app.inject({ url: '/a' })
    expect(res.json()).toEqual({ id: 7, name: null, tags: [{ label: 'a' }] })
    expect(res.body).not.toContain('passwordHash')
    expect(res.body).not.toContain('secret')
  })

  it('compiles a schema only when a route first answers with it, and a schema shared by routes once', async () => {
    const { app, stats } = await small()
    expect(stats.compiled).toBe(0)
    await app.inject({ url: '/a' })
    await app.inject({ url: '/b' })
    await app.inject({ url: '/c' })
    expect(stats.compiled).toBe(1)
    expect(await compileAllSerializers(app)).toBe(2)
    expect(stats.compiled).toBe(2)
  })
})

describe('the app’s serialisers and validators', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(() => t.close())

  // They compile on first use; every route's must compile, so a broken schema shows here, not in production.
  it('every response schema of every route compiles', async () => {
    expect(await compileAllSerializers(t.app)).toBeGreaterThan(100)
  })

  it('every request schema of every route compiles', async () => {
    expect(await compileAllValidators(t.app)).toBeGreaterThan(100)
  })

  it('a lazily compiled validator still coerces the query and refuses with the field', async () => {
    const s = await login(t.app, 'admin')
    const bad = await t.app.inject({ url: '/api/units?limit=0', headers: s.headers })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('validation_failed')
    expect(JSON.stringify(bad.json().fields)).toContain('limit')
    const ok = await t.app.inject({ url: '/api/units?limit=3', headers: s.headers })
    expect(ok.json().items).toHaveLength(3)
  })

  const keys = (schema: { properties: Record<string, unknown> }) => Object.keys(schema.properties).sort()

  it('GET /api/auth/me answers every field of Me and nothing else', async () => {
    const s = await login(t.app, 'admin')
    const res = await t.app.inject({ url: '/api/auth/me', headers: s.headers })
    expect(res.statusCode).toBe(200)
    const me = res.json()
    expect(Object.keys(me).sort()).toEqual(keys(Me))
    expect(Object.keys(me.account).sort()).toEqual(['displayName', 'id', 'username'])
    expect(me.grants.length).toBeGreaterThan(0)
    expect(res.body).not.toMatch(/password_?hash|argon2/i)
  })

  it('GET /api/units answers every field of Unit on each row, nulls included', async () => {
    const s = await login(t.app, 'admin')
    const res = await t.app.inject({ url: '/api/units?limit=50', headers: s.headers })
    expect(res.statusCode).toBe(200)
    const page = res.json()
    expect(page.items.length).toBe(50)
    expect(Object.keys(page)).toContain('nextCursor')
    for (const item of page.items) expect(Object.keys(item).sort()).toEqual(keys(Unit))
    expect(page.items.some((u: Record<string, unknown>) => u.leftOn === null)).toBe(true)
    expect(res.body).not.toMatch(/deleted_?at|area_?path/i)
  })

  it('POST /api/needs answers every field of Need', async () => {
    const s = await login(t.app, 'member_demo')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/needs',
      headers: s.headers,
      payload: { categoryCode: 'community.elderly', description: '楼道灯需要更换', areaCode: '310120002' },
    })
    expect(res.statusCode).toBe(201)
    const need = res.json()
    expect(Object.keys(need).sort()).toEqual(keys(Need))
    expect(need.deliveredAt).toBeNull()
  })
})
