import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { sessionCache } from '../auth/cache.ts'

/**
 * What a list page costs in statements, counted by the database handle's connection acquisitions (each
 * statement outside a transaction takes one). A page must not grow with its rows (no query per row), and
 * the session and the caller's areas are not read again on every page.
 */
let t: TestApp
const sessions: Record<string, Session> = {}
beforeAll(async () => {
  t = await startTestApp()
  // Counted on a warm session: a loaded machine must not let it lapse between two requests.
  sessionCache(t.ctx.database).maxAgeMs = 10 * 60_000
  for (const name of ['admin', 'fengpu_admin', 'secretary_demo']) sessions[name] = await login(t.app, name)
})
afterAll(() => t.close())

async function statements(who: string, url: string) {
  const headers = sessions[who]!.headers
  // Warm: the session and the areas are read once.
  expect((await t.app.inject({ url, headers })).statusCode).toBe(200)
  const before = t.ctx.database.stats.acquires
  const res = await t.app.inject({ url, headers })
  expect(res.statusCode, res.body).toBe(200)
  return {
    n: t.ctx.database.stats.acquires - before,
    rows: (res.json() as { items: unknown[] }).items.length,
  }
}

// Two statements: the page, and its total (the same WHERE, counted).
describe('a page of 50 units', () => {
  it('is two statements for the city and for a street, whatever the rows', async () => {
    expect(await statements('admin', '/api/units?limit=50')).toEqual({ n: 2, rows: 50 })
    expect(await statements('admin', '/api/units?limit=5')).toEqual({ n: 2, rows: 5 })
    const street = await statements('fengpu_admin', '/api/units?limit=50')
    expect(street.rows).toBeGreaterThan(10)
    expect(street.n).toBe(2)
    expect((await statements('admin', '/api/units?limit=50&area=310120002')).n).toBe(2)
    expect((await statements('admin', '/api/units?limit=50&sort=-employees')).n).toBe(2)
  })

  it('adds one statement for a secretary (the organisations below theirs)', async () => {
    const page = await statements('secretary_demo', '/api/units?limit=50')
    expect(page.rows).toBeGreaterThan(0)
    expect(page.n).toBe(3)
  })
})
