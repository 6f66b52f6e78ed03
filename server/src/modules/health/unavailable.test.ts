import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConfig } from '../../../test/helpers.ts'
import { TEST_SECRET } from '../../../test/template.ts'
import { buildApp } from '../../app.ts'
import type { AppContext } from '../../context.ts'
import { type Database, openPostgres } from '../../db/connection.ts'
import { ManualClock } from '../../lib/clock.ts'
import type { TypedApp } from '../../lib/typed-app.ts'

/** A port that was free a moment ago: nothing listens there, so every connection is refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

let app: TypedApp
let database: Database

beforeAll(async () => {
  database = await openPostgres(`postgres://postgres@127.0.0.1:${await closedPort()}/tongxin`, 2)
  const ctx: AppContext = {
    config: testConfig(),
    database,
    db: database.db,
    clock: new ManualClock(new Date()),
    secret: TEST_SECRET,
  }
  app = await buildApp(ctx, { logger: false, web: false })
})
afterAll(async () => {
  await app?.close()
  await database?.close()
})

describe('a database that cannot be reached', () => {
  it('makes health answer 503 "unavailable" in the caller’s language, so a balancer stops sending traffic', async () => {
    for (const [lang, text] of [
      ['zh-CN', '服务暂不可用'],
      ['en-US', 'Service unavailable'],
    ] as const) {
      const res = await app.inject({ url: '/api/health', headers: { 'accept-language': lang } })
      expect(res.statusCode).toBe(503)
      expect(res.json()).toEqual({ code: 'unavailable', message: expect.stringContaining(text) })
      expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/)
    }
  })

  it('answers any route that needs the database the same way, not with a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'whatever-it-is' },
    })
    expect([res.statusCode, res.json().code]).toEqual([503, 'unavailable'])
  })
})
