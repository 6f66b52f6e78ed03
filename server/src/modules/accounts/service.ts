import type {
  AccountSummary,
  CreateAccountBody,
  CreatedAccount,
  Role,
  UpdateAccountBody,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPhone } from '../../lib/mask.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { hashPassword } from '../auth/password.ts'
import { describeGrants, grantRef } from '../auth/service.ts'
import { assertStrongPassword, generateTemporaryPassword } from './passwords.ts'
import {
  type AccountRow,
  areaPath,
  countAccounts,
  findAccount,
  type GrantRow,
  grantsOf,
  listAccounts,
  lockedUntil,
} from './repository.ts'
import { checkGrant, grantLabel, requireManageable } from './rules.ts'

export const DAY_MS = 86_400_000

type NewGrant = CreateAccountBody['grants'][number]

/** The places an account sits: wherever it holds a grant. */
export async function accountScopeRefs(db: Kysely<DB>, accountId: number): Promise<ScopeRef[]> {
  return (await grantsOf(db, [accountId])).map(grantRef)
}

async function toSummary(
  ctx: AppContext,
  row: AccountRow,
  grants: GrantRow[],
  showPhone: boolean,
  locks: Map<number, Date>,
): Promise<AccountSummary> {
  const mine = grants.filter((g) => g.account_id === row.id).map((g) => ({ ...g, role: g.role as Role }))
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: showPhone ? row.phone : maskPhone(row.phone),
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    lockedUntil: locks.get(row.id)?.toISOString() ?? null,
    grants: await describeGrants(ctx, mine),
    version: row.version,
  }
}

export async function listAccountPage(
  ctx: AppContext,
  request: FastifyRequest,
  query: { area?: string; q?: string; cursor?: string; limit?: number },
) {
  const limit = query.limit ?? 50
  const grants = request.grantsFor('account.read')
  let areaPaths: string[] | null
  if (query.area) {
    if (!(await request.can('account.read', { type: 'area', id: query.area }))) {
      throw new AppError((await areaPath(ctx.db, query.area)) ? 'forbidden_scope' : 'unknown_area', {
        code: query.area,
      })
    }
    areaPaths = [(await areaPath(ctx.db, query.area))!]
  } else if (grants.some((g) => g.scope_type === 'city')) {
    areaPaths = null
  } else {
    const codes = grants.map((g) => g.area_code).filter((c): c is string => c !== null)
    areaPaths = (await Promise.all(codes.map((c) => areaPath(ctx.db, c)))).filter((p): p is string => !!p)
  }
  const afterId = query.cursor
    ? decodeCursor(query.cursor, (v): v is number => Number.isInteger(v))
    : undefined
  const filters = { areaPaths, q: query.q }
  const [rows, total] = await Promise.all([
    listAccounts(ctx.db, { ...filters, afterId, limit: limit + 1 }),
    countAccounts(ctx.db, filters),
  ])
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
  const allGrants = await grantsOf(
    ctx.db,
    page.map((r) => r.id),
  )
  const locks = await lockedUntil(ctx.db, page, ctx.clock.now())
  return {
    items: await Promise.all(page.map((r) => toSummary(ctx, r, allGrants, false, locks))),
    nextCursor,
    total,
  }
}

/** Full phone only for roles that may see personal data here; every such read leaves an audit row. */
export async function getAccount(ctx: AppContext, request: FastifyRequest, id: number) {
  const row = await findAccount(ctx.db, id)
  if (!row) throw new AppError('not_found')
  const grants = await grantsOf(ctx.db, [id])
  let showPhone = false
  for (const g of grants) if (await request.can('account.pii', grantRef(g))) showPhone = true
  if (showPhone && row.phone) {
    await writeAudit(ctx.db, request, {
      action: 'pii.read',
      entity: 'account',
      ids: [id],
      detail: { fields: ['phone'] },
    })
  }
  return toSummary(ctx, row, grants, showPhone, await lockedUntil(ctx.db, [row], ctx.clock.now()))
}

/** How long a generated password lets a new account sign in for the first time. */
export const NEW_ACCOUNT_PASSWORD_DAYS = 7

function assertDistinct(grants: NewGrant[]) {
  const seen = new Set<string>()
  for (const g of grants) {
    const label = grantLabel(g)
    if (seen.has(label)) throw new AppError('duplicate_grant', { grant: label })
    seen.add(label)
  }
}

export async function createAccount(
  ctx: AppContext,
  request: FastifyRequest,
  body: CreateAccountBody,
): Promise<CreatedAccount> {
  assertDistinct(body.grants)
  const areaCodes: Array<string | null> = []
  for (const g of body.grants) areaCodes.push(await checkGrant(ctx, request, g))
  const taken = await ctx.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', body.username)
    .executeTakeFirst()
  if (taken) throw new AppError('username_taken', { username: body.username })
  if (body.password !== undefined)
    await assertStrongPassword(body.password, [body.username, body.displayName])
  // Without a password the server makes one up: shown once, and the account must replace it at first login.
  const temporary = body.password === undefined ? generateTemporaryPassword() : null
  const expiresAt = temporary
    ? new Date(ctx.clock.now().getTime() + NEW_ACCOUNT_PASSWORD_DAYS * DAY_MS)
    : null
  const passwordHash = await hashPassword(body.password ?? temporary!)
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('account')
      .values({
        username: body.username,
        display_name: body.displayName,
        phone: body.phone ?? null,
        password_hash: passwordHash,
        must_change_password: temporary !== null,
        temp_password_expires_at: expiresAt,
      })
      // Two creations of one name at once: the unique index decides, the loser hears "taken".
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst()
      .then((r) => r ?? Promise.reject(new AppError('username_taken', { username: body.username })))
    await trx
      .insertInto('role_grant')
      .values(
        body.grants.map((g, i) => ({
          account_id: id,
          role: g.role,
          scope_type: g.scopeType,
          scope_id: g.scopeId,
          area_code: areaCodes[i] ?? null,
        })),
      )
      .execute()
    await writeAudit(trx, request, {
      action: 'account.create',
      entity: 'account',
      ids: [id],
      detail: { username: body.username, grants: body.grants, temporaryPassword: temporary !== null },
    })
    return id
  })
  return {
    ...(await getAccount(ctx, request, id)),
    temporary: temporary ? { temporaryPassword: temporary, expiresAt: expiresAt!.toISOString() } : null,
  }
}

export async function updateAccount(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: UpdateAccountBody,
) {
  const principal = requirePrincipal(request)
  // Editing someone means being allowed to hand out every role they hold; nobody disables themselves.
  await requireManageable(ctx, request, id, { self: body.disabled === undefined })
  const changes: Record<string, unknown> = {}
  if (body.displayName !== undefined) changes.display_name = body.displayName
  if (body.phone !== undefined) changes.phone = body.phone
  if (body.disabled !== undefined) changes.disabled = body.disabled
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('account')
      .set((eb) => ({ ...changes, updated_at: ctx.clock.now(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', body.version)
      .returning('id')
      .executeTakeFirst()
    if (!updated) {
      const current = await findAccount(trx, id)
      if (!current) throw new AppError('not_found')
      throw new AppError('version_conflict', { current: current.version })
    }
    if (body.disabled === true) await trx.deleteFrom('session').where('account_id', '=', id).execute()
    await writeAudit(trx, request, {
      action:
        body.disabled === true
          ? 'account.disable'
          : body.disabled === false
            ? 'account.enable'
            : 'account.update',
      entity: 'account',
      ids: [id],
      detail: { fields: Object.keys(changes), by: principal.username },
    })
  })
  return getAccount(ctx, request, id)
}
