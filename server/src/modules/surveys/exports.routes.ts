import { type SurveyQuestion, surveysApi } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { maskPhone } from '../../lib/mask.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import {
  AGE_BAND_LABELS,
  analysisOf,
  groupLabels,
  loadForAnalysis,
  themesOf,
  UNIT_KIND_LABELS,
} from './analysis.service.ts'
import { errors } from './http.ts'
import type { AnswerValue } from './questionnaire.ts'
import { respondentAccounts } from './repository.ts'
import { canOnSurvey } from './surveys.service.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

/** An answer as a reader of the sheet wants it: option labels, rankings as "1.甲 2.乙", numbers as numbers. */
export function answerText(q: SurveyQuestion, v: AnswerValue | undefined): string | number {
  if (v === undefined) return ''
  const label = (k: string) => q.options?.find((o) => o.key === k)?.label ?? k
  if (q.type === 'single') return label(v as string)
  if (q.type === 'multiple') return (v as string[]).map(label).join('；')
  if (q.type === 'ranking') return (v as string[]).map((k, i) => `${i + 1}.${label(k)}`).join(' ')
  return v as string | number
}

const maskName = (name: string) =>
  name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`

async function toBuffer(wb: ExcelJS.Workbook) {
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Raw answers and the report as Excel. Respondents' names and phones are masked unless the caller holds survey.raw. */
export default async function exportRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, surveysApi, { tags: ['surveys'], errors })
  const analyse = { access: { permission: 'survey.analyse' } } as const

  route(
    'GET /api/surveys/:id/export/raw',
    {
      config: analyse,
      summary: '导出原始答卷 Raw answers (.xlsx; names and phones masked without survey.raw)',
      produces: [XLSX],
    },
    async (request, reply) => {
      const { survey, responses } = await loadForAnalysis(ctx, request, request.params.id)
      const unmasked = !survey.anonymous && (await canOnSurvey(request, 'survey.raw', survey))
      const accountIds = [
        ...new Set(responses.map((r) => r.account_id).filter((x): x is number => x !== null)),
      ]
      const accounts = new Map((await respondentAccounts(ctx.db, accountIds)).map((a) => [Number(a.id), a]))
      const area = await groupLabels(
        ctx,
        survey,
        'area',
        [...new Set(responses.flatMap((r) => r.area_code ?? []))],
        'zh-CN',
      )
      const building = await groupLabels(
        ctx,
        survey,
        'building',
        [...new Set(responses.flatMap((r) => r.building ?? []))],
        'zh-CN',
      )
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('答卷')
      ws.addRow([
        '编号',
        '提交时间',
        '受访者',
        '电话',
        '区域',
        '楼宇',
        '单位类型',
        '年龄段',
        ...survey.questions.map((q) => q.title),
      ])
      ws.getRow(1).font = { bold: true }
      for (const r of responses) {
        const a = r.account_id !== null ? accounts.get(Number(r.account_id)) : undefined
        ws.addRow([
          r.id,
          r.submitted_at.toISOString(),
          a ? (unmasked ? a.display_name : maskName(a.display_name)) : '匿名',
          a ? (unmasked ? (a.phone ?? '') : (maskPhone(a.phone) ?? '')) : '',
          r.area_code ? area(r.area_code) : '',
          r.building ? building(r.building) : '',
          r.unit_kind ? (UNIT_KIND_LABELS[r.unit_kind]?.['zh-CN'] ?? r.unit_kind) : '',
          r.age_band ? (AGE_BAND_LABELS[r.age_band]?.['zh-CN'] ?? r.age_band) : '',
          ...survey.questions.map((q) => answerText(q, r.answers[q.key])),
        ])
      }
      if (unmasked && accountIds.length > 0) {
        await writeAudit(ctx.db, request, {
          action: 'survey.export_raw_unmasked',
          entity: 'survey',
          ids: [survey.id],
          detail: { respondents: accountIds.length },
        })
      }
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`${survey.title}_原始答卷.xlsx`))
      return toBuffer(wb)
    },
  )

  route(
    'GET /api/surveys/:id/export/report',
    {
      config: analyse,
      summary: '导出分析报告 The report (.xlsx): per-question figures and free-text themes',
      produces: [XLSX],
    },
    async (request, reply) => {
      const { survey, responses } = await loadForAnalysis(ctx, request, request.params.id)
      const analysis = analysisOf(survey, responses)
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('统计')
      ws.addRow([survey.title, `答卷 ${analysis.respondents} 份`]).font = { bold: true }
      ws.addRow(['题目', '选项/指标', '人数', '占作答人数比例'])
      for (const q of analysis.questions) {
        ws.addRow([q.title, '作答人数', q.answered, ''])
        for (const o of q.options) ws.addRow(['', o.label, o.count, o.share])
        if (q.average !== null) ws.addRow(['', '平均值', '', q.average])
        for (const [i, n] of q.distribution.entries()) {
          ws.addRow(['', `${i + 1} 分`, n, q.answered ? n / q.answered : 0])
        }
        for (const m of q.meanRank) ws.addRow(['', `${m.label}（平均名次）`, '', m.mean])
      }
      ws.getColumn(4).numFmt = '0.0%'
      const text = survey.questions.filter((q) => q.type === 'text')
      if (text.length > 0) {
        const tw = wb.addWorksheet('主题词')
        tw.addRow(['题目', '主题词', '提及人数', '示例回答'])
        for (const q of text) {
          for (const t of themesOf(survey, responses, q.key, 20).terms)
            tw.addRow([q.title, t.term, t.count, t.answers.slice(0, 3).join(' | ')])
        }
      }
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(`${survey.title}_分析报告.xlsx`))
      return toBuffer(wb)
    },
  )
}
