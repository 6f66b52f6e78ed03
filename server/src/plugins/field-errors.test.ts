import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../test/helpers.ts'

/**
 * A request the schema refuses is answered with a human message per field in the caller's language, never
 * with the validator's own wording ("body/token must NOT have fewer than 10 characters").
 */
let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

/** Phrases of ajv's English messages and its paths; none may reach a client. */
const AJV =
  /must NOT|must have required|must be (string|integer|number|boolean|array|object|null|equal|[<>])|must match|additional properties|fewer than|more than|body\/|instancePath/

describe('field-level validation messages', () => {
  it('a too-short value names its field with a message in each language', async () => {
    // The invitation token's length is the schema's (a new password's length is the password rules', not the schema's).
    const zh = await request(t.app, admin, 'POST', '/api/signup/check', { token: 'short' }, { lang: 'zh-CN' })
    expect(zh.status).toBe(400)
    const body = zh.body
    expect(body.code).toBe('validation_failed')
    expect(body.fields).toEqual([
      {
        in: 'body',
        field: 'token',
        path: ['token'],
        keyword: 'minLength',
        params: { limit: 16 },
        message: '至少需要 16 个字符',
      },
    ])
    expect(body.message).toBe('请求内容不符合要求：token 至少需要 16 个字符')
    const en = await request(t.app, admin, 'POST', '/api/signup/check', { token: 'short' }, { lang: 'en-US' })
    expect(en.body.fields[0].message).toBe('Must be at least 16 characters long')
    expect(en.body.message).toBe('The request is not valid: token: must be at least 16 characters long')
    for (const res of [zh, en]) expect(res.text).not.toMatch(AJV)
  })

  it('a missing field, a wrong type and an unknown field each get their own words', async () => {
    const missing = await request(
      t.app,
      admin,
      'POST',
      '/api/auth/password',
      { newPassword: 'long-enough-pass' },
      { lang: 'zh-CN' },
    )
    expect(missing.body.fields).toMatchObject([
      { field: 'currentPassword', path: ['currentPassword'], keyword: 'required', message: '必须填写' },
    ])
    const wrongType = await request(
      t.app,
      admin,
      'POST',
      '/api/auth/login',
      { username: 'admin', password: 12345678 },
      { lang: 'en-US' },
    )
    expect(wrongType.body.fields).toMatchObject([
      { field: 'password', keyword: 'type', params: { type: 'string' }, message: 'Must be text' },
    ])
    const unknown = await request(
      t.app,
      admin,
      'POST',
      '/api/accounts',
      {
        username: 'extra_field',
        displayName: 'x',
        password: 'long-enough-password',
        grants: [{ role: 'member', scopeType: 'area', scopeId: '310120002' }],
        isAdmin: true,
      },
      { lang: 'zh-CN' },
    )
    expect(unknown.body.fields).toMatchObject([
      { field: 'isAdmin', path: ['isAdmin'], keyword: 'additionalProperties', message: '不是可接受的字段' },
    ])
    for (const res of [missing, wrongType, unknown]) expect(res.text).not.toMatch(AJV)
  })

  it('nested fields carry their whole path, and path and query parameters say where they are', async () => {
    const nested = await request(
      t.app,
      admin,
      'POST',
      '/api/accounts',
      {
        username: 'nested_field',
        displayName: 'x',
        password: 'long-enough-password',
        grants: [{ role: 'member', scopeType: 'planet', scopeId: '310120002' }],
      },
      { lang: 'en-US' },
    )
    expect(nested.body.fields).toMatchObject([
      {
        field: 'grants[0].scopeType',
        path: ['grants', 0, 'scopeType'],
        message: 'Is not one of the allowed values',
      },
    ])
    const param = await request(t.app, admin, 'GET', '/api/accounts/abc', undefined, { lang: 'zh-CN' })
    expect(param.body.fields).toMatchObject([{ in: 'params', field: 'id', message: '应为整数' }])
    const huge = await request(t.app, admin, 'GET', '/api/buildings/9223372036854775808', undefined, {
      lang: 'en-US',
    })
    expect(huge.body.fields).toMatchObject([
      {
        in: 'params',
        field: 'id',
        keyword: 'maximum',
        message: `Must be at most ${Number.MAX_SAFE_INTEGER}`,
      },
    ])
    for (const res of [nested, param, huge]) expect(res.text).not.toMatch(AJV)
  })

  it('a field name the caller made up is cut short before it is echoed', async () => {
    const res = await request(
      t.app,
      admin,
      'POST',
      '/api/auth/login',
      { username: 'a', password: 'b', ['x'.repeat(500)]: 1 },
      { lang: 'en-US' },
    )
    expect(res.status).toBe(400)
    expect(res.body.fields[0].field.length).toBeLessThanOrEqual(65)
    expect(res.text.length).toBeLessThan(600)
  })

  it('a field a service refuses is answered the same way, and nothing changes', async () => {
    const need = await t.ctx.db
      .selectFrom('need')
      .select(['id', 'version'])
      .where('state', '=', 'submitted')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const res = await request(
      t.app,
      admin,
      'POST',
      `/api/needs/${need.id}/actions`,
      { action: 'dispatch' },
      { lang: 'zh-CN' },
    )
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      message: '请求内容不符合要求：providerUnitId 必须填写',
      fields: [{ in: 'body', field: 'providerUnitId', keyword: 'required', message: '必须填写' }],
    })
    const after = await t.ctx.db
      .selectFrom('need')
      .select(['state', 'version'])
      .where('id', '=', need.id)
      .executeTakeFirstOrThrow()
    expect(after).toEqual({ state: 'submitted', version: need.version })
  })
})
