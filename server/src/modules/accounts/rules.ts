import type { GrantInput, Role } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import { ROLE_AREA_LEVEL, ROLE_SCOPES } from '../../lib/permissions.ts'
import { type ResolvedScope, resolveScope } from '../../lib/scope.ts'
import { covers, requirePrincipal } from '../../plugins/auth.ts'
import { grantRef } from '../auth/service.ts'
import { type AccountRow, findAccount, type GrantRow, grantsOf } from './repository.ts'

// Lower is more powerful; a manager may only hand out (or edit holders of) roles strictly below their own.
export const RANK: Record<Role, number> = {
  admin: 0,
  district_admin: 1,
  street_admin: 2,
  building_chief: 3,
  secretary: 3,
  provider: 3,
  member: 4,
}

export const grantLabel = (g: GrantInput) => `${g.role}@${g.scopeType}${g.scopeId ? `:${g.scopeId}` : ''}`

/** A grant's shape: the role fits the kind of scope and the area level, and the place exists. */
export async function resolveGrant(ctx: AppContext, grant: GrantInput): Promise<ResolvedScope> {
  const role = grant.role as Role
  if (!ROLE_SCOPES[role].includes(grant.scopeType)) {
    throw new AppError('invalid_grant', { reason: `${role} @ ${grant.scopeType}` })
  }
  if ((grant.scopeType === 'city') !== (grant.scopeId === null)) {
    throw new AppError('invalid_grant', { reason: 'scopeId' })
  }
  // Row ids are digits; anything else names no place (and must not reach an integer column as text).
  if (
    grant.scopeType !== 'city' &&
    grant.scopeType !== 'area' &&
    !/^[1-9][0-9]{0,15}$/.test(grant.scopeId!)
  ) {
    throw new AppError('unknown_scope', { scope: `${grant.scopeType}:${grant.scopeId}` })
  }
  const scope = await resolveScope(ctx.db, grantRef({ scope_type: grant.scopeType, scope_id: grant.scopeId }))
  if (!scope) throw new AppError('unknown_scope', { scope: `${grant.scopeType}:${grant.scopeId}` })
  const level = ROLE_AREA_LEVEL[role]
  if (level) {
    const area = await ctx.db
      .selectFrom('area')
      .select('level')
      .where('code', '=', grant.scopeId!)
      .executeTakeFirst()
    if (area?.level !== level) throw new AppError('invalid_grant', { reason: `${role} needs a ${level}` })
  }
  return scope
}

/**
 * The caller may hand out this grant: they manage accounts over its place (their scope covers it) with a role
 * ranked above it (the city's admins hand out anything). Returns the grant's area, stored with it.
 */
export async function checkGrant(ctx: AppContext, request: FastifyRequest, grant: GrantInput) {
  const scope = await resolveGrant(ctx, grant)
  const managing = request.grantsFor('account.manage').filter((g) => covers([g], scope))
  if (managing.length === 0) throw new AppError('forbidden_scope')
  if (!managing.some((g) => g.role === 'admin' || RANK[g.role] < RANK[grant.role as Role])) {
    throw new AppError('forbidden')
  }
  return scope.areaCode
}

export const asInput = (g: GrantRow): GrantInput => ({
  role: g.role as Role,
  scopeType: g.scope_type as GrantInput['scopeType'],
  scopeId: g.scope_id,
})

/**
 * The caller manages this account: they could hand out every role it holds. So an account with grants in
 * two streets is managed only by someone whose scope covers both (their district, the city), and nobody
 * manages an account ranked as high as themselves. `self: false` also refuses the caller's own account.
 */
export async function requireManageable(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  opts: { self?: boolean } = {},
): Promise<{ row: AccountRow; grants: GrantRow[] }> {
  const row = await findAccount(ctx.db, id)
  if (!row) throw new AppError('not_found')
  if (opts.self === false && id === requirePrincipal(request).accountId) throw new AppError('not_yourself')
  const grants = await grantsOf(ctx.db, [id])
  for (const g of grants) await checkGrant(ctx, request, asInput(g))
  return { row, grants }
}
