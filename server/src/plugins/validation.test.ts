import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, openTestDatabase, type Session, testConfig } from '../../test/helpers.ts'
import { TEST_SECRET } from '../../test/template.ts'
import { buildApp } from '../app.ts'
import type { AppContext } from '../context.ts'
import type { Database } from '../db/connection.ts'
import { ManualClock } from '../lib/clock.ts'
import type { TypedApp } from '../lib/typed-app.ts'

/** The two inputs of issue 11 that gave 500s with a stack in the log, and the database's refusals. */

let app: TypedApp
let ctx: AppContext
let database: Database
let admin: Session
const logs: Array<{ level: number; msg: string; err?: { stack?: string } }> = []

beforeAll(async () => {
  database = await openTestDatabase()
  ctx = {
    config: testConfig(),
    database,
    db: database.db,
    clock: new ManualClock(new Date()),
    secret: TEST_SECRET,
  }
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line))
      done()
    },
  })
  app = await buildApp(ctx, { logger: { level: 'info', stream }, web: false })
  // The database itself refusing values, as it would for input that validation let through.
  app.get('/api/test/refused/:kind', { config: { access: 'public' } }, async (request) => {
    const kind = (request.params as { kind: string }).kind
    if (kind === 'range') await sql`SELECT ${'9223372036854775808'}::bigint`.execute(ctx.db)
    if (kind === 'syntax') await sql`SELECT ${'Infinity'}::bigint`.execute(ctx.db)
    if (kind === 'date') await sql`SELECT ${'2025-02-30'}::date`.execute(ctx.db)
    if (kind === 'limit')
      await sql`DO $$ BEGIN RAISE EXCEPTION 'index row too big' USING ERRCODE = 'program_limit_exceeded'; END $$`.execute(
        ctx.db,
      )
    return { ok: true }
  })
  admin = await login(app, 'admin')
})
afterAll(async () => {
  await app?.close()
  await database?.close()
})

const ERROR = 50
const errorLogs = () => logs.filter((l) => l.level >= ERROR)

describe('NUL characters', () => {
  it('in the login body → 400 nul_character, in both languages, and nothing logged as an error', async () => {
    logs.length = 0
    const zh = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ad\u0000min', password: 'tongxin-demo' },
    })
    expect(zh.statusCode).toBe(400)
    expect(zh.json()).toEqual({
      code: 'nul_character',
      message: 'body.username 含有空字符（U+0000），请删除后重试',
    })
    const en = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US' },
      payload: { username: 'admin', password: 'tongxin\u0000demo' },
    })
    expect(en.json()).toEqual({
      code: 'nul_character',
      message: 'body.password contains a NUL character (U+0000); remove it and try again',
    })
    expect(errorLogs()).toEqual([])
  })

  it('in q= → 400 nul_character', async () => {
    logs.length = 0
    for (const url of [
      '/api/people?q=%E5%BC%A0%00',
      '/api/enterprise/policies?q=a%00b',
      '/api/accounts?q=%00',
    ]) {
      const res = await app.inject({ url, headers: admin.headers })
      expect(res.statusCode, url).toBe(400)
      expect(res.json().code).toBe('nul_character')
      expect(res.json().message).toMatch(/^query\.q /)
    }
    expect(errorLogs()).toEqual([])
  })

  it('anywhere in a body, keys and nested values included', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/buildings',
      headers: admin.headers,
      payload: { name: 'x', areaCode: '310120002', floors: 10, address: { '\u0000': 1 } },
    })
    expect(res.json().code).toBe('nul_character')
    const nested = await app.inject({
      method: 'POST',
      url: '/api/enterprise/brands/1/assessments',
      headers: admin.headers,
      payload: { assessedOn: '2025-06-02', scores: [{ criterion: 'a\u0000', score: 1, max: 1 }] },
    })
    expect(nested.json()).toMatchObject({
      code: 'nul_character',
      message: expect.stringMatching(/body\.scores\[0\]\.criterion/),
    })
  })
})

describe('numbers', () => {
  it('an id of 2^63 → 400 validation_failed naming the id, and nothing logged as an error', async () => {
    logs.length = 0
    for (const url of ['/api/buildings/9223372036854775808', '/api/waste/board/9223372036854775808']) {
      const res = await app.inject({ url, headers: { ...admin.headers, 'accept-language': 'en-US' } })
      expect(res.statusCode, url).toBe(400)
      expect(res.json()).toMatchObject({
        code: 'validation_failed',
        fields: [expect.objectContaining({ field: 'id', keyword: 'maximum' })],
      })
    }
    expect(errorLogs()).toEqual([])
  })

  it('2^53 + 1, which JavaScript would round to another id, is refused too', async () => {
    const res = await app.inject({ url: '/api/buildings/9007199254740993', headers: admin.headers })
    expect(res.statusCode).toBe(400)
  })

  it('1e309 (Infinity) in a query, a path or a body → 400, never an endless quiz', async () => {
    const quiz = await app.inject({ url: '/api/waste/quiz?n=1e309' })
    expect(quiz.statusCode).toBe(400)
    expect((await app.inject({ url: '/api/buildings/1e309', headers: admin.headers })).statusCode).toBe(400)
    const body = await app.inject({
      method: 'PATCH',
      url: '/api/accounts/1',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"version":1e309}',
    })
    expect(body.statusCode).toBe(400)
    expect(body.json().code).toBe('validation_failed')
  })

  it('a date that is not in the calendar → 400 before the database sees it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/enterprise/brands/1/assessments',
      headers: admin.headers,
      payload: { assessedOn: '2025-13-45', scores: [{ criterion: 'x', score: 1, max: 1 }] },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('validation_failed')
  })
})

describe('values the database refuses', () => {
  it.each(['range', 'syntax', 'date', 'limit'])(
    '%s → 400 invalid_value without the SQL message',
    async (kind) => {
      logs.length = 0
      const res = await app.inject({
        url: `/api/test/refused/${kind}`,
        headers: { 'accept-language': 'en-US' },
      })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({
        code: 'invalid_value',
        message: 'A value in the request is out of range, malformed or too long to be stored',
      })
      expect(res.body).not.toMatch(/bigint|Infinity|9223|date|index/i)
      expect(errorLogs()).toEqual([])
      // Logged as a gap in validation, with the database's code and without the value.
      const warn = logs.find((l) => l.msg === 'database refused a value') as
        | Record<string, unknown>
        | undefined
      expect(warn).toMatchObject({ level: 40, pgCode: expect.stringMatching(/^(22|54)/) })
      expect(JSON.stringify(warn)).not.toMatch(/9223|Infinity|2025-02-30/)
    },
  )
})
