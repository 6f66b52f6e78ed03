import type { CreateInvitationBody, GrantInput, Invitation, Role } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { hmac, randomToken } from '../../lib/crypto.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { decryptPii, encryptPii } from '../../lib/pii.ts'
import { grantKey, resolveScope } from '../../lib/scope.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { grantRef } from '../auth/service.ts'
import { eventRefs } from '../events/access.ts'
import { coordinates, loadPoint, pointScope } from '../volunteers/access.ts'
import {
  type InvitationRow,
  type InvitationStatus,
  invitationQuery,
  statusOf,
  whereStatus,
} from './invitations.repository.ts'
import { areaPath } from './repository.ts'
import { checkGrant, resolveGrant } from './rules.ts'
import { DAY_MS } from './service.ts'

/** The lookup key of a token: an HMAC under the app secret, so the table alone gives no usable link. */
export const tokenHash = (secret: string, token: string) => hmac(secret, `invitation:${token}`)

/** Where the web app's sign-up page is; the token rides in the fragment, which browsers never send. */
export const joinUrl = (request: FastifyRequest, token: string) =>
  `${request.protocol}://${request.host}/join#${token}`

interface Target {
  grant: GrantInput & { scopeType: Exclude<GrantInput['scopeType'], 'city'>; scopeId: string }
  areaCode: string | null
  pointId: number | null
  eventId: number | null
  volunteer: boolean
}

const isDenied = (err: unknown) =>
  err instanceof AppError && (err.code === 'forbidden' || err.code === 'forbidden_scope')

/**
 * What the invitation brings and whether the caller may offer it. Staff offer what they could grant
 * directly (their scope, below their rank); a building's chief offers member (and volunteer) places in that
 * building; a point's coordinator volunteers at that point; an event's organisers members of the public in
 * its area. Runs before any transaction: the checks read scopes through ctx.db.
 */
async function targetOf(
  ctx: AppContext,
  request: FastifyRequest,
  body: CreateInvitationBody,
): Promise<Target> {
  const principal = requirePrincipal(request)
  const byGrant = body.role !== undefined || body.scopeType !== undefined || body.scopeId !== undefined
  if (Number(byGrant) + Number(body.pointId !== undefined) + Number(body.eventId !== undefined) !== 1) {
    throw new AppError('invitation_target')
  }
  if (body.pointId !== undefined) {
    const point = await loadPoint(ctx, body.pointId)
    if (!(await coordinates(ctx, request, point))) throw new AppError('forbidden_scope')
    const ref = pointScope(point)
    return {
      grant: {
        role: 'member',
        scopeType: ref.type as 'area' | 'building',
        scopeId: (ref as { id: string }).id,
      },
      areaCode: point.area_code,
      pointId: point.id,
      eventId: null,
      volunteer: true,
    }
  }
  if (body.eventId !== undefined) {
    const e = await ctx.db.selectFrom('event').selectAll().where('id', '=', body.eventId).executeTakeFirst()
    if (!e) throw new AppError('not_found')
    let organiser = false
    for (const ref of eventRefs(e)) organiser ||= await request.can('event.manage', ref)
    if (!organiser) throw new AppError('forbidden_scope')
    if (e.status === 'cancelled') throw new AppError('event_cancelled')
    if (e.ends_at <= ctx.clock.now()) throw new AppError('event_over')
    if (e.audience !== 'all') throw new AppError('invitation_event_audience')
    return {
      grant: { role: 'member', scopeType: 'area', scopeId: e.area_code },
      areaCode: e.area_code,
      pointId: null,
      eventId: e.id,
      volunteer: false,
    }
  }
  if (!body.role || !body.scopeType || body.scopeId === undefined) throw new AppError('invitation_target')
  if (body.role === 'admin' || body.scopeType === 'city') {
    throw new AppError('invalid_grant', { reason: 'admin / city' })
  }
  const grant = { role: body.role, scopeType: body.scopeType, scopeId: body.scopeId }
  if (body.volunteer && grant.role !== 'member') throw new AppError('invalid_grant', { reason: 'volunteer' })
  let areaCode: string | null
  try {
    areaCode = await checkGrant(ctx, request, grant)
  } catch (err) {
    // A chief invites the members and volunteers of their own building, nothing else.
    const chiefOf = principal.grants.some(
      (g) => g.role === 'building_chief' && grantKey(g) === `building:${grant.scopeId}`,
    )
    if (!isDenied(err) || !(chiefOf && grant.role === 'member' && grant.scopeType === 'building')) throw err
    areaCode = (await resolveGrant(ctx, grant)).areaCode
  }
  return { grant, areaCode, pointId: null, eventId: null, volunteer: body.volunteer ?? false }
}

async function toInvitation(ctx: AppContext, request: FastifyRequest, r: InvitationRow): Promise<Invitation> {
  const scope = await resolveScope(ctx.db, grantRef(r))
  return {
    id: r.id,
    role: r.role as Role,
    scopeType: r.scope_type as Invitation['scopeType'],
    scopeId: r.scope_id,
    scopeName: scope?.name ?? r.scope_id,
    point: r.point_id ? { id: r.point_id, name: r.point_name ?? '' } : null,
    event: r.event_id ? { id: r.event_id, title: r.event_title ?? '' } : null,
    volunteer: r.volunteer,
    note: r.note,
    maxUses: r.max_uses,
    uses: r.uses,
    expiresAt: r.expires_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    status: statusOf(r, ctx.clock.now()),
    createdBy: r.creator_name,
    createdAt: r.created_at.toISOString(),
    url: joinUrl(request, decryptPii(ctx.secret, r.token_sealed)),
    version: r.version,
  }
}

export async function createInvitation(ctx: AppContext, request: FastifyRequest, body: CreateInvitationBody) {
  const principal = requirePrincipal(request)
  const target = await targetOf(ctx, request, body)
  const token = randomToken(24)
  const now = ctx.clock.now()
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('invitation')
      .values({
        token_hash: tokenHash(ctx.secret, token),
        // Sealed with the app secret, so whoever may manage it can print its link again.
        token_sealed: encryptPii(ctx.secret, token),
        role: target.grant.role,
        scope_type: target.grant.scopeType,
        scope_id: target.grant.scopeId,
        area_code: target.areaCode,
        point_id: target.pointId,
        event_id: target.eventId,
        volunteer: target.volunteer,
        note: body.note?.trim() || null,
        max_uses: body.maxUses,
        expires_at: new Date(now.getTime() + body.expiresInDays * DAY_MS),
        created_by: principal.accountId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, {
      action: 'invitation.create',
      entity: 'invitation',
      ids: [id],
      detail: { ...target.grant, pointId: target.pointId, eventId: target.eventId, maxUses: body.maxUses },
    })
    return id
  })
  return getInvitation(ctx, request, id)
}

/**
 * Which invitations the caller sees: their own, and for staff those in the areas they manage accounts of.
 * A WHERE condition on `i`, or null for everything (the city's admins).
 */
async function visibility(ctx: AppContext, request: FastifyRequest) {
  const principal = requirePrincipal(request)
  const managed = request.grantsFor('account.manage')
  if (managed.some((g) => g.scope_type === 'city')) return null
  const paths: string[] = []
  for (const g of managed) {
    const path = g.area_code ? await areaPath(ctx.db, g.area_code) : undefined
    if (path) paths.push(path)
  }
  return { accountId: principal.accountId, paths }
}

function visibleQuery(ctx: AppContext, seen: Awaited<ReturnType<typeof visibility>>) {
  const q = invitationQuery(ctx.db)
  if (seen === null) return q
  return q.where((eb) =>
    eb.or([
      eb('i.created_by', '=', seen.accountId),
      ...seen.paths.map((p) =>
        eb.exists(
          eb
            .selectFrom('area as a')
            .select('a.code')
            .whereRef('a.code', '=', 'i.area_code')
            .where((w) => w.or([w('a.path', '=', p), w('a.path', 'like', `${p}/%`)])),
        ),
      ),
    ]),
  )
}

export async function listInvitations(
  ctx: AppContext,
  request: FastifyRequest,
  query: { status?: InvitationStatus; cursor?: string; limit?: number },
) {
  const limit = query.limit ?? 50
  // One WHERE for the page and its total.
  const seen = await visibility(ctx, request)
  const filtered = () => {
    const q = visibleQuery(ctx, seen)
    return query.status ? q.where(whereStatus(query.status, ctx.clock.now())) : q
  }
  let q = filtered()
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
  if (query.cursor) {
    const before = decodeCursor(query.cursor, (v): v is number => Number.isInteger(v))
    q = q.where('i.id', '<', before)
  }
  const [rows, counted] = await Promise.all([
    q.execute(),
    filtered()
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
  return {
    items: await Promise.all(page.map((r) => toInvitation(ctx, request, r))),
    nextCursor,
    total: Number(counted.n),
  }
}

/** Someone else's invitation outside the caller's areas answers 404, exactly like a missing one. */
async function visibleRow(ctx: AppContext, request: FastifyRequest, id: number) {
  const row = await visibleQuery(ctx, await visibility(ctx, request))
    .where('i.id', '=', id)
    .executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return row
}

export async function getInvitation(ctx: AppContext, request: FastifyRequest, id: number) {
  return toInvitation(ctx, request, await visibleRow(ctx, request, id))
}

export async function invitationLink(ctx: AppContext, request: FastifyRequest, id: number) {
  const row = await visibleRow(ctx, request, id)
  return joinUrl(request, decryptPii(ctx.secret, row.token_sealed))
}

/** Its creator, or staff who could grant what it grants, may revoke it; the links stop working at once. */
export async function revokeInvitation(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  version: number,
) {
  const principal = requirePrincipal(request)
  const row = await visibleRow(ctx, request, id)
  if (row.created_by !== principal.accountId) {
    await checkGrant(ctx, request, {
      role: row.role as Role,
      scopeType: row.scope_type as GrantInput['scopeType'],
      scopeId: row.scope_id,
    })
  }
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('invitation')
      .set((eb) => ({
        revoked_at: ctx.clock.now(),
        revoked_by: principal.accountId,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!done) {
      const now = await trx.selectFrom('invitation').select('version').where('id', '=', id).executeTakeFirst()
      throw new AppError('version_conflict', { current: now?.version ?? version })
    }
    await writeAudit(trx, request, { action: 'invitation.revoke', entity: 'invitation', ids: [id] })
  })
  return getInvitation(ctx, request, id)
}
