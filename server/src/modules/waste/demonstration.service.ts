import type { DemoCandidate } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { isRealDate, shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { monthStart, prevMonth } from './assessment-rules.ts'
import { coreDb, type WasteDB, wasteDb } from './db.ts'
import { demoShortfalls, describeShortfall, type MonthTotals } from './demo-rule.ts'
import { placeBuilding, requireBuilding } from './patrol-scope.ts'
import type { StarsService } from './stars.service.ts'

const en = (request: FastifyRequest) => String(request.headers['accept-language'] ?? '').startsWith('en')

/**
 * 垃圾分类示范楼: which buildings of a street meet the criteria now (computed), which designated ones no longer
 * do (computed; staff confirm the revocation), and the designations themselves.
 */
export class DemonstrationService {
  private readonly db: WasteDB

  constructor(
    private readonly ctx: AppContext,
    private readonly stars: StarsService,
  ) {
    this.db = wasteDb(ctx.db)
  }

  /** The months the rule looks at: the `n` complete months before the current one, oldest first. */
  private window(n: number): string[] {
    let m = prevMonth(shanghaiDate(this.ctx.clock.now()).slice(0, 7))
    const out: string[] = []
    for (let i = 0; i < n; i++, m = prevMonth(m)) out.unshift(m)
    return out
  }

  async evaluate(buildingId: number, isEn: boolean): Promise<DemoCandidate> {
    const place = await placeBuilding(this.ctx.db, buildingId)
    if (!place) throw new AppError('not_found')
    const stars = await this.stars.forPlace(place)
    const months = this.window(stars.rule.demoMonths)
    const rows = await this.db
      .selectFrom('waste_assessment')
      .select(['month', 'party', 'total'])
      .where('building_id', '=', buildingId)
      .where(
        'month',
        'in',
        months.map((m) => monthStart(m)),
      )
      .execute()
    const totals: MonthTotals[] = months.map((m) => {
      const of = (party: string) => {
        const r = rows.find((x) => x.month.slice(0, 7) === m && x.party === party)
        return r ? Number(r.total) : null
      }
      return { month: m, property: of('property'), tenants: of('tenants') }
    })
    const shortfalls = demoShortfalls(totals, stars.floors, stars.rule)
    const designation = await this.db
      .selectFrom('waste_demo_building')
      .select(['id', 'designated_on', 'note'])
      .where('building_id', '=', buildingId)
      .where('revoked_on', 'is', null)
      .executeTakeFirst()
    const rated = stars.floors.map((f) => f.stars).filter((s): s is number => s !== null)
    return {
      buildingId,
      buildingName: place.name,
      meets: shortfalls.length === 0,
      months: totals,
      lowestFloorStars: rated.length ? Math.min(...rated) : null,
      reasons: shortfalls.map((s) => describeShortfall(s, isEn)),
      designation: designation
        ? { id: designation.id, designatedOn: designation.designated_on, note: designation.note }
        : null,
    }
  }

  /** Buildings of the street with patrol routes or a designation: each with its verdict. */
  async candidates(request: FastifyRequest, areaCode: string): Promise<DemoCandidate[]> {
    const area = await this.db
      .selectFrom('area')
      .select('path')
      .where('code', '=', areaCode)
      .executeTakeFirst()
    if (!area) throw new AppError('not_found')
    const buildings = await this.db
      .selectFrom('building as b')
      .innerJoin('area as a', 'a.code', 'b.area_code')
      .select('b.id')
      .where('b.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('a.path', '=', area.path), eb('a.path', 'like', `${area.path}/%`)]))
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('waste_patrol_route as r')
              .select('r.id')
              .whereRef('r.building_id', '=', 'b.id')
              .where('r.deleted_at', 'is', null),
          ),
          eb.exists(
            eb.selectFrom('waste_demo_building as d').select('d.id').whereRef('d.building_id', '=', 'b.id'),
          ),
        ]),
      )
      .orderBy('b.name')
      .execute()
    const out: DemoCandidate[] = []
    for (const b of buildings) out.push(await this.evaluate(b.id, en(request)))
    return out
  }

  private checkDate(date: string, notBefore?: string) {
    const today = shanghaiDate(this.ctx.clock.now())
    if (!isRealDate(date) || date > today || (notBefore && date < notBefore))
      throw new AppError('waste_demo_date', { date })
  }

  async designate(
    request: FastifyRequest,
    input: { buildingId: number; date: string; note?: string | null },
  ) {
    const principal = requirePrincipal(request)
    await requireBuilding(this.ctx.db, request, 'waste.manage', input.buildingId)
    this.checkDate(input.date)
    const verdict = await this.evaluate(input.buildingId, en(request))
    if (verdict.designation)
      throw new AppError('waste_demo_already', { date: verdict.designation.designatedOn })
    if (!verdict.meets) throw new AppError('waste_demo_not_met', { reasons: verdict.reasons.join('；') })
    await this.db.transaction().execute(async (trx) => {
      // The partial unique index keeps a second, simultaneous designation out.
      const row = await trx
        .insertInto('waste_demo_building')
        .values({
          building_id: input.buildingId,
          designated_on: input.date,
          designated_by: principal.accountId,
          note: input.note?.trim() || null,
        })
        .onConflict((oc) => oc.column('building_id').where('revoked_on', 'is', null).doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!row) throw new AppError('waste_demo_already', { date: input.date })
      await writeAudit(coreDb(trx), request, {
        action: 'waste.demo.designate',
        entity: 'waste_demo_building',
        ids: [row.id],
        detail: { buildingId: input.buildingId, date: input.date },
      })
    })
    return this.evaluate(input.buildingId, en(request))
  }

  /** Revocation is the staff's call: the list shows when criteria lapsed, a person confirms it here. */
  async revoke(request: FastifyRequest, buildingId: number, input: { date: string; reason: string }) {
    const principal = requirePrincipal(request)
    await requireBuilding(this.ctx.db, request, 'waste.manage', buildingId)
    const current = await this.db
      .selectFrom('waste_demo_building')
      .select(['id', 'designated_on'])
      .where('building_id', '=', buildingId)
      .where('revoked_on', 'is', null)
      .executeTakeFirst()
    if (!current) throw new AppError('waste_demo_not_designated')
    this.checkDate(input.date, current.designated_on)
    await this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('waste_demo_building')
        .set({ revoked_on: input.date, revoked_by: principal.accountId, revoke_reason: input.reason.trim() })
        .where('id', '=', current.id)
        .where('revoked_on', 'is', null)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) === 0) throw new AppError('waste_demo_not_designated')
      await writeAudit(coreDb(trx), request, {
        action: 'waste.demo.revoke',
        entity: 'waste_demo_building',
        ids: [current.id],
        detail: { buildingId, date: input.date, reason: input.reason.trim() },
      })
    })
    return this.evaluate(buildingId, en(request))
  }
}
