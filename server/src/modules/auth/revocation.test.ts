import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_PASSWORD,
  login,
  onServer,
  request,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers.ts'
import { buildApp } from '../../app.ts'
import { openPostgres } from '../../db/connection.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { sessionCache } from './cache.ts'

/**
 * Sessions are cached per instance for a moment (modules/auth/cache.ts). Every change that ends or narrows a
 * session must refuse the very next request on this instance, however warm the cache is: each case below
 * first uses the session (so it is cached), then changes it, then asks again at once.
 */
const FENGPU = '310120002'
const STRONG = 'plum-river-lantern-42'

let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  // Only a notice may end a cached session here: a loaded machine must not pass these by the time limit.
  sessionCache(t.ctx.database).maxAgeMs = 10 * 60_000
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

const me = (s: Session) => request(t.app, s, 'GET', '/api/auth/me')
/** Database connections taken so far: every query outside a transaction takes one. */
const acquires = () => t.ctx.database.stats.acquires

async function newAccount(username: string, grants: object[]) {
  const res = await request(t.app, admin, 'POST', '/api/accounts', {
    username,
    displayName: '撤销测试',
    password: STRONG,
    grants,
  })
  expect(res.status, res.text).toBe(201)
  return res.body as { id: number; version: number }
}
/** Uses the session twice, so that whatever an instance keeps of it is warm. */
async function warm(s: Session) {
  for (let i = 0; i < 2; i++) expect((await me(s)).status).toBe(200)
}

describe('an authenticated read', () => {
  it('does not go to the database for its session when repeated', async () => {
    const s = await login(t.app, 'admin')
    await warm(s)
    const before = acquires()
    expect((await me(s)).status).toBe(200)
    expect(acquires() - before).toBe(0)
  })
})

describe('the next request after', () => {
  it('a logout is refused', async () => {
    const s = await login(t.app, 'fengpu_admin')
    await warm(s)
    expect((await request(t.app, s, 'POST', '/api/auth/logout')).status).toBe(200)
    expect((await me(s)).body.code).toBe('unauthenticated')
  })

  it('disabling the account is refused, on every session of it', async () => {
    const account = await newAccount('revoke_disable', [
      { role: 'member', scopeType: 'area', scopeId: FENGPU },
    ])
    const a = await login(t.app, 'revoke_disable', STRONG)
    const b = await login(t.app, 'revoke_disable', STRONG)
    await warm(a)
    await warm(b)
    const res = await request(t.app, admin, 'PATCH', `/api/accounts/${account.id}`, {
      version: account.version,
      disabled: true,
    })
    expect(res.status, res.text).toBe(200)
    for (const s of [a, b]) expect((await me(s)).status).toBe(401)
  })

  it('revoking a role is refused where that role was needed, and the rest still works', async () => {
    const account = await newAccount('revoke_role', [
      { role: 'member', scopeType: 'area', scopeId: FENGPU },
      { role: 'street_admin', scopeType: 'area', scopeId: FENGPU },
    ])
    const s = await login(t.app, 'revoke_role', STRONG)
    const units = () => request(t.app, s, 'GET', `/api/units?area=${FENGPU}&limit=5`)
    expect((await units()).status).toBe(200)
    expect((await units()).status).toBe(200)
    const res = await request(t.app, admin, 'PUT', `/api/accounts/${account.id}/grants`, {
      version: account.version,
      grants: [{ role: 'member', scopeType: 'area', scopeId: FENGPU }],
    })
    expect(res.status, res.text).toBe(200)
    expect((await units()).body.code).toBe('forbidden')
    expect((await me(s)).body.grants).toEqual([expect.objectContaining({ role: 'member' })])
  })

  it('a grant deleted by plain SQL (no service code) is refused too', async () => {
    const account = await newAccount('revoke_sql', [
      { role: 'member', scopeType: 'area', scopeId: FENGPU },
      { role: 'street_admin', scopeType: 'area', scopeId: FENGPU },
    ])
    const s = await login(t.app, 'revoke_sql', STRONG)
    const units = () => request(t.app, s, 'GET', `/api/units?area=${FENGPU}&limit=5`)
    expect((await units()).status).toBe(200)
    expect((await units()).status).toBe(200)
    await t.ctx.db
      .deleteFrom('role_grant')
      .where('account_id', '=', account.id)
      .where('role', '=', 'street_admin')
      .execute()
    expect((await units()).body.code).toBe('forbidden')
  })

  it('a password change is refused on the account’s other sessions, not on the one that changed it', async () => {
    await newAccount('revoke_password', [{ role: 'member', scopeType: 'area', scopeId: FENGPU }])
    const a = await login(t.app, 'revoke_password', STRONG)
    const b = await login(t.app, 'revoke_password', STRONG)
    await warm(a)
    await warm(b)
    const res = await request(t.app, a, 'POST', '/api/auth/password', {
      currentPassword: STRONG,
      newPassword: 'violet-harbour-compass-77',
    })
    expect(res.status, res.text).toBe(200)
    expect((await me(b)).status).toBe(401)
    expect((await me(a)).status).toBe(200)
  })

  it('a password reset by a manager is refused, and the temporary password must be changed first', async () => {
    const account = await newAccount('revoke_reset', [{ role: 'member', scopeType: 'area', scopeId: FENGPU }])
    const s = await login(t.app, 'revoke_reset', STRONG)
    await warm(s)
    const res = await request(t.app, admin, 'POST', `/api/accounts/${account.id}/reset-password`, {
      version: account.version,
    })
    expect(res.status, res.text).toBe(200)
    expect((await me(s)).status).toBe(401)
  })

  it('a changed display name shows at once', async () => {
    const account = await newAccount('revoke_name', [{ role: 'member', scopeType: 'area', scopeId: FENGPU }])
    const s = await login(t.app, 'revoke_name', STRONG)
    await warm(s)
    const res = await request(t.app, admin, 'PATCH', `/api/accounts/${account.id}`, {
      version: account.version,
      displayName: '新名字',
    })
    expect(res.status, res.text).toBe(200)
    expect((await me(s)).body.account.displayName).toBe('新名字')
  })

  // Last: it moves the clock past every session made before it.
  it('the idle timeout and the absolute lifetime are refused as expired', async () => {
    const idle = await login(t.app, 'fengxian_admin')
    await warm(idle)
    t.clock.advance((t.ctx.config.sessionIdleMinutes + 1) * 60_000)
    expect((await me(idle)).body.code).toBe('session_expired')

    const busy = await login(t.app, 'fengxian_admin')
    const hours = t.ctx.config.sessionMaxHours
    for (let h = 0; h < hours - 1; h++) {
      t.clock.advance(60 * 60_000)
      expect((await me(busy)).status).toBe(200)
      expect((await me(busy)).status).toBe(200)
    }
    t.clock.advance(61 * 60_000)
    expect((await me(busy)).body.code).toBe('session_expired')
  })
})

describe('a cached session', () => {
  beforeAll(async () => {
    admin = await login(t.app, 'admin')
  })
  it('still needs its CSRF token for unsafe requests', async () => {
    const s = await login(t.app, 'member_demo', DEMO_PASSWORD)
    await warm(s)
    const res = await request(t.app, null, 'POST', '/api/auth/logout', undefined, {
      headers: { cookie: s.cookie, 'x-csrf-token': 'not-the-token' },
    })
    expect(res.body.code).toBe('csrf_failed')
    expect((await me(s)).status).toBe(200)
  })
})

/**
 * A second instance in this process: its own pool and its own cache on the same PostgreSQL database, so
 * that only the database's notices can tell it. It polls until refused; the bound only keeps a broken
 * notice path from hanging the run (how soon it is refused is measured in bench/, not asserted here).
 */
describe.runIf(onServer)('another instance on the same PostgreSQL database', () => {
  let other: TypedApp
  let closeOther: () => Promise<void>
  beforeAll(async () => {
    admin = await login(t.app, 'admin')
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.ctx.db)
    const url = new URL(process.env.TEST_DATABASE_URL!)
    url.pathname = `/${rows[0]!.name}`
    const database = await openPostgres(url.toString(), 2)
    sessionCache(database).maxAgeMs = 10 * 60_000
    other = await buildApp({ ...t.ctx, database, db: database.db }, { logger: false, web: false })
    closeOther = async () => {
      await other.close()
      await database.close()
    }
  })
  afterAll(() => closeOther())

  const meThere = (s: Session) => request(other, s, 'GET', '/api/auth/me')
  async function refusedThere(s: Session) {
    const until = Date.now() + 60_000
    for (;;) {
      const res = await meThere(s)
      if (res.status === 401 || Date.now() > until) return res.status
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  it('a logout here is refused there', async () => {
    const s = await login(t.app, 'nanqiao_admin')
    expect((await meThere(s)).status).toBe(200)
    expect((await meThere(s)).status).toBe(200)
    expect((await request(t.app, s, 'POST', '/api/auth/logout')).status).toBe(200)
    expect(await refusedThere(s)).toBe(401)
  })

  it('an account disabled here is refused there', async () => {
    const account = await newAccount('revoke_there', [{ role: 'member', scopeType: 'area', scopeId: FENGPU }])
    const s = await login(t.app, 'revoke_there', STRONG)
    expect((await meThere(s)).status).toBe(200)
    const res = await request(t.app, admin, 'PATCH', `/api/accounts/${account.id}`, {
      version: account.version,
      disabled: true,
    })
    expect(res.status, res.text).toBe(200)
    expect(await refusedThere(s)).toBe(401)
  })
})
