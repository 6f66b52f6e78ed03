import type { AccountSummary, CreateAccountBody, Role, UpdateAccountBody } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPhone } from '../../lib/mask.ts'
import { ROLE_AREA_LEVEL, ROLE_SCOPES } from '../../lib/permissions.ts'
import { resolveScope, type ScopeRef } from '../../lib/scope.ts'
import { covers, requirePrincipal } from '../../plugins/auth.ts'
import { hashPassword } from '../auth/password.ts'
import { describeGrants, grantRef } from '../auth/service.ts'
import {
  type AccountRow,
  areaPath,
  findAccount,
  type GrantRow,
  grantsOf,
  listAccounts,
} from './repository.ts'

// Lower is more powerful; a manager may only hand out (or edit holders of) roles strictly below their own.
const RANK: Record<Role, number> = {
  admin: 0,
  district_admin: 1,
  street_admin: 2,
  building_chief: 3,
  secretary: 3,
  provider: 3,
  member: 4,
}

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
): Promise<AccountSummary> {
  const mine = grants.filter((g) => g.account_id === row.id).map((g) => ({ ...g, role: g.role as Role }))
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: showPhone ? row.phone : maskPhone(row.phone),
    disabled: row.disabled,
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
  const rows = await listAccounts(ctx.db, { areaPaths, q: query.q, afterId, limit: limit + 1 })
  const page = rows.slice(0, limit)
  const allGrants = await grantsOf(
    ctx.db,
    page.map((r) => r.id),
  )
  return {
    items: await Promise.all(page.map((r) => toSummary(ctx, r, allGrants, false))),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
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
  return toSummary(ctx, row, grants, showPhone)
}

/** Checks one grant for shape (role fits scope kind and level) and the caller's right to hand it out. */
async function checkGrant(ctx: AppContext, request: FastifyRequest, grant: NewGrant) {
  const role = grant.role as Role
  if (!ROLE_SCOPES[role].includes(grant.scopeType)) {
    throw new AppError('invalid_grant', { reason: `${role} @ ${grant.scopeType}` })
  }
  if ((grant.scopeType === 'city') !== (grant.scopeId === null)) {
    throw new AppError('invalid_grant', { reason: 'scopeId' })
  }
  const ref = grantRef({ scope_type: grant.scopeType, scope_id: grant.scopeId })
  const scope = await resolveScope(ctx.db, ref)
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
  const managing = request.grantsFor('account.manage').filter((g) => covers([g], scope))
  if (managing.length === 0) throw new AppError('forbidden_scope')
  if (!managing.some((g) => g.role === 'admin' || RANK[g.role] < RANK[role])) throw new AppError('forbidden')
  return scope.areaCode
}

export async function createAccount(ctx: AppContext, request: FastifyRequest, body: CreateAccountBody) {
  const areaCodes: Array<string | null> = []
  for (const g of body.grants) areaCodes.push(await checkGrant(ctx, request, g))
  const taken = await ctx.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', body.username)
    .executeTakeFirst()
  if (taken) throw new AppError('username_taken', { username: body.username })
  const passwordHash = await hashPassword(body.password)
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('account')
      .values({
        username: body.username,
        display_name: body.displayName,
        phone: body.phone ?? null,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
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
      detail: { username: body.username, grants: body.grants },
    })
    return id
  })
  return getAccount(ctx, request, id)
}

export async function updateAccount(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: UpdateAccountBody,
) {
  const principal = requirePrincipal(request)
  // Editing someone means being allowed to hand out every role they hold.
  for (const g of await grantsOf(ctx.db, [id])) {
    await checkGrant(ctx, request, {
      role: g.role as Role,
      scopeType: g.scope_type as NewGrant['scopeType'],
      scopeId: g.scope_id,
    })
  }
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
      action: 'account.update',
      entity: 'account',
      ids: [id],
      detail: { fields: Object.keys(changes), by: principal.username },
    })
  })
  return getAccount(ctx, request, id)
}
