import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import type { Permission } from '../../lib/permissions.ts'
import { grantKey, resolveScope } from '../../lib/scope.ts'
import { missingRecord } from '../../plugins/auth.ts'

export interface BuildingPlace {
  id: number
  name: string
  areaCode: string
  floors: number
  /** Grant keys that reach the building: its areas, itself, its units, the party organisations covering it. */
  anchors: Set<string>
}

/**
 * Who may act in a building is wider than the building scope: a member granted on their firm (unit) or a
 * secretary on the party organisation covering the building patrols its floors too.
 */
export async function placeBuilding(db: Kysely<DB>, buildingId: number): Promise<BuildingPlace | null> {
  const b = await db
    .selectFrom('building')
    .select(['id', 'name', 'area_code', 'floors'])
    .where('id', '=', buildingId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!b) return null
  const scope = await resolveScope(db, { type: 'building', id: String(buildingId) })
  const anchors = new Set(scope?.anchors ?? [])
  const units = await db.selectFrom('unit').select('id').where('building_id', '=', buildingId).execute()
  for (const u of units) anchors.add(`unit:${u.id}`)
  let orgs = (
    await db
      .selectFrom('party_org_coverage')
      .select('party_org_id')
      .where((eb) =>
        eb.or([
          eb('building_id', '=', buildingId),
          ...(units.length
            ? [
                eb(
                  'unit_id',
                  'in',
                  units.map((u) => u.id),
                ),
              ]
            : []),
        ]),
      )
      .execute()
  ).map((r) => r.party_org_id)
  // A committee above the covering branches reaches the building too.
  for (let depth = 0; orgs.length > 0 && depth < 10; depth++) {
    for (const id of orgs) anchors.add(`party_org:${id}`)
    const parents = await db.selectFrom('party_org').select('parent_id').where('id', 'in', orgs).execute()
    orgs = parents
      .map((p) => p.parent_id)
      .filter((p): p is number => p !== null && !anchors.has(`party_org:${p}`))
  }
  return { id: b.id, name: b.name, areaCode: b.area_code, floors: b.floors, anchors }
}

export function holds(request: FastifyRequest, permission: Permission, place: BuildingPlace): boolean {
  return request.grantsFor(permission).some((g) => place.anchors.has(grantKey(g)))
}

/** The building, after checking the caller holds `permission` there (403 if unknown or not theirs; 404 only to the city). */
export async function requireBuilding(
  db: Kysely<DB>,
  request: FastifyRequest,
  permission: Permission,
  buildingId: number,
): Promise<BuildingPlace> {
  const place = await placeBuilding(db, buildingId)
  if (!place) throw missingRecord(request, permission)
  if (!holds(request, permission, place)) throw new AppError('forbidden_scope')
  return place
}

/** Whether an account (not the caller) holds `permission` in the building, e.g. a would-be patrol lead. */
export async function accountHolds(
  db: Kysely<DB>,
  accountId: number,
  roles: readonly string[],
  place: BuildingPlace,
): Promise<boolean> {
  const grants = await db
    .selectFrom('role_grant')
    .innerJoin('account', 'account.id', 'role_grant.account_id')
    .select(['role_grant.role', 'role_grant.scope_type', 'role_grant.scope_id'])
    .where('role_grant.account_id', '=', accountId)
    .where('account.disabled', '=', false)
    .execute()
  return grants.some((g) => roles.includes(g.role) && place.anchors.has(grantKey(g)))
}
