import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Permission } from '../../lib/permissions.ts'
import type { ScopeRef } from '../../lib/scope.ts'

/** Where an event sits for access: its area, its building, the organisation running it. */
export function eventRefs(e: {
  area_code: string
  building_id: number | null
  organiser_org_id: number | null
}): ScopeRef[] {
  const refs: ScopeRef[] = [{ type: 'area', id: e.area_code }]
  if (e.building_id) refs.push({ type: 'building', id: String(e.building_id) })
  if (e.organiser_org_id) refs.push({ type: 'party_org', id: String(e.organiser_org_id) })
  return refs
}

/** The route scope function for `/api/events/:id/...`: the event's refs, none (→ 404) when it is unknown. */
export function eventScope(ctx: AppContext) {
  return async (request: { params: { id: number } }): Promise<ScopeRef[]> => {
    const e = await ctx.db
      .selectFrom('event')
      .select(['area_code', 'building_id', 'organiser_org_id'])
      .where('id', '=', request.params.id)
      .executeTakeFirst()
    return e ? eventRefs(e) : []
  }
}

/**
 * Decides for many events at once whether the caller holds `permission` over each, from their grants:
 * one query for the grants' area paths instead of one scope resolution per event.
 */
export async function grantMatcher(db: Kysely<DB>, request: FastifyRequest, permission: Permission) {
  const grants = request.grantsFor(permission)
  const city = grants.some((g) => g.scope_type === 'city')
  const areaCodes = grants.filter((g) => g.scope_type === 'area').map((g) => g.scope_id!)
  const buildings = new Set(grants.filter((g) => g.scope_type === 'building').map((g) => Number(g.scope_id)))
  const orgs = new Set(grants.filter((g) => g.scope_type === 'party_org').map((g) => Number(g.scope_id)))
  const paths =
    areaCodes.length > 0
      ? (await db.selectFrom('area').select('path').where('code', 'in', areaCodes).execute()).map(
          (a) => a.path,
        )
      : []
  return (e: { area_path: string; building_id: number | null; organiser_org_id: number | null }) =>
    city ||
    paths.some((p) => e.area_path === p || e.area_path.startsWith(`${p}/`)) ||
    (e.building_id !== null && buildings.has(e.building_id)) ||
    (e.organiser_org_id !== null && orgs.has(e.organiser_org_id))
}

/** The member record behind an account (via its link), for audience rules and participation. */
export async function personOf(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('account_person_link as l')
    .innerJoin('person as p', 'p.id', 'l.person_id')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .leftJoin('member as m', 'm.person_id', 'p.id')
    .select(['p.id', 'p.name', 'u.building_id', 'm.party_org_id', 'm.building_id as member_building_id'])
    .where('l.account_id', '=', accountId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** Whether a person belongs to an event's audience (their unit's building, or their organisation or above). */
export async function inAudience(
  db: Kysely<DB>,
  e: { audience: string; audience_ids: Array<number | string> },
  person: {
    building_id: number | null
    member_building_id: number | null
    party_org_id: number | null
  } | null,
): Promise<boolean> {
  if (e.audience === 'all') return true
  if (!person) return false
  const ids = new Set(e.audience_ids.map(Number))
  if (e.audience === 'buildings') {
    return [person.building_id, person.member_building_id].some((b) => b !== null && ids.has(b))
  }
  let org = person.party_org_id
  for (let depth = 0; org !== null && depth < 10; depth++) {
    if (ids.has(org)) return true
    const parent = await db
      .selectFrom('party_org')
      .select('parent_id')
      .where('id', '=', org)
      .executeTakeFirst()
    org = parent?.parent_id ?? null
  }
  return false
}
