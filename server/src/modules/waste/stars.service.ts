import type { BuildingStars, StreetRule, StreetRuleInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { coreDb, type WasteDB, wasteDb } from './db.ts'
import { type BuildingPlace, placeBuilding, requireBuilding } from './patrol-scope.ts'
import { DEFAULT_RULE, rateFloor, thresholdsValid } from './stars.ts'

/** Stars, street rules and the public board; the rating itself is the pure `rateFloor`. */
export class StarsService {
  private readonly db: WasteDB

  constructor(private readonly ctx: AppContext) {
    this.db = wasteDb(ctx.db)
  }

  /** The street an area belongs to (itself, or the street above a community); null above street level. */
  async streetOf(areaCode: string): Promise<string | null> {
    const area = await this.db
      .selectFrom('area')
      .select(['path', 'level'])
      .where('code', '=', areaCode)
      .executeTakeFirst()
    if (!area) return null
    const street = await this.db
      .selectFrom('area')
      .select('code')
      .where('code', 'in', area.path.split('/'))
      .where('level', '=', 'street')
      .executeTakeFirst()
    return street?.code ?? null
  }

  async rule(areaCode: string): Promise<StreetRule> {
    const street = (await this.streetOf(areaCode)) ?? areaCode
    const row = await this.db
      .selectFrom('waste_street_rule')
      .selectAll()
      .where('area_code', '=', street)
      .executeTakeFirst()
    if (!row) return { areaCode: street, ...DEFAULT_RULE, custom: false, version: 0 }
    return {
      areaCode: street,
      starWindow: row.star_window,
      starThresholds: row.star_thresholds.map(Number),
      demoMonths: row.demo_months,
      demoMinScore: Number(row.demo_min_score),
      demoMinStars: row.demo_min_stars,
      custom: true,
      version: row.version,
    }
  }

  async putRule(request: FastifyRequest, areaCode: string, input: StreetRuleInput): Promise<StreetRule> {
    const principal = requirePrincipal(request)
    const area = await this.db
      .selectFrom('area')
      .select('level')
      .where('code', '=', areaCode)
      .executeTakeFirst()
    if (!area) throw new AppError('not_found')
    if (area.level !== 'street') throw new AppError('waste_rule_street_only', { code: areaCode })
    if (!thresholdsValid(input.starThresholds))
      throw new AppError('waste_rule_thresholds', { values: input.starThresholds.join(', ') })
    const values = {
      star_window: input.starWindow,
      star_thresholds: input.starThresholds,
      demo_months: input.demoMonths,
      demo_min_score: input.demoMinScore,
      demo_min_stars: input.demoMinStars,
      updated_at: this.ctx.clock.now(),
      updated_by: principal.accountId,
    }
    await this.db.transaction().execute(async (trx) => {
      if (input.version === 0) {
        const res = await trx
          .insertInto('waste_street_rule')
          .values({ area_code: areaCode, ...values })
          .onConflict((oc) => oc.column('area_code').doNothing())
          .returning('version')
          .executeTakeFirst()
        if (!res) {
          const cur = await trx
            .selectFrom('waste_street_rule')
            .select('version')
            .where('area_code', '=', areaCode)
            .executeTakeFirstOrThrow()
          throw new AppError('version_conflict', { current: cur.version })
        }
      } else {
        const res = await trx
          .updateTable('waste_street_rule')
          .set({ ...values, version: input.version + 1 })
          .where('area_code', '=', areaCode)
          .where('version', '=', input.version)
          .executeTakeFirst()
        if (Number(res.numUpdatedRows) === 0) {
          const cur = await trx
            .selectFrom('waste_street_rule')
            .select('version')
            .where('area_code', '=', areaCode)
            .executeTakeFirst()
          throw new AppError('version_conflict', { current: cur?.version ?? 0 })
        }
      }
      await writeAudit(coreDb(trx), request, {
        action: 'waste.rule.update',
        entity: 'waste_street_rule',
        ids: [areaCode],
        detail: { ...input },
      })
    })
    return this.rule(areaCode)
  }

  /** The floors on the building's routes, in walking order, each with its current stars and trend. */
  async forPlace(place: BuildingPlace, range: { from?: string; to?: string } = {}): Promise<BuildingStars> {
    const rule = await this.rule(place.areaCode)
    const routes = await this.db
      .selectFrom('waste_patrol_route')
      .select('floors')
      .where('building_id', '=', place.id)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute()
    const floors = [...new Set(routes.flatMap((r) => r.floors.map(Number)))]
    // Every patrol counts for the current stars; the range only trims the trend shown.
    const patrols = await this.db
      .selectFrom('waste_patrol')
      .select(['floor', 'patrol_date', 'bags_checked', 'bags_right'])
      .where('building_id', '=', place.id)
      .execute()
    const byFloor = new Map<number, { date: string; checked: number; right: number }[]>()
    for (const p of patrols) {
      const list = byFloor.get(p.floor) ?? []
      list.push({ date: p.patrol_date, checked: p.bags_checked, right: p.bags_right })
      byFloor.set(p.floor, list)
    }
    for (const f of byFloor.keys()) if (!floors.includes(f)) floors.push(f)
    const demo = await this.db
      .selectFrom('waste_demo_building')
      .select('designated_on')
      .where('building_id', '=', place.id)
      .where('revoked_on', 'is', null)
      .executeTakeFirst()
    return {
      buildingId: place.id,
      buildingName: place.name,
      rule,
      floors: floors.map((f) => {
        const rated = rateFloor(f, byFloor.get(f) ?? [], rule)
        rated.trend = rated.trend.filter(
          (p) => (!range.from || p.date >= range.from) && (!range.to || p.date <= range.to),
        )
        return rated
      }),
      demonstration: demo ? { designatedOn: demo.designated_on } : null,
    }
  }

  async forBuilding(request: FastifyRequest, buildingId: number, range: { from?: string; to?: string }) {
    return this.forPlace(await requireBuilding(this.ctx.db, request, 'waste.patrol', buildingId), range)
  }

  /** The public board: stars only — no names of volunteers, firms or people. */
  async board(buildingId: number): Promise<BuildingStars> {
    const place = await placeBuilding(this.ctx.db, buildingId)
    if (!place) throw new AppError('not_found')
    const stars = await this.forPlace(place)
    // The board shows the last eight weeks of the trend; the full history stays with the building's staff.
    for (const f of stars.floors) f.trend = f.trend.slice(-40)
    return stars
  }
}
