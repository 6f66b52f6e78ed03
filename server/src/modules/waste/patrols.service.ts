import type {
  Patrol,
  PatrolCorrection,
  PatrolHistoryEntry,
  PatrolInput,
  PatrolQuery,
  WasteMistakes,
} from '@tongxin/contracts'
import { WASTE_CATEGORIES } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { addDays, isRealDate, shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { missingRecord, requirePrincipal } from '../../plugins/auth.ts'
import { coreDb, type WasteDB, wasteDb } from './db.ts'
import { mayCorrect, type PatrolRouteService } from './patrol-routes.service.ts'
import { requireBuilding } from './patrol-scope.ts'
import type { Mistakes } from './schema.ts'

export { PATROL_BAGS_MAX } from '@tongxin/contracts'

import { PATROL_BAGS_MAX } from '@tongxin/contracts'
/** Volunteers record the same day or soon after; older figures go through the lead or the street. */
export const PATROL_MAX_AGE_DAYS = 31

const CATEGORY_ZH = { recyclable: '可回收物', hazardous: '有害垃圾', wet: '湿垃圾', dry: '干垃圾' } as const
const CATEGORY_EN = { recyclable: 'recyclable', hazardous: 'hazardous', wet: 'wet', dry: 'dry' } as const

/** The figures of one patrol, checked before anything is written. Returns the mistakes to store. */
export function checkFigures(checked: number, right: number, mistakes: WasteMistakes = {}): Mistakes {
  const field = (name: string) => ({ field: name })
  if (checked < 0) throw new AppError('waste_patrol_negative', field('bagsChecked'))
  if (right < 0) throw new AppError('waste_patrol_negative', field('bagsRight'))
  if (checked > PATROL_BAGS_MAX)
    throw new AppError('waste_patrol_too_many', { max: PATROL_BAGS_MAX, field: 'bagsChecked' })
  if (right > checked) throw new AppError('waste_patrol_right_exceeds', { right, checked })
  const wrong = checked - right
  const out: Mistakes = {}
  for (const c of WASTE_CATEGORIES) {
    const n = mistakes[c]
    if (n === undefined || n === 0) continue
    if (n < 0) throw new AppError('waste_patrol_negative', field(`mistakes.${c}`))
    // One wrong bag may hold several kinds of misplaced waste, but no kind can be wrong in more bags.
    if (n > wrong)
      throw new AppError('waste_patrol_mistakes_exceed', {
        category: { 'zh-CN': CATEGORY_ZH[c], 'en-US': CATEGORY_EN[c] },
        count: n,
        wrong,
      })
    out[c] = n
  }
  return out
}

/** Patrol records: one floor on one day, checked before writing; corrections keep what the record said. */
export class PatrolService {
  private readonly db: WasteDB

  constructor(
    private readonly ctx: AppContext,
    private readonly routes: PatrolRouteService,
  ) {
    this.db = wasteDb(ctx.db)
  }

  private checkDate(date: string) {
    const today = shanghaiDate(this.ctx.clock.now())
    if (!isRealDate(date)) {
      throw new AppError('validation_failed', {
        reason: { 'zh-CN': `日期 ${date} 不存在`, 'en-US': `there is no date ${date}` },
      })
    }
    if (date > today) throw new AppError('waste_patrol_future', { date, today })
    if (date < addDays(today, -PATROL_MAX_AGE_DAYS))
      throw new AppError('waste_patrol_too_old', { date, days: PATROL_MAX_AGE_DAYS })
  }

  async record(request: FastifyRequest, input: PatrolInput): Promise<Patrol> {
    const principal = requirePrincipal(request)
    const { row } = await this.routes.route(request, input.routeId)
    const mistakes = checkFigures(input.bagsChecked, input.bagsRight, input.mistakes)
    this.checkDate(input.date)
    if (!row.floors.map(Number).includes(input.floor))
      throw new AppError('waste_patrol_floor_not_on_route', { floor: input.floor })
    // The unique key decides between two volunteers sending the same floor at once: one wins, one gets 409.
    const inserted = await this.db
      .insertInto('waste_patrol')
      .values({
        route_id: row.id,
        building_id: row.building_id,
        floor: input.floor,
        patrol_date: input.date,
        bags_checked: input.bagsChecked,
        bags_right: input.bagsRight,
        mistakes: JSON.stringify(mistakes),
        note: input.note?.trim() || null,
        recorded_by: principal.accountId,
        recorded_at: this.ctx.clock.now(),
        updated_at: this.ctx.clock.now(),
        updated_by: principal.accountId,
      })
      .onConflict((oc) => oc.columns(['route_id', 'floor', 'patrol_date']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) throw new AppError('waste_patrol_duplicate', { date: input.date, floor: input.floor })
    return this.get(request, inserted.id)
  }

  private patrolQuery() {
    return this.db
      .selectFrom('waste_patrol as p')
      .leftJoin('account as a', 'a.id', 'p.recorded_by')
      .select((eb) => [
        'p.id',
        'p.route_id',
        'p.building_id',
        'p.floor',
        'p.patrol_date',
        'p.bags_checked',
        'p.bags_right',
        'p.mistakes',
        'p.note',
        'p.recorded_at',
        'p.version',
        'a.display_name as recorded_by_name',
        eb
          .exists(
            eb
              .selectFrom('waste_patrol_photo as ph')
              .select('ph.patrol_id')
              .whereRef('ph.patrol_id', '=', 'p.id'),
          )
          .as('has_photo'),
      ])
  }

  private toPatrol(
    r: Awaited<ReturnType<ReturnType<PatrolService['patrolQuery']>['executeTakeFirstOrThrow']>>,
  ): Patrol {
    return {
      id: r.id,
      routeId: r.route_id,
      buildingId: r.building_id,
      floor: r.floor,
      date: r.patrol_date,
      bagsChecked: r.bags_checked,
      bagsRight: r.bags_right,
      mistakes: r.mistakes as WasteMistakes,
      note: r.note,
      hasPhoto: Boolean(r.has_photo),
      recordedBy: r.recorded_by_name,
      recordedAt: r.recorded_at.toISOString(),
      version: r.version,
      corrected: r.version > 1,
    }
  }

  async get(request: FastifyRequest, id: number): Promise<Patrol> {
    const row = await this.patrolQuery().where('p.id', '=', id).executeTakeFirst()
    if (!row) throw missingRecord(request, 'waste.patrol')
    await requireBuilding(this.ctx.db, request, 'waste.patrol', row.building_id)
    return this.toPatrol(row)
  }

  async list(request: FastifyRequest, query: PatrolQuery) {
    if (!query.routeId && !query.buildingId) {
      throw new AppError('validation_failed', {
        reason: { 'zh-CN': '请指定路线或楼宇', 'en-US': 'give routeId or buildingId' },
      })
    }
    const buildingId = query.routeId
      ? (await this.routes.route(request, query.routeId)).row.building_id
      : query.buildingId!
    await requireBuilding(this.ctx.db, request, 'waste.patrol', buildingId)
    const limit = query.limit ?? 50
    let q = this.patrolQuery().where('p.building_id', '=', buildingId)
    if (query.routeId) q = q.where('p.route_id', '=', query.routeId)
    if (query.floor !== undefined) q = q.where('p.floor', '=', query.floor)
    if (query.date) q = q.where('p.patrol_date', '=', query.date)
    if (query.cursor) {
      const after = decodeCursor(query.cursor, (x): x is number => Number.isInteger(x))
      q = q.where('p.id', '<', after)
    }
    const rows = await q
      .orderBy('p.id', 'desc')
      .limit(limit + 1)
      .execute()
    const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
    return {
      items: page.map((r) => this.toPatrol(r)),
      nextCursor,
    }
  }

  async correct(request: FastifyRequest, id: number, input: PatrolCorrection): Promise<Patrol> {
    const principal = requirePrincipal(request)
    const current = await this.db
      .selectFrom('waste_patrol')
      .select(['route_id'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!current) throw missingRecord(request, 'waste.patrol')
    const { row, place } = await this.routes.route(request, current.route_id)
    if (!mayCorrect(request, row, place)) throw new AppError('waste_patrol_not_lead')
    const mistakes = checkFigures(input.bagsChecked, input.bagsRight, input.mistakes)
    const now = this.ctx.clock.now()
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('waste_patrol')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow()
      if (before.version !== input.version)
        throw new AppError('version_conflict', { current: before.version })
      await trx
        .insertInto('waste_patrol_history')
        .values({
          patrol_id: id,
          version: before.version,
          before: JSON.stringify({
            bagsChecked: before.bags_checked,
            bagsRight: before.bags_right,
            mistakes: before.mistakes,
            note: before.note,
          }),
          reason: input.reason.trim(),
          changed_by: principal.accountId,
          changed_at: now,
        })
        .execute()
      await trx
        .updateTable('waste_patrol')
        .set({
          bags_checked: input.bagsChecked,
          bags_right: input.bagsRight,
          mistakes: JSON.stringify(mistakes),
          note: input.note === undefined ? before.note : input.note?.trim() || null,
          version: before.version + 1,
          updated_at: now,
          updated_by: principal.accountId,
        })
        .where('id', '=', id)
        .execute()
      await writeAudit(coreDb(trx), request, {
        action: 'waste.patrol.correct',
        entity: 'waste_patrol',
        ids: [id],
        detail: {
          reason: input.reason.trim(),
          before: { checked: before.bags_checked, right: before.bags_right },
          after: { checked: input.bagsChecked, right: input.bagsRight },
        },
      })
    })
    return this.get(request, id)
  }

  async history(request: FastifyRequest, id: number): Promise<PatrolHistoryEntry[]> {
    await this.get(request, id)
    const rows = await this.db
      .selectFrom('waste_patrol_history as h')
      .leftJoin('account as a', 'a.id', 'h.changed_by')
      .select(['h.version', 'h.before', 'h.reason', 'h.changed_at', 'a.display_name'])
      .where('h.patrol_id', '=', id)
      .orderBy('h.id')
      .execute()
    return rows.map((r) => ({
      version: r.version,
      before: r.before as PatrolHistoryEntry['before'],
      reason: r.reason,
      changedBy: r.display_name,
      changedAt: r.changed_at.toISOString(),
    }))
  }
}
