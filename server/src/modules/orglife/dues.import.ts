import type { DuesImportResult } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { AppError, formatMessage } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { loadOrg, today } from './access.ts'
import { checkPayments, insertPayments, type PaymentRow } from './dues.payments.ts'
import { incomeToCents } from './dues.ts'
import { orgMembers } from './roster.service.ts'

export const DUES_IMPORT_MAX_BYTES = 2 * 1024 * 1024
const SHEET = '党费交纳'
const HEADERS = ['人员编号', '姓名', '月份', '金额（元）', '缴纳方式', '缴纳日期', '备注'] as const
const CHANNELS: Record<string, PaymentRow['channel']> = {
  现金: 'cash',
  微信: 'wechat',
  支付宝: 'alipay',
  银行转账: 'bank',
  银行: 'bank',
  其他: 'other',
  cash: 'cash',
  wechat: 'wechat',
  alipay: 'alipay',
  bank: 'bank',
  other: 'other',
}

/** The template: one row per member with this month filled in and the month's dues, to be edited and sent back. */
export async function duesTemplate(ctx: AppContext, orgId: number): Promise<Buffer> {
  await loadOrg(ctx.db, orgId)
  const month = today(ctx).slice(0, 7)
  const year = Number(month.slice(0, 4))
  const members = await orgMembers(ctx.db, orgId)
  const bases = members.length
    ? await ctx.db
        .selectFrom('orglife_dues_base')
        .select(['person_id', 'monthly_cents'])
        .where(
          'person_id',
          'in',
          members.map((m) => m.id),
        )
        .where('year', '=', year)
        .execute()
    : []
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(SHEET)
  ws.addRow([...HEADERS])
  ws.getRow(1).font = { bold: true }
  ws.columns.forEach((c, i) => {
    c.width = [10, 12, 10, 12, 12, 14, 20][i]
  })
  for (const m of members) {
    const b = bases.find((x) => x.person_id === m.id)
    ws.addRow([m.id, m.name, month, b ? b.monthly_cents / 100 : null, '微信', null, null])
  }
  const help = wb.addWorksheet('说明')
  help.addRow([
    '每行一个月的党费。月份写 YYYY-MM；金额留空按核定的月党费；缴纳方式：现金、微信、支付宝、银行转账、其他。',
  ])
  help.addRow(['先上传做“检查”，没有问题再“导入”；有任何一行有问题，整个文件都不会导入。'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

type Cell = ExcelJS.CellValue
const text = (v: Cell): string | null => {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>
    if (Array.isArray(o.richText))
      return (
        (o.richText as Array<{ text?: string }>)
          .map((r) => r.text ?? '')
          .join('')
          .trim() || null
      )
    if ('result' in o)
      return o.result === undefined || o.result === null ? null : String(o.result).trim() || null
    if ('text' in o) return String(o.text ?? '').trim() || null
  }
  return String(v).trim() || null
}

/**
 * Reads the workbook into payment rows and per-row problems, in the caller's language. Nothing is written;
 * the checks are those of a payment recorded by hand (checkPayments), row by row so every problem is listed.
 */
async function readRows(ctx: AppContext, orgId: number, data: Buffer, locale: Locale, fileName: string) {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer)
  } catch {
    throw new AppError('import_not_excel', { file: fileName })
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0]
  if (!ws) throw new AppError('import_empty', { sheet: SHEET })
  const header = HEADERS.map((_, i) => text(ws.getRow(1).getCell(i + 1).value))
  if (HEADERS.some((h, i) => header[i] !== h))
    throw new AppError('import_wrong_headers', { problems: HEADERS.join('、') })
  const members = new Map((await orgMembers(ctx.db, orgId)).map((m) => [m.id, m.name]))
  const errors: DuesImportResult['errors'] = []
  const rows: Array<PaymentRow & { row: number }> = []
  const problem = (row: number, column: string | null, message: string) =>
    errors.push({ row, column, message })
  const day = today(ctx)
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return
    const cells = HEADERS.map((_, i) => text(r.getCell(i + 1).value))
    if (cells.every((c) => c === null)) return
    const [idText, name, monthText, amountText, channelText, paidText, note] = cells
    const personId = Number(idText)
    if (!Number.isInteger(personId) || !members.has(personId)) {
      problem(n, HEADERS[0], formatMessage('orglife_dues_not_member', locale, { id: idText ?? '' }))
      return
    }
    if (name !== null && name !== members.get(personId))
      problem(
        n,
        HEADERS[1],
        locale === 'zh-CN'
          ? `姓名与编号 ${personId} 不符（应为 ${members.get(personId)}）`
          : `The name does not match person ${personId}`,
      )
    const month = monthText?.slice(0, 7) ?? ''
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      problem(n, HEADERS[2], locale === 'zh-CN' ? '月份应写作 YYYY-MM' : 'Write the month as YYYY-MM')
    let amountCents = 0
    if (amountText !== null) {
      const parsed = incomeToCents(Number(amountText))
      if ('problem' in parsed || parsed.cents > 10_000_000)
        problem(
          n,
          HEADERS[3],
          locale === 'zh-CN'
            ? '金额应为大于 0、最多两位小数的数'
            : 'The amount must be positive with at most two decimals',
        )
      else amountCents = parsed.cents
    }
    const channel = CHANNELS[channelText ?? '']
    if (!channel)
      problem(
        n,
        HEADERS[4],
        locale === 'zh-CN'
          ? '缴纳方式应为：现金、微信、支付宝、银行转账、其他'
          : 'Channel: 现金, 微信, 支付宝, 银行转账 or 其他',
      )
    const paidOn = paidText ?? day
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn) || Number.isNaN(Date.parse(paidOn)))
      problem(
        n,
        HEADERS[5],
        locale === 'zh-CN' ? '缴纳日期应写作 YYYY-MM-DD' : 'Write the date as YYYY-MM-DD',
      )
    if (errors.some((e) => e.row === n)) return
    rows.push({ row: n, personId, month, amountCents, channel: channel!, paidOn, note: note ?? null })
  })
  if (rows.length === 0 && errors.length === 0) throw new AppError('import_empty', { sheet: ws.name })
  // The same checks as a payment by hand, one row at a time so that each row's problem is named.
  const checked: Awaited<ReturnType<typeof checkPayments>> = []
  const batch = new Set<string>()
  for (const r of rows) {
    const key = `${r.personId}:${r.month}`
    try {
      if (batch.has(key))
        throw new AppError('orglife_dues_month_paid', { name: members.get(r.personId)!, month: r.month })
      batch.add(key)
      checked.push(...(await checkPayments(ctx, orgId, [r])))
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      problem(r.row, null, e.localized(locale))
    }
  }
  return {
    checked,
    errors: errors.sort((a, b) => a.row - b.row),
    rowCount: rows.length + new Set(errors.map((e) => e.row)).size,
  }
}

export async function importPayments(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  data: Buffer,
  opts: { dryRun: boolean; locale: Locale; fileName: string },
): Promise<DuesImportResult> {
  await loadOrg(ctx.db, orgId)
  const { checked, errors, rowCount } = await readRows(ctx, orgId, data, opts.locale, opts.fileName)
  const result = {
    dryRun: opts.dryRun,
    committed: false,
    rows: rowCount,
    payments: checked.length,
    amountCents: checked.reduce((n, r) => n + r.amountCents, 0),
    errors,
  }
  if (opts.dryRun) return result
  if (errors.length > 0) throw new AppError('orglife_dues_import_errors', { count: errors.length }, errors)
  await insertPayments(ctx, request, orgId, checked, 'import')
  return { ...result, committed: true }
}
