import type { Floating, FloatingInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadOrg, today } from './access.ts'

const DIRECTION = {
  in: { 'zh-CN': '流入', 'en-US': 'incoming' },
  out: { 'zh-CN': '外出', 'en-US': 'away' },
} as const

export function floatingQuery(db: Kysely<DB>) {
  return db
    .selectFrom('orglife_floating as f')
    .innerJoin('person as p', 'p.id', 'f.person_id')
    .innerJoin('party_org as o', 'o.id', 'f.party_org_id')
    .leftJoin('party_org as h', 'h.id', 'f.home_org_id')
    .selectAll('f')
    .select(['p.name', 'o.name as org_name', 'h.name as home_name'])
}

type Row = Awaited<ReturnType<ReturnType<typeof floatingQuery>['executeTakeFirstOrThrow']>>

const toFloating = (r: Row): Floating => ({
  id: r.id,
  personId: r.person_id,
  name: r.name,
  direction: r.direction,
  partyOrgId: r.party_org_id,
  partyOrgName: r.org_name,
  homeOrgId: r.home_org_id,
  homeOrgName: r.home_name ?? r.home_org_name,
  destination: r.destination,
  contact: r.contact,
  reason: r.reason,
  since: r.since,
  until: r.until,
  endedOn: r.ended_on,
  version: r.version,
})

/** Registrations open on a day: started, not ended, not past their end date. */
export const openOn = (day: string) => (q: ReturnType<typeof floatingQuery>) =>
  q
    .where('f.since', '<=', day)
    .where((eb) => eb.or([eb('f.ended_on', 'is', null), eb('f.ended_on', '>', day)]))
    .where((eb) => eb.or([eb('f.until', 'is', null), eb('f.until', '>=', day)]))

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505'

/**
 * Registers a floating member with the organisation: one coming to take part here (流入), whose relation stays
 * where it is (another organisation of the platform, found from their membership, or one outside it), or a
 * member of this organisation going away for long (外出), with where they went.
 */
export async function registerFloating(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  input: FloatingInput,
) {
  await loadOrg(ctx.db, orgId)
  const day = today(ctx)
  if (input.since > day || (input.until && input.until < input.since))
    throw new AppError('orglife_floating_dates')
  const person = await ctx.db
    .selectFrom('person as p')
    .leftJoin('member as m', 'm.person_id', 'p.id')
    .select(['p.id', 'm.party_org_id'])
    .where('p.id', '=', input.personId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!person) throw new AppError('not_found')
  let homeOrgId: number | null = null
  let homeName: string | null = null
  let destination: string | null = null
  if (input.direction === 'in') {
    if (person.party_org_id === orgId) throw new AppError('orglife_floating_already_member')
    homeOrgId = person.party_org_id
    homeName = homeOrgId === null ? input.homeOrgName?.trim() || null : null
    if (homeOrgId === null && !homeName) throw new AppError('orglife_floating_home_required')
  } else {
    if (person.party_org_id !== orgId) throw new AppError('orglife_floating_not_member')
    destination = input.destination?.trim() || null
    if (!destination) throw new AppError('orglife_floating_destination_required')
  }
  const open = await ctx.db
    .selectFrom('orglife_floating')
    .select('id')
    .where('person_id', '=', input.personId)
    .where('direction', '=', input.direction)
    .where('ended_on', 'is', null)
    .executeTakeFirst()
  if (open) throw new AppError('orglife_floating_open', { direction: DIRECTION[input.direction] })
  let id: number
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('orglife_floating')
        .values({
          person_id: input.personId,
          direction: input.direction,
          party_org_id: orgId,
          home_org_id: homeOrgId,
          home_org_name: homeName,
          destination,
          contact: input.contact?.trim() || null,
          reason: input.reason?.trim() || null,
          since: input.since,
          until: input.until ?? null,
          created_by: requirePrincipal(request).accountId,
          created_at: ctx.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeAudit(trx, request, {
        action: 'orglife.floating.register',
        entity: 'person',
        ids: [input.personId],
        detail: { partyOrgId: orgId, direction: input.direction },
      })
      return row.id
    })
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('orglife_floating_open', { direction: DIRECTION[input.direction] })
    throw e
  }
  return toFloating(await floatingQuery(ctx.db).where('f.id', '=', id).executeTakeFirstOrThrow())
}

export async function endFloating(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: { version: number; endedOn: string },
) {
  const row = await floatingQuery(ctx.db).where('f.id', '=', id).executeTakeFirst()
  if (!row || row.ended_on !== null) throw new AppError('not_found')
  if (body.endedOn < row.since || body.endedOn > today(ctx)) throw new AppError('orglife_floating_dates')
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('orglife_floating')
      .set((eb) => ({ ended_on: body.endedOn, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', body.version)
      .where('ended_on', 'is', null)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict', { current: row.version })
    await writeAudit(trx, request, { action: 'orglife.floating.end', entity: 'person', ids: [row.person_id] })
  })
  return toFloating(await floatingQuery(ctx.db).where('f.id', '=', id).executeTakeFirstOrThrow())
}

/** The organisation's registrations, open and ended: those who came here, and its members who went away. */
export async function orgFloating(ctx: AppContext, request: FastifyRequest, orgId: number) {
  await loadOrg(ctx.db, orgId)
  const rows = await floatingQuery(ctx.db)
    .where((eb) => eb.or([eb('f.party_org_id', '=', orgId), eb('f.home_org_id', '=', orgId)]))
    .orderBy('f.ended_on', 'desc')
    .orderBy('f.id', 'desc')
    .limit(500)
    .execute()
  await writeAudit(ctx.db, request, {
    action: 'person.list',
    entity: 'person',
    ids: rows.map((r) => r.person_id),
    detail: { via: 'orglife.floating', partyOrgId: orgId },
  })
  return rows.map(toFloating)
}
