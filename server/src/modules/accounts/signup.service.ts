import type { AccountSignupBody, Role, SignupInfo } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { shanghaiDateTime } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { resolveScope } from '../../lib/scope.ts'
import { hashPassword } from '../auth/password.ts'
import { grantRef } from '../auth/service.ts'
import { createSession } from '../auth/session.ts'
import { type Counter, reserveAttempt, settleSuccess } from '../auth/throttle.ts'
import { noticeInvitationAccepted } from '../notifications/flows.people.ts'
import { type InvitationRow, invitationQuery, statusOf, takeUse } from './invitations.repository.ts'
import { tokenHash } from './invitations.service.ts'
import { assertStrongPassword } from './passwords.ts'

/**
 * Unknown tokens per address: a guess at a 192-bit token never succeeds, and this keeps the public route
 * from being a cheap oracle. A genuine token (whatever its state) gives its attempt back.
 */
export const SIGNUP_LIMIT = 10
const signupCounters = (ip: string): Counter[] => [
  { key: `signup:${ip}`, max: SIGNUP_LIMIT, onSuccess: 'refund' },
]

/** "2025-06-30 18:00" in Shanghai time, for the expiry message. */
const shanghaiTime = (d: Date) => shanghaiDateTime(d).slice(0, 16)

function assertOpen(row: InvitationRow, now: Date) {
  const status = statusOf(row, now)
  if (status === 'revoked') throw new AppError('invitation_revoked')
  if (status === 'used_up') throw new AppError('invitation_used_up')
  if (status === 'expired') throw new AppError('invitation_expired', { at: shanghaiTime(row.expires_at) })
}

/**
 * The invitation a token opens. Anything that is not a genuine token gets one answer, "invalid or expired",
 * and counts against the address; a genuine token may say more (expired, used up, revoked): its holder was
 * given it.
 */
async function byToken(ctx: AppContext, request: FastifyRequest, token: string) {
  const reservation = await reserveAttempt(ctx, signupCounters(request.ip), 'signup_locked')
  const row = await invitationQuery(ctx.db)
    .where('i.token_hash', '=', tokenHash(ctx.secret, token))
    .executeTakeFirst()
  if (!row) throw new AppError('invitation_invalid')
  await settleSuccess(ctx, reservation)
  return row
}

export async function signupInfo(
  ctx: AppContext,
  request: FastifyRequest,
  token: string,
): Promise<SignupInfo> {
  const row = await byToken(ctx, request, token)
  assertOpen(row, ctx.clock.now())
  const scope = await resolveScope(ctx.db, grantRef(row))
  return {
    role: row.role as Role,
    scopeName: scope?.name ?? '',
    pointName: row.point_name,
    event: row.event_id ? { id: row.event_id, title: row.event_title ?? '' } : null,
    volunteer: row.volunteer,
    invitedBy: row.creator_name ?? '',
    expiresAt: row.expires_at.toISOString(),
  }
}

async function insertAccount(trx: Kysely<DB>, row: InvitationRow, body: AccountSignupBody, hash: string) {
  const account = await trx
    .insertInto('account')
    .values({
      username: body.username,
      display_name: body.displayName.trim(),
      phone: body.phone ?? null,
      password_hash: hash,
    })
    // Two sign-ups choosing one name at once: the unique index decides; the loser's use is given back.
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!account) throw new AppError('username_taken', { username: body.username })
  await trx
    .insertInto('role_grant')
    .values({
      account_id: account.id,
      role: row.role,
      scope_type: row.scope_type,
      scope_id: row.scope_id,
      area_code: row.area_code,
    })
    .execute()
  if (row.volunteer) {
    await trx
      .insertInto('volunteer')
      .values({ account_id: account.id, display_name: body.displayName.trim() })
      .execute()
  }
  return account.id
}

/**
 * Creates the invitee's account in the invitation's role and place and signs them in. The use is taken by a
 * conditional update in the same transaction as the account, its grant, its volunteer profile, the audit
 * row and the inviter's notice: all of it, or none (a taken username gives the use back).
 */
export async function signUp(ctx: AppContext, request: FastifyRequest, body: AccountSignupBody) {
  const row = await byToken(ctx, request, body.token)
  assertOpen(row, ctx.clock.now())
  await assertStrongPassword(body.password, [body.username, body.displayName])
  const taken = await ctx.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', body.username)
    .executeTakeFirst()
  if (taken) throw new AppError('username_taken', { username: body.username })
  const hash = await hashPassword(body.password)
  // Signing up is anonymous: a session this browser had (someone else's) ends, and the audit names the new account.
  const previous = request.principal
  request.principal = null
  if (previous) await ctx.db.deleteFrom('session').where('id', '=', previous.sessionId).execute()
  const now = ctx.clock.now()
  const accountId = await ctx.db.transaction().execute(async (trx) => {
    if (!(await takeUse(trx, row.id, now))) {
      const current = await invitationQuery(trx).where('i.id', '=', row.id).executeTakeFirstOrThrow()
      assertOpen(current, now)
      throw new AppError('invitation_used_up')
    }
    const id = await insertAccount(trx, row, body, hash)
    await trx
      .insertInto('invitation_use')
      .values({ invitation_id: row.id, account_id: id, used_at: now, ip: request.ip })
      .execute()
    await writeAudit(trx, request, {
      action: 'account.signup',
      entity: 'account',
      ids: [id],
      accountId: id,
      username: body.username,
      detail: {
        invitationId: row.id,
        role: row.role,
        scope: `${row.scope_type}:${row.scope_id}`,
        volunteer: row.volunteer,
      },
    })
    if (row.created_by !== null) {
      await noticeInvitationAccepted(
        ctx,
        trx,
        {
          inviterAccountId: row.created_by,
          newAccountId: id,
          displayName: body.displayName.trim(),
          areaCode: row.area_code,
        },
        now,
      )
    }
    return id
  })
  const session = await createSession(ctx, accountId, request)
  return { accountId, eventId: row.event_id, ...session }
}
