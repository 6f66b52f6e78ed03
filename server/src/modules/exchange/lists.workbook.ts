/**
 * The three lists as one Excel workbook (服务清单 / 资源清单 / 活动清单, a sheet each), for the staff who
 * print them for alliance meetings. Filtered by an area or an alliance; without either, by the areas the
 * caller holds (a city-wide caller gets every list).
 */
import { exchangeApi } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import type { FastifyRequest } from 'fastify'
import { type Expression, type SqlBool, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'

export const LIST_SHEETS = [
  { list: 'service', name: '服务清单' },
  { list: 'resource', name: '资源清单' },
  { list: 'activity', name: '活动清单' },
] as const

const COLUMNS = [
  { header: '编号', width: 8 },
  { header: '名称', width: 28 },
  { header: '类别', width: 18 },
  { header: '提供方', width: 28 },
  { header: '所属联盟', width: 24 },
  { header: '服务区域', width: 24 },
  { header: '开放时间', width: 28 },
  { header: '服务对象', width: 24 },
  { header: '同时可接单数', width: 12 },
  { header: '每月可接单数', width: 12 },
  { header: '联系人', width: 12 },
  { header: '联系电话', width: 16 },
  { header: '状态', width: 8 },
  { header: '核实日期', width: 12 },
]
const STATUS = { active: '在办', paused: '暂停', ended: '已结束' } as Record<string, string>
const AUDIENCE = { residents: '居民', workers: '职工', enterprises: '企业', members: '党员' } as Record<
  string,
  string
>
const DAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** Serves a place at `path`: lists it, an area above it or below it, or lists no area (everywhere). */
function servesPath(path: string): Expression<SqlBool> {
  return sql<SqlBool>`(cardinality(o.area_codes) = 0 OR EXISTS (SELECT 1 FROM area oa WHERE oa.code = ANY(o.area_codes)
    AND (${path} = oa.path OR ${path} LIKE oa.path || '/%' OR oa.path LIKE ${path} || '/%')))`
}

async function areaPaths(ctx: AppContext, request: FastifyRequest, area?: string): Promise<string[] | null> {
  if (area) {
    const row = await ctx.db.selectFrom('area').select('path').where('code', '=', area).executeTakeFirst()
    if (!row) throw new AppError('unknown_area', { code: area })
    return [row.path]
  }
  const grants = request.grantsFor('exchange.read')
  if (grants.some((g) => g.scope_type === 'city')) return null
  const codes = [...new Set(grants.map((g) => g.area_code).filter((c): c is string => !!c))]
  if (codes.length === 0) return []
  return (await ctx.db.selectFrom('area').select('path').where('code', 'in', codes).execute()).map(
    (r) => r.path,
  )
}

export async function offeringsWorkbook(
  ctx: AppContext,
  request: FastifyRequest,
  q: { area?: string; alliance?: number },
): Promise<{ buffer: Buffer; rows: number }> {
  const paths = q.alliance ? null : await areaPaths(ctx, request, q.area)
  let query = ctx.db
    .selectFrom('offering as o')
    .innerJoin('unit as u', 'u.id', 'o.provider_unit_id')
    .innerJoin('service_category as c', 'c.code', 'o.category_code')
    .leftJoin('alliance as a', 'a.id', 'o.alliance_id')
    .select([
      'o.id',
      'o.list',
      'o.name',
      'c.name_zh as category',
      'u.name as provider',
      'a.name as alliance',
      'o.area_codes',
      'o.schedule',
      'o.schedule_note',
      'o.eligibility',
      'o.capacity_concurrent',
      'o.capacity_per_month',
      'o.contact_name',
      'o.contact_phone',
      'o.status',
      'o.last_verified_on',
    ])
    .where('o.deleted_at', 'is', null)
    .orderBy('o.list')
    .orderBy('o.id')
  if (q.alliance) query = query.where('o.alliance_id', '=', q.alliance)
  if (paths !== null) {
    if (paths.length === 0) query = query.where(sql<SqlBool>`false`)
    else query = query.where((eb) => eb.or(paths.map(servesPath)))
  }
  const rows = await query.execute()
  const codes = [...new Set(rows.flatMap((r) => r.area_codes))]
  const names = new Map(
    codes.length
      ? (await ctx.db.selectFrom('area').select(['code', 'name']).where('code', 'in', codes).execute()).map(
          (a) => [a.code, a.name],
        )
      : [],
  )
  const wb = new ExcelJS.Workbook()
  wb.creator = 'tongxin'
  for (const sheet of LIST_SHEETS) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }))
    ws.getRow(1).font = { bold: true }
    for (const r of rows.filter((x) => x.list === sheet.list)) {
      const hours = (r.schedule as Array<{ day: number; opens: string; closes: string }>)
        .map((h) => `${DAYS[h.day]} ${h.opens}–${h.closes}`)
        .join('；')
      const e = r.eligibility as { audiences?: string[]; newlySettledWithinDays?: number; note?: string }
      const who = [
        (e.audiences ?? []).map((a) => AUDIENCE[a] ?? a).join('、'),
        e.newlySettledWithinDays ? `落户 ${e.newlySettledWithinDays} 天内` : '',
        e.note ?? '',
      ]
        .filter(Boolean)
        .join('；')
      ws.addRow([
        Number(r.id),
        r.name,
        r.category,
        r.provider,
        r.alliance ?? '',
        r.area_codes.length ? r.area_codes.map((c) => names.get(c) ?? c).join('、') : '不限',
        [hours, r.schedule_note].filter(Boolean).join('；'),
        who || '不限',
        r.capacity_concurrent,
        r.capacity_per_month,
        r.contact_name,
        r.contact_phone,
        STATUS[r.status] ?? r.status,
        r.last_verified_on,
      ])
    }
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length }
}

export function registerOfferingsWorkbook(app: TypedApp, ctx: AppContext) {
  contractRoutes(app, exchangeApi, { tags: ['exchange'], errors: {} })(
    'GET /api/exports/offerings.xlsx',
    {
      config: { access: { permission: 'exchange.read' } },
      summary: '三张清单 Excel: services, resources and activities, one sheet each',
    },
    async (request, reply) => {
      const { buffer, rows } = await offeringsWorkbook(ctx, request, request.query)
      await writeAudit(ctx.db, request, {
        action: 'export.offerings_xlsx',
        detail: { ...request.query, rows },
      })
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="offerings.xlsx"')
      return buffer
    },
  )
}
