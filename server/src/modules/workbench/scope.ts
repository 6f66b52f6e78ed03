import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Permission } from '../../lib/permissions.ts'

/** An area the caller holds a permission over; `path` null is the whole city. */
export interface HeldArea {
  code: string
  path: string | null
  name: string
}

const CITY = '310000'

/**
 * The areas the caller holds `permission` over, the outermost only (a district grant makes a street grant
 * inside it redundant), so that counts summed over them count nothing twice. Building, unit and organisation
 * grants are not areas: a building chief gets none.
 */
export async function heldAreas(
  db: Kysely<DB>,
  request: FastifyRequest,
  permission: Permission,
): Promise<HeldArea[]> {
  const grants = request.grantsFor(permission)
  if (grants.some((g) => g.scope_type === 'city')) {
    const city = await db.selectFrom('area').select('name').where('code', '=', CITY).executeTakeFirst()
    return [{ code: CITY, path: null, name: city?.name ?? CITY }]
  }
  const codes = grants.filter((g) => g.scope_type === 'area').map((g) => g.scope_id!)
  if (codes.length === 0) return []
  const rows = await db
    .selectFrom('area')
    .select(['code', 'path', 'name'])
    .where('code', 'in', codes)
    .orderBy('path')
    .execute()
  const outer: HeldArea[] = []
  for (const r of rows) {
    // Sorted by path, an enclosing area comes before what it encloses.
    if (!outer.some((o) => r.path === o.path || r.path.startsWith(`${o.path}/`))) outer.push(r)
  }
  return outer
}

/** The buildings the caller holds `permission` over by a building grant (a chief's building). */
export function heldBuildings(request: FastifyRequest, permission: Permission): number[] {
  return [
    ...new Set(
      request
        .grantsFor(permission)
        .filter((g) => g.scope_type === 'building')
        .map((g) => Number(g.scope_id)),
    ),
  ]
}
