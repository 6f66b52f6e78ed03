import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { AppContext } from '../context.ts'
import { AppError, type ErrorCode } from '../lib/errors.ts'
import { type Permission, roleHas } from '../lib/permissions.ts'
import type { Principal, PrincipalGrant } from '../lib/principal.ts'
import { grantKey, type ResolvedScope, resolveScope, type ScopeRef } from '../lib/scope.ts'
import { loadSession, SESSION_COOKIE } from '../modules/auth/session.ts'

export type { Principal, PrincipalGrant }

/**
 * What a route declares: who may call it. `permission` alone means "holds it somewhere" (list routes then
 * narrow their rows to `request.grantsFor(permission)`); with `scope`, the caller must hold it over the
 * resource the scope function names — over any of the refs, or all of them with `match: 'all'`.
 */
export type Access =
  | 'public'
  | 'authenticated'
  | {
      permission: Permission
      // biome-ignore lint/suspicious/noExplicitAny: routes pass their own typed request.
      scope?: (request: any) => ScopeRef | ScopeRef[] | Promise<ScopeRef | ScopeRef[]>
      match?: 'any' | 'all'
    }

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
    /** Open to a session that must still change its password (change password, log out, who am I). */
    beforePasswordChange?: boolean
  }
  interface FastifyRequest {
    principal: Principal | null
    /** The signed-in username, for the request's log line. */
    account: string | null
    sessionProblem: 'expired' | 'unknown' | null
    /** The caller's grants that carry `permission`. */
    grantsFor(permission: Permission): PrincipalGrant[]
    /** Whether the caller holds `permission` over the resource; used inside handlers (e.g. to unmask PII). */
    can(permission: Permission, ref: ScopeRef): Promise<boolean>
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function covers(grants: PrincipalGrant[], scope: ResolvedScope): boolean {
  const anchors = new Set(scope.anchors)
  return grants.some((g) => anchors.has(grantKey(g)))
}

/**
 * What a caller is told when the record they named does not exist: only one who holds `permission` over the
 * whole city may tell a missing record from one out of their reach; anyone else gets `refused`, the answer the
 * route gives for a record out of reach.
 */
export function missingRecord(
  request: FastifyRequest,
  permission: Permission,
  refused: ErrorCode = 'forbidden_scope',
): AppError {
  return new AppError(
    request.grantsFor(permission).some((g) => g.scope_type === 'city') ? 'not_found' : refused,
  )
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal) return request.principal
  throw new AppError(request.sessionProblem === 'expired' ? 'session_expired' : 'unauthenticated')
}

function checkCsrf(request: FastifyRequest) {
  if (!UNSAFE.has(request.method)) return
  const principal = request.principal
  if (principal) {
    const header = request.headers['x-csrf-token']
    if (typeof header !== 'string' || header !== principal.csrfToken) throw new AppError('csrf_failed')
    return
  }
  // Without a session (login) a cross-site form post is still refused by its Origin.
  const origin = request.headers.origin
  if (origin && origin !== 'null') {
    let host: string
    try {
      host = new URL(origin).host
    } catch {
      throw new AppError('csrf_failed')
    }
    if (host !== request.headers.host) throw new AppError('csrf_failed')
  } else if (origin === 'null') {
    throw new AppError('csrf_failed')
  }
}

async function authorize(ctx: AppContext, request: FastifyRequest, access: Access) {
  if (access === 'public') return
  const principal = requirePrincipal(request)
  if (access === 'authenticated') return
  const grants = request.grantsFor(access.permission)
  if (grants.length === 0) throw new AppError('forbidden')
  if (!access.scope) return
  // A record that places itself nowhere (or whose scope function finds no record) does not exist. Only a
  // caller who holds the whole city learns that; to anyone else it is refused like a record in a place out of
  // reach, or counting ids would tell how many bookings, needs or parks exist city-wide.
  const missing = () => missingRecord(request, access.permission)
  let declared: ScopeRef | ScopeRef[]
  try {
    declared = await access.scope(request)
  } catch (error) {
    throw error instanceof AppError && error.code === 'not_found' ? missing() : error
  }
  const refs = Array.isArray(declared) ? declared : [declared]
  if (refs.length === 0) throw missing()
  const resolved: ResolvedScope[] = []
  for (const ref of refs) {
    const scope = await resolveScope(ctx.db, ref)
    // An area named by the client that does not exist is bad input (area codes are public). Any other missing
    // place is a 404 only for a caller who holds the whole city: to anyone else it is refused as one out of
    // reach, or probing ids would tell what exists (and how much) in places they may not read.
    if (!scope) {
      if (ref.type === 'area') throw new AppError('unknown_area', { code: ref.id })
      throw missing()
    }
    resolved.push(scope)
  }
  const ok =
    access.match === 'all'
      ? resolved.every((s) => covers(grants, s))
      : resolved.some((s) => covers(grants, s))
  if (!ok) {
    request.log.info({ account: principal.username, refs }, 'scope denied')
    throw new AppError('forbidden_scope')
  }
}

async function authPlugin(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('principal', null)
  app.decorateRequest('sessionProblem', null)
  app.decorateRequest('account', null)
  app.decorateRequest('grantsFor', function (this: FastifyRequest, permission: Permission) {
    return (this.principal?.grants ?? []).filter((g) => roleHas(g.role, permission))
  })
  app.decorateRequest('can', async function (this: FastifyRequest, permission: Permission, ref: ScopeRef) {
    const grants = this.grantsFor(permission)
    if (grants.length === 0) return false
    const scope = await resolveScope(ctx.db, ref)
    return scope !== null && covers(grants, scope)
  })

  // Every API route must say who may call it; a forgotten declaration fails at start-up, not in production.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...route.config, access: 'public' }
      return
    }
    if (route.url.startsWith('/api/') && route.method !== 'HEAD' && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`)
    }
  })

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (!token) return
    const result = await loadSession(ctx, token, request)
    if (result.principal) request.principal = result.principal
    else {
      request.sessionProblem = result.problem
      clearSessionCookies(reply)
    }
  })

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access
    if (!access) return
    if (access !== 'public') {
      const principal = requirePrincipal(request)
      // Enforced here, for every route, not only by the web app's redirect.
      if (principal.mustChangePassword && !request.routeOptions.config.beforePasswordChange)
        throw new AppError('password_change_required')
    }
    checkCsrf(request)
    await authorize(ctx, request, access)
  })
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
  reply.clearCookie('tx_csrf', { path: '/' })
}

export default fp(authPlugin, { name: 'auth' })
