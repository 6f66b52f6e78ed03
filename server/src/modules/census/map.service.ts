import { MAP_LAYERS, type MapAnswer, type MapLayer, type MapPoint } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { type MapRow, mapBuildings, mapDutyPoints, mapNeeds, mapStations } from './map.repository.ts'

/**
 * The map of an area. The route already checked `registry.read` over the whole area (the buildings and
 * stations lists answer the same callers there); duty points are listed to anyone signed in. Open needs
 * are read by `need.manage` only (the staff overview of needs), so the layer is left out for anyone else.
 */
export async function areaMap(
  ctx: AppContext,
  request: FastifyRequest,
  q: { area: string; layers?: string },
  locale: Locale,
): Promise<MapAnswer> {
  const area = await ctx.db
    .selectFrom('area')
    .select(['code', 'name', 'level', 'path'])
    .where('code', '=', q.area)
    .executeTakeFirst()
  if (!area) throw new AppError('unknown_area', { code: q.area })
  const asked = new Set(q.layers ? q.layers.split(',') : MAP_LAYERS)
  const needsAllowed = await request.can('need.manage', { type: 'area', id: area.code })
  const layers = MAP_LAYERS.filter((l) => asked.has(l) && (l !== 'needs' || needsAllowed))
  const read: Record<MapLayer, () => Promise<MapRow[]>> = {
    buildings: () => mapBuildings(ctx.db, area.path),
    stations: () => mapStations(ctx.db, area.path),
    dutyPoints: () => mapDutyPoints(ctx.db, area.path),
    needs: () => mapNeeds(ctx.db, area.path, locale === 'zh-CN'),
  }
  const points: MapPoint[] = []
  const unplaced: Record<string, number> = {}
  for (const layer of layers) {
    unplaced[layer] = 0
    for (const r of await read[layer]()) {
      if (r.lat === null || r.lng === null) {
        unplaced[layer]++
        continue
      }
      points.push({
        layer,
        id: Number(r.id),
        name: r.name,
        lat: r.lat,
        lng: r.lng,
        kind: r.kind,
        state: r.state,
        buildingId: r.building_id === null ? null : Number(r.building_id),
        buildingName: r.building_name,
      })
    }
  }
  return { area: { code: area.code, name: area.name, level: area.level }, layers, points, unplaced }
}
