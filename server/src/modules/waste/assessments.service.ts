import type { Assessment, AssessmentParty, WasteAssessmentInput } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { addDays, shanghaiDate, weekday } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import {
  ASSESSMENT_GRACE_DAYS,
  CRITERIA,
  monthStart,
  nextMonth,
  weighTotal,
  withinAssessmentWindow,
} from './assessment-rules.ts'
import { coreDb, type WasteDB, wasteDb } from './db.ts'
import { requireBuilding } from './patrol-scope.ts'
import type { AssessmentScore } from './schema.ts'

const en = (request: FastifyRequest) => String(request.headers['accept-language'] ?? '').startsWith('en')

/** 物业和客户分类双考核: monthly scores per side, each criterion weighted, history kept on every change. */
export class AssessmentService {
  private readonly db: WasteDB

  constructor(private readonly ctx: AppContext) {
    this.db = wasteDb(ctx.db)
  }

  private toAssessment(r: {
    id: number
    building_id: number
    month: string
    party: AssessmentParty
    scores: unknown
    total: number
    assessed_at: Date
    version: number
    display_name: string | null
  }): Assessment {
    const scores = r.scores as AssessmentScore[]
    return {
      id: r.id,
      buildingId: r.building_id,
      month: r.month.slice(0, 7),
      party: r.party,
      scores: CRITERIA[r.party].map((c) => {
        const s = scores.find((x) => x.criterion === c.key)
        return { criterion: c.key, weight: c.weight, score: s?.score ?? 0, evidence: s?.evidence ?? null }
      }),
      total: Number(r.total),
      assessedBy: r.display_name,
      assessedAt: r.assessed_at.toISOString(),
      version: r.version,
    }
  }

  private query() {
    return this.db
      .selectFrom('waste_assessment as w')
      .leftJoin('account as a', 'a.id', 'w.assessed_by')
      .select([
        'w.id',
        'w.building_id',
        'w.month',
        'w.party',
        'w.scores',
        'w.total',
        'w.assessed_at',
        'w.version',
        'a.display_name',
      ])
  }

  async list(request: FastifyRequest, buildingId: number, month?: string): Promise<Assessment[]> {
    await requireBuilding(this.ctx.db, request, 'waste.organise', buildingId)
    let q = this.query().where('w.building_id', '=', buildingId)
    if (month) q = q.where('w.month', '=', monthStart(month))
    const rows = await q.orderBy('w.month', 'desc').orderBy('w.party').execute()
    return rows.map((r) => this.toAssessment(r))
  }

  /** The criteria with figures from the month's patrols to start from: the tenants' share right, and turnout. */
  async criteria(request: FastifyRequest, buildingId: number, month: string) {
    await requireBuilding(this.ctx.db, request, 'waste.organise', buildingId)
    const from = monthStart(month)
    const to = monthStart(nextMonth(month))
    const patrols = await this.db
      .selectFrom('waste_patrol')
      .select(['patrol_date', 'bags_checked', 'bags_right'])
      .where('building_id', '=', buildingId)
      .where('patrol_date', '>=', from)
      .where('patrol_date', '<', to)
      .execute()
    const checked = patrols.reduce((n, p) => n + p.bags_checked, 0)
    const right = patrols.reduce((n, p) => n + p.bags_right, 0)
    let workdays = 0
    for (let d = from; d < to; d = addDays(d, 1)) if (weekday(d) !== 0 && weekday(d) !== 6) workdays++
    const days = new Set(patrols.map((p) => p.patrol_date)).size
    const suggested: Record<string, number | null> = {
      floors: checked > 0 ? Math.round((right / checked) * 1000) / 10 : null,
      participation: patrols.length > 0 ? Math.min(100, Math.round((days / workdays) * 1000) / 10) : null,
    }
    return (['property', 'tenants'] as const).flatMap((party) =>
      CRITERIA[party].map((c) => ({
        party,
        criterion: c.key,
        label: en(request) ? c.en : c.zh,
        weight: c.weight,
        suggested: suggested[c.key] ?? null,
      })),
    )
  }

  async save(request: FastifyRequest, input: WasteAssessmentInput): Promise<Assessment> {
    const principal = requirePrincipal(request)
    await requireBuilding(this.ctx.db, request, 'waste.manage', input.buildingId)
    const today = shanghaiDate(this.ctx.clock.now())
    if (!withinAssessmentWindow(input.month, today)) {
      throw new AppError('waste_assessment_outside_month', {
        month: input.month,
        graceDays: ASSESSMENT_GRACE_DAYS,
        today,
      })
    }
    const weighed = weighTotal(input.party, input.scores)
    if ('problem' in weighed) {
      const { kind, criterion } = weighed.problem
      const zh = { unknown: '没有这一项', twice: '重复填写', missing: '缺少这一项' }[kind]
      const enText = { unknown: 'no such criterion', twice: 'given twice', missing: 'missing' }[kind]
      throw new AppError('waste_assessment_criteria', {
        reason: { 'zh-CN': `${criterion}：${zh}`, 'en-US': `${criterion}: ${enText}` },
      })
    }
    const scores = JSON.stringify(
      input.scores.map((s) => ({
        criterion: s.criterion,
        score: s.score,
        evidence: s.evidence?.trim() || null,
      })),
    )
    const month = monthStart(input.month)
    const now = this.ctx.clock.now()
    const id = await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('waste_assessment')
        .selectAll()
        .where('building_id', '=', input.buildingId)
        .where('month', '=', month)
        .where('party', '=', input.party)
        .forUpdate()
        .executeTakeFirst()
      let id: number
      if (!before) {
        if (input.version !== undefined) throw new AppError('not_found')
        // Two staff saving the first assessment at once: the unique key lets one in.
        const row = await trx
          .insertInto('waste_assessment')
          .values({
            building_id: input.buildingId,
            month,
            party: input.party,
            scores,
            total: weighed.total,
            assessed_by: principal.accountId,
            assessed_at: now,
          })
          .onConflict((oc) => oc.columns(['building_id', 'month', 'party']).doNothing())
          .returning('id')
          .executeTakeFirst()
        if (!row) throw new AppError('version_conflict', { current: 1 })
        id = row.id
      } else {
        if (input.version !== before.version)
          throw new AppError('version_conflict', { current: before.version })
        await trx
          .insertInto('waste_assessment_history')
          .values({
            assessment_id: before.id,
            version: before.version,
            before: JSON.stringify({ scores: before.scores, total: Number(before.total) }),
            changed_by: principal.accountId,
            changed_at: now,
          })
          .execute()
        await trx
          .updateTable('waste_assessment')
          .set({
            scores,
            total: weighed.total,
            assessed_by: principal.accountId,
            assessed_at: now,
            version: before.version + 1,
          })
          .where('id', '=', before.id)
          .execute()
        id = before.id
      }
      await writeAudit(coreDb(trx), request, {
        action: before ? 'waste.assessment.correct' : 'waste.assessment.create',
        entity: 'waste_assessment',
        ids: [id],
        detail: {
          buildingId: input.buildingId,
          month: input.month,
          party: input.party,
          total: weighed.total,
        },
      })
      return id
    })
    const row = await this.query().where('w.id', '=', id).executeTakeFirstOrThrow()
    return this.toAssessment(row)
  }

  /** Every month's assessments of a building as a workbook: one row per criterion, totals per side. */
  async export(request: FastifyRequest, buildingId: number): Promise<Buffer> {
    const place = await requireBuilding(this.ctx.db, request, 'waste.organise', buildingId)
    const list = await this.list(request, buildingId)
    const isEn = en(request)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet(isEn ? 'Assessments' : '双考核')
    ws.columns = [
      { header: isEn ? 'Month' : '月份', key: 'month', width: 10 },
      { header: isEn ? 'Side' : '对象', key: 'party', width: 10 },
      { header: isEn ? 'Criterion' : '考核项目', key: 'criterion', width: 30 },
      { header: isEn ? 'Weight' : '权重', key: 'weight', width: 8 },
      { header: isEn ? 'Score' : '得分', key: 'score', width: 8 },
      { header: isEn ? 'Evidence' : '依据', key: 'evidence', width: 40 },
      { header: isEn ? 'Total' : '总分', key: 'total', width: 8 },
      { header: isEn ? 'Assessed by' : '考核人', key: 'by', width: 16 },
    ]
    ws.getRow(1).font = { bold: true }
    for (const a of list) {
      for (const s of a.scores) {
        const c = CRITERIA[a.party].find((x) => x.key === s.criterion)!
        ws.addRow({
          month: a.month,
          party: isEn
            ? a.party === 'property'
              ? 'Property'
              : 'Tenants'
            : a.party === 'property'
              ? '物业'
              : '客户',
          criterion: isEn ? c.en : c.zh,
          weight: s.weight,
          score: s.score,
          evidence: s.evidence ?? '',
          total: a.total,
          by: a.assessedBy ?? '',
        })
      }
    }
    ws.views = [{ state: 'frozen', ySplit: 1 }]
    wb.title = `${place.name} ${isEn ? 'dual assessment' : '物业客户双考核'}`
    return Buffer.from(await wb.xlsx.writeBuffer())
  }
}
