import type { FastifyRequest } from 'fastify'
import { type ExpressionBuilder, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import { requirePrincipal } from '../../plugins/auth.ts'

export interface PointRow {
  id: number
  name: string
  kind: string
  area_code: string
  park_id: number | null
  building_id: number | null
  floor: number | null
  note: string | null
  site_name: string
}

/** A point in a building is the building's; a point in a park (no building) is its area's. */
export const pointScope = (p: { building_id: number | null; area_code: string }): ScopeRef =>
  p.building_id ? { type: 'building', id: String(p.building_id) } : { type: 'area', id: p.area_code }

export function pointQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('duty_point as dp')
    .leftJoin('building as b', 'b.id', 'dp.building_id')
    .leftJoin('park as pk', 'pk.id', 'dp.park_id')
    .select([
      'dp.id',
      'dp.name',
      'dp.kind',
      'dp.area_code',
      'dp.park_id',
      'dp.building_id',
      'dp.floor',
      'dp.note',
      sql<string>`coalesce(b.name, pk.name, dp.name)`.as('site_name'),
    ])
    .where('dp.deleted_at', 'is', null)
}

export async function loadPoint(ctx: AppContext, id: number): Promise<PointRow> {
  const p = await pointQuery(ctx).where('dp.id', '=', id).executeTakeFirst()
  if (!p) throw new AppError('not_found')
  return p
}

/** Named coordinator of the point, or staff holding volunteer.coordinate over it. Call outside transactions. */
export async function coordinates(ctx: AppContext, request: FastifyRequest, point: PointRow) {
  const principal = requirePrincipal(request)
  const named = await ctx.db
    .selectFrom('volunteer_point_coordinator')
    .select('point_id')
    .where('point_id', '=', point.id)
    .where('account_id', '=', principal.accountId)
    .executeTakeFirst()
  return named !== undefined || request.can('volunteer.coordinate', pointScope(point))
}

export async function requireCoordinator(ctx: AppContext, request: FastifyRequest, point: PointRow) {
  if (!(await coordinates(ctx, request, point))) throw new AppError('vol_not_coordinator')
}

/**
 * A WHERE condition on `dp` (duty_point) for the points the caller coordinates: named on the point, or a
 * volunteer.coordinate grant on the city, an area containing it, or its building.
 */
export function coordinatedPoints(request: FastifyRequest) {
  const principal = requirePrincipal(request)
  const grants = request.grantsFor('volunteer.coordinate')
  const city = grants.some((g) => g.scope_type === 'city')
  const areas = grants.filter((g) => g.scope_type === 'area').map((g) => g.scope_id!)
  const buildings = grants.filter((g) => g.scope_type === 'building').map((g) => Number(g.scope_id))
  return (eb: ExpressionBuilder<DB & { dp: DB['duty_point'] }, 'dp'>) => {
    if (city) return eb.val(true)
    return eb.or([
      eb.exists(
        eb
          .selectFrom('volunteer_point_coordinator as vpc')
          .select('vpc.point_id')
          .whereRef('vpc.point_id', '=', 'dp.id')
          .where('vpc.account_id', '=', principal.accountId),
      ),
      // Area codes nest by prefix (310104 ⊃ 310104012), which is what an area grant covers.
      ...areas.map((code) => eb('dp.area_code', 'like', `${code}%`)),
      ...(buildings.length ? [eb('dp.building_id', 'in', buildings)] : []),
    ])
  }
}

/** Whether the caller coordinates any point at all (to record qualifications, list volunteers). */
export async function coordinatesAny(ctx: AppContext, request: FastifyRequest) {
  const row = await ctx.db
    .selectFrom('duty_point as dp')
    .select('dp.id')
    .where('dp.deleted_at', 'is', null)
    .where(coordinatedPoints(request))
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
