import type { PatrolRoute, PatrolRouteInput, PatrolRouteUpdate } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { missingRecord } from '../../plugins/auth.ts'
import { coreDb, type WasteDB, wasteDb } from './db.ts'
import { accountHolds, type BuildingPlace, holds, placeBuilding, requireBuilding } from './patrol-scope.ts'
import { wastePermissions } from './permissions.ts'

export interface RouteRow {
  id: number
  building_id: number
  building_name: string
  name: string
  floors: number[]
  lead_account_id: number | null
  lead_name: string | null
  version: number
}

/** The patrol lead of the route, or staff who keep waste sorting in the building's area. */
export function mayCorrect(
  request: FastifyRequest,
  r: { lead_account_id: number | null },
  place: BuildingPlace,
) {
  const me = request.principal?.accountId
  return (me !== undefined && me === r.lead_account_id) || holds(request, 'waste.manage', place)
}

/** Patrol routes: a building's floors in walking order and their lead. Records and photos build on `route`. */
export class PatrolRouteService {
  private readonly db: WasteDB

  constructor(private readonly ctx: AppContext) {
    this.db = wasteDb(ctx.db)
  }

  private routeQuery() {
    return this.db
      .selectFrom('waste_patrol_route as r')
      .innerJoin('building as b', 'b.id', 'r.building_id')
      .leftJoin('account as a', 'a.id', 'r.lead_account_id')
      .select([
        'r.id',
        'r.building_id',
        'b.name as building_name',
        'r.name',
        'r.floors',
        'r.lead_account_id',
        'a.display_name as lead_name',
        'r.version',
      ])
      .where('r.deleted_at', 'is', null)
  }

  private toRoute(request: FastifyRequest, r: RouteRow, place: BuildingPlace): PatrolRoute {
    return {
      id: r.id,
      buildingId: r.building_id,
      buildingName: r.building_name,
      name: r.name,
      floors: r.floors.map(Number),
      leadAccountId: r.lead_account_id,
      leadName: r.lead_name,
      version: r.version,
      canCorrect: mayCorrect(request, r, place),
    }
  }

  async route(request: FastifyRequest, id: number): Promise<{ row: RouteRow; place: BuildingPlace }> {
    const row = await this.routeQuery().where('r.id', '=', id).executeTakeFirst()
    if (!row) throw missingRecord(request, 'waste.patrol')
    const place = await requireBuilding(this.ctx.db, request, 'waste.patrol', row.building_id)
    return { row, place }
  }

  /** Routes in the buildings the caller patrols (one building when asked). */
  async listRoutes(request: FastifyRequest, buildingId?: number): Promise<PatrolRoute[]> {
    let q = this.routeQuery().orderBy('b.name').orderBy('r.name')
    if (buildingId) q = q.where('r.building_id', '=', buildingId)
    const rows = await q.execute()
    const places = new Map<number, BuildingPlace | null>()
    const out: PatrolRoute[] = []
    for (const r of rows) {
      if (!places.has(r.building_id))
        places.set(r.building_id, await placeBuilding(this.ctx.db, r.building_id))
      const place = places.get(r.building_id)
      if (place && holds(request, 'waste.patrol', place)) out.push(this.toRoute(request, r, place))
    }
    return out
  }

  private async checkRoute(input: Pick<PatrolRouteInput, 'floors' | 'leadAccountId'>, place: BuildingPlace) {
    const seen = new Set<number>()
    for (const f of input.floors) {
      if (f === 0 || f > place.floors || f < -10) {
        throw new AppError('waste_route_floors_invalid', {
          reason: {
            'zh-CN': `${f} 层不存在（本楼 ${place.floors} 层，地下层写负数）`,
            'en-US': `floor ${f} does not exist (the building has ${place.floors}; basements are negative)`,
          },
        })
      }
      if (seen.has(f)) {
        throw new AppError('waste_route_floors_invalid', {
          reason: { 'zh-CN': `${f} 层重复`, 'en-US': `floor ${f} appears twice` },
        })
      }
      seen.add(f)
    }
    if (
      input.leadAccountId &&
      !(await accountHolds(this.ctx.db, input.leadAccountId, wastePermissions['waste.patrol'], place))
    ) {
      throw new AppError('waste_route_lead_invalid')
    }
  }

  /** A route's name is unique among the building's live routes; `except` is the route being renamed. */
  private async checkNameFree(buildingId: number, name: string, except?: number) {
    let q = this.db
      .selectFrom('waste_patrol_route')
      .select('id')
      .where('building_id', '=', buildingId)
      .where('name', '=', name)
      .where('deleted_at', 'is', null)
    if (except !== undefined) q = q.where('id', '!=', except)
    if (await q.executeTakeFirst()) {
      throw new AppError('already_exists', {
        what: { 'zh-CN': '巡查路线', 'en-US': 'Patrol route' },
        key: name,
      })
    }
  }

  async createRoute(request: FastifyRequest, input: PatrolRouteInput): Promise<PatrolRoute> {
    const place = await requireBuilding(this.ctx.db, request, 'waste.organise', input.buildingId)
    await this.checkRoute(input, place)
    await this.checkNameFree(input.buildingId, input.name.trim())
    const id = await this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('waste_patrol_route')
        .values({
          building_id: input.buildingId,
          name: input.name.trim(),
          floors: input.floors,
          lead_account_id: input.leadAccountId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeAudit(coreDb(trx), request, {
        action: 'waste.route.create',
        entity: 'waste_patrol_route',
        ids: [id],
        detail: { buildingId: input.buildingId, floors: input.floors, lead: input.leadAccountId ?? null },
      })
      return id
    })
    const { row } = await this.route(request, id)
    return this.toRoute(request, row, place)
  }

  /** New name, floors or lead (building chief or staff), with the version read; the records stay as they are. */
  async updateRoute(request: FastifyRequest, id: number, input: PatrolRouteUpdate): Promise<PatrolRoute> {
    const { row } = await this.route(request, id)
    const place = await requireBuilding(this.ctx.db, request, 'waste.organise', row.building_id)
    await this.checkRoute(input, place)
    await this.checkNameFree(row.building_id, input.name.trim(), id)
    await this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('waste_patrol_route')
        .set({
          name: input.name.trim(),
          floors: input.floors,
          lead_account_id: input.leadAccountId ?? null,
          version: input.version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict', { current: row.version })
      await writeAudit(coreDb(trx), request, {
        action: 'waste.route.update',
        entity: 'waste_patrol_route',
        ids: [id],
        detail: {
          before: { name: row.name, floors: row.floors, lead: row.lead_account_id },
          after: { name: input.name.trim(), floors: input.floors, lead: input.leadAccountId ?? null },
        },
      })
    })
    const fresh = await this.route(request, id)
    return this.toRoute(request, fresh.row, place)
  }
}
