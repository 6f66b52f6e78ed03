import { type Grant, type Me, PASSWORD_FEEDBACK, type Role } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { permissionsOf } from '../../lib/permissions.ts'
import { resolveScope, type ScopeRef } from '../../lib/scope.ts'
import type { Principal, PrincipalGrant } from '../../plugins/auth.ts'
import { assertStrongPassword } from '../accounts/passwords.ts'
import { trustedDeviceId } from './device.ts'
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.ts'
import { createSession } from './session.ts'
import { loginCounters, passwordChangeCounters, reserveAttempt, settleSuccess } from './throttle.ts'

export async function login(ctx: AppContext, request: FastifyRequest, username: string, password: string) {
  const name = username.trim().toLowerCase()
  const deviceId = trustedDeviceId(ctx, request, name)
  // Counted before the slow check, so parallel guesses cannot all slip past the limit.
  const reservation = await reserveAttempt(ctx, loginCounters(name, request.ip, deviceId), 'login_locked')
  const account = await ctx.db
    .selectFrom('account')
    .select(['id', 'password_hash', 'disabled', 'must_change_password', 'temp_password_expires_at'])
    .where('username', '=', name)
    .executeTakeFirst()
  let ok = false
  if (account) ok = await verifyPassword(account.password_hash, password)
  else await burnPasswordCheck(password)
  if (!account || !ok) {
    await writeAudit(ctx.db, request, { action: 'auth.login_failed', username: name })
    throw new AppError('invalid_credentials')
  }
  await settleSuccess(ctx, reservation)
  // Saying "disabled" only after the right password keeps it from revealing which accounts exist.
  if (account.disabled) throw new AppError('account_disabled')
  const now = ctx.clock.now()
  if (account.must_change_password && account.temp_password_expires_at) {
    // A temporary password signs in once, before it expires; the login that uses it spends it.
    const spent = await ctx.db
      .updateTable('account')
      .set({ temp_password_expires_at: now })
      .where('id', '=', account.id)
      .where('temp_password_expires_at', '>', now)
      .returning('id')
      .executeTakeFirst()
    if (!spent) {
      await writeAudit(ctx.db, request, {
        action: 'auth.temporary_password_refused',
        accountId: account.id,
        username: name,
      })
      throw new AppError('temporary_password_expired')
    }
  }
  const session = await createSession(ctx, account.id, request)
  await writeAudit(ctx.db, request, { action: 'auth.login', accountId: account.id, username: name })
  return { accountId: account.id, username: name, ...session }
}

export async function logout(ctx: AppContext, request: FastifyRequest, principal: Principal) {
  await ctx.db.deleteFrom('session').where('id', '=', principal.sessionId).execute()
  await writeAudit(ctx.db, request, { action: 'auth.logout' })
}

export async function changePassword(
  ctx: AppContext,
  request: FastifyRequest,
  principal: Principal,
  current: string,
  next: string,
) {
  const reservation = await reserveAttempt(
    ctx,
    passwordChangeCounters(principal.accountId),
    'password_attempts_locked',
  )
  const row = await ctx.db
    .selectFrom('account')
    .select(['password_hash', 'display_name'])
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow()
  if (!(await verifyPassword(row.password_hash, current))) {
    await writeAudit(ctx.db, request, { action: 'auth.password_change_failed' })
    throw new AppError('wrong_password')
  }
  await settleSuccess(ctx, reservation)
  if (next === current) throw new AppError('weak_password', { reason: PASSWORD_FEEDBACK.sameAsCurrent! })
  await assertStrongPassword(next, [principal.username, row.display_name])
  const passwordHash = await hashPassword(next)
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('account')
      .set((eb) => ({
        password_hash: passwordHash,
        must_change_password: false,
        temp_password_expires_at: null,
        updated_at: ctx.clock.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', principal.accountId)
      .execute()
    // Other devices signed in with the old password are signed out.
    await trx
      .deleteFrom('session')
      .where('account_id', '=', principal.accountId)
      .where('id', '!=', principal.sessionId)
      .execute()
    await writeAudit(trx, request, {
      action: 'auth.password_changed',
      entity: 'account',
      ids: [principal.accountId],
      detail: principal.mustChangePassword ? { replacedTemporary: true } : undefined,
    })
  })
}

export function grantRef(g: Pick<PrincipalGrant, 'scope_type' | 'scope_id'>): ScopeRef {
  return g.scope_type === 'city' ? { type: 'city' } : ({ type: g.scope_type, id: g.scope_id } as ScopeRef)
}

export async function describeGrants(ctx: AppContext, grants: PrincipalGrant[]): Promise<Grant[]> {
  return Promise.all(
    grants.map(async (g) => ({
      role: g.role as Role,
      scopeType: g.scope_type as Grant['scopeType'],
      scopeId: g.scope_id,
      scopeName: (await resolveScope(ctx.db, grantRef(g)))?.name ?? g.scope_id ?? '',
    })),
  )
}

export async function toMe(ctx: AppContext, principal: Principal): Promise<Me> {
  const permissions: string[] = permissionsOf(principal.grants.map((g) => g.role))
  if (!permissions.includes('account.invite')) {
    // A point's named coordinator invites volunteers to it, whatever their role.
    const coordinator = await ctx.db
      .selectFrom('volunteer_point_coordinator')
      .select('point_id')
      .where('account_id', '=', principal.accountId)
      .limit(1)
      .executeTakeFirst()
    if (coordinator) permissions.push('account.invite')
  }
  return {
    account: { id: principal.accountId, username: principal.username, displayName: principal.displayName },
    grants: await describeGrants(ctx, principal.grants),
    permissions,
    mustChangePassword: principal.mustChangePassword,
    csrfToken: principal.csrfToken,
  }
}
