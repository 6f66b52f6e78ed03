import type { SetGrantsBody, TemporaryPassword } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { hashPassword } from '../auth/password.ts'
import { generateTemporaryPassword } from './passwords.ts'
import { clearLocks, findAccount } from './repository.ts'
import { asInput, checkGrant, grantLabel, requireManageable } from './rules.ts'
import { DAY_MS, getAccount } from './service.ts'

/** How long a reset password lets its account sign in once. */
export const RESET_PASSWORD_HOURS = 24

/** Bumps the account's version if it is still the one the caller read, or says why not. */
async function bumpVersion(ctx: AppContext, trx: AppContext['db'], id: number, version: number) {
  const updated = await trx
    .updateTable('account')
    .set((eb) => ({ updated_at: ctx.clock.now(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst()
  if (!updated) {
    const current = await findAccount(trx, id)
    if (!current) throw new AppError('not_found')
    throw new AppError('version_conflict', { current: current.version })
  }
}

/**
 * Replaces an account's grants. The caller must manage the account as it is (every grant it holds is one
 * they could hand out) and hand out or take back only grants inside their own scope and below their rank;
 * an account keeps at least one grant, and nobody edits their own.
 */
export async function setGrants(ctx: AppContext, request: FastifyRequest, id: number, body: SetGrantsBody) {
  const { grants: current } = await requireManageable(ctx, request, id, { self: false })
  if (body.grants.length === 0) throw new AppError('last_grant')
  const seen = new Set<string>()
  for (const g of body.grants) {
    const label = grantLabel(g)
    if (seen.has(label)) throw new AppError('duplicate_grant', { grant: label })
    seen.add(label)
  }
  const before = new Map(current.map((g) => [grantLabel(asInput(g)), g]))
  const added = body.grants.filter((g) => !before.has(grantLabel(g)))
  const removed = current.filter((g) => !seen.has(grantLabel(asInput(g))))
  const areaCodes: Array<string | null> = []
  for (const g of added) areaCodes.push(await checkGrant(ctx, request, g))
  await ctx.db.transaction().execute(async (trx) => {
    await bumpVersion(ctx, trx, id, body.version)
    for (const g of removed) {
      await trx
        .deleteFrom('role_grant')
        .where('account_id', '=', id)
        .where('role', '=', g.role)
        .where('scope_type', '=', g.scope_type)
        .where((eb) => (g.scope_id === null ? eb('scope_id', 'is', null) : eb('scope_id', '=', g.scope_id)))
        .execute()
    }
    if (added.length > 0) {
      await trx
        .insertInto('role_grant')
        .values(
          added.map((g, i) => ({
            account_id: id,
            role: g.role,
            scope_type: g.scopeType,
            scope_id: g.scopeId,
            area_code: areaCodes[i] ?? null,
          })),
        )
        .execute()
    }
    await writeAudit(trx, request, {
      action: 'account.grants',
      entity: 'account',
      ids: [id],
      detail: { added: added.map(grantLabel), removed: removed.map((g) => grantLabel(asInput(g))) },
    })
  })
  return getAccount(ctx, request, id)
}

/** Lifts the locks that wrong passwords put on the account's logins. */
export async function unlockAccount(ctx: AppContext, request: FastifyRequest, id: number) {
  const { row } = await requireManageable(ctx, request, id)
  await ctx.db.transaction().execute(async (trx) => {
    const cleared = await clearLocks(trx, row.username, id)
    await writeAudit(trx, request, {
      action: 'account.unlock',
      entity: 'account',
      ids: [id],
      detail: { counters: cleared },
    })
  })
  return getAccount(ctx, request, id)
}

/**
 * Replaces the password with a generated one, shown to the caller this once: it expires after a day, signs
 * in once, and that login must set a new password before anything else. The old password stops working, the
 * account's sessions end and its login locks are lifted, in one transaction with the audit row.
 */
export async function resetPassword(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  version: number,
): Promise<TemporaryPassword> {
  const { row } = await requireManageable(ctx, request, id, { self: false })
  const temporary = generateTemporaryPassword()
  const passwordHash = await hashPassword(temporary)
  const expiresAt = new Date(ctx.clock.now().getTime() + (RESET_PASSWORD_HOURS * DAY_MS) / 24)
  await ctx.db.transaction().execute(async (trx) => {
    await bumpVersion(ctx, trx, id, version)
    await trx
      .updateTable('account')
      .set({ password_hash: passwordHash, must_change_password: true, temp_password_expires_at: expiresAt })
      .where('id', '=', id)
      .execute()
    const sessions = await trx.deleteFrom('session').where('account_id', '=', id).executeTakeFirst()
    await clearLocks(trx, row.username, id)
    await writeAudit(trx, request, {
      action: 'account.password_reset',
      entity: 'account',
      ids: [id],
      detail: { expiresAt: expiresAt.toISOString(), sessionsEnded: Number(sessions.numDeletedRows) },
    })
  })
  return { temporaryPassword: temporary, expiresAt: expiresAt.toISOString() }
}
