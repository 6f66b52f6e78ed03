import type { Role } from '@tongxin/contracts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { AppContext } from '../../context.ts'
import { hmac, randomToken } from '../../lib/crypto.ts'
import type { Principal } from '../../lib/principal.ts'
import { type SessionCache, type SessionRow, sessionCache } from './cache.ts'

export const SESSION_COOKIE = 'tx_session'
export const CSRF_COOKIE = 'tx_csrf'

// Writing last_seen_at on every request would turn each read into a write; a minute's slack is harmless.
const TOUCH_AFTER_MS = 60_000

type LoadResult =
  | { principal: Principal; problem: null }
  | { principal: null; problem: 'expired' | 'unknown' }

export async function loadSession(
  ctx: AppContext,
  token: string,
  request: FastifyRequest,
): Promise<LoadResult> {
  if (token.length > 100) return { principal: null, problem: 'unknown' }
  const cache = sessionCache(ctx.database)
  const now = ctx.clock.now().getTime()
  // A cached row answers only while nothing is due: expiry and the touch are decided on the database's row.
  const cached = cache.get(token)
  const row =
    cached && !isDue(ctx, cached, now)
      ? cached
      : await readSession(ctx, cache, token, hmac(ctx.secret, token))
  if (!row || row.disabled) return { principal: null, problem: 'unknown' }
  const id = row.id
  if (isExpired(ctx, row, now)) {
    cache.forget(id)
    await ctx.db.deleteFrom('session').where('id', '=', id).execute()
    return { principal: null, problem: 'expired' }
  }
  if (now - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await ctx.db
      .updateTable('session')
      .set({ last_seen_at: new Date(now) })
      .where('id', '=', id)
      .execute()
    row.last_seen_at = new Date(now)
  }
  request.account = row.username
  return {
    problem: null,
    principal: {
      accountId: row.account_id,
      username: row.username,
      displayName: row.display_name,
      sessionId: id,
      csrfToken: row.csrf_token,
      mustChangePassword: row.must_change_password,
      grants: row.grants.map((g) => ({ ...g, role: g.role as Role })),
    },
  }
}

const isExpired = (ctx: AppContext, row: SessionRow, now: number) =>
  now >= row.expires_at.getTime() ||
  now >= row.last_seen_at.getTime() + ctx.config.sessionIdleMinutes * 60_000

const isDue = (ctx: AppContext, row: SessionRow, now: number) =>
  isExpired(ctx, row, now) || now - row.last_seen_at.getTime() > TOUCH_AFTER_MS

async function readSession(
  ctx: AppContext,
  cache: SessionCache,
  token: string,
  id: string,
): Promise<SessionRow | null> {
  const ticket = cache.ticket()
  const readAt = performance.now()
  // One round trip: the session, its account and the account's grants together.
  const row = await ctx.db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select((eb) => [
      'session.id',
      'session.csrf_token',
      'session.last_seen_at',
      'session.expires_at',
      'account.id as account_id',
      'account.username',
      'account.display_name',
      'account.disabled',
      'account.must_change_password',
      jsonArrayFrom(
        eb
          .selectFrom('role_grant')
          .select(['role', 'scope_type', 'scope_id', 'area_code'])
          .whereRef('role_grant.account_id', '=', 'account.id')
          .orderBy('role_grant.id'),
      ).as('grants'),
    ])
    .where('session.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  if (!row.disabled) cache.put(ticket, token, row, readAt)
  return row
}

export async function createSession(ctx: AppContext, accountId: number, request: FastifyRequest) {
  const token = randomToken()
  const csrfToken = randomToken(24)
  const now = ctx.clock.now()
  await ctx.db
    .insertInto('session')
    .values({
      id: hmac(ctx.secret, token),
      account_id: accountId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ctx.config.sessionMaxHours * 3_600_000),
      ip: request.ip,
      user_agent: request.headers['user-agent']?.slice(0, 300) ?? null,
    })
    .execute()
  // Sessions past their lifetime are of no use to anyone; sweeping on login keeps the table small.
  await ctx.db.deleteFrom('session').where('expires_at', '<', now).execute()
  return { token, csrfToken }
}

export function setSessionCookies(ctx: AppContext, reply: FastifyReply, token: string, csrfToken: string) {
  const secure =
    ctx.config.cookieSecure === 'auto' ? reply.request.protocol === 'https' : ctx.config.cookieSecure
  const maxAge = ctx.config.sessionMaxHours * 3600
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge })
  // Readable by the page on purpose: it echoes the value in the x-csrf-token header (double submit).
  reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure, maxAge })
}
