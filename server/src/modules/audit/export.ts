import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { shanghaiDateTime, shanghaiDays } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'

const PAGE = 2_000
/** Shanghai calendar days `from`..`to` (both included) as the instants [start, end). */
export function periodOf(from: string, to: string) {
  if (to < from) throw new AppError('audit_period', { from, to })
  return shanghaiDays(from, to)
}

const COLUMNS = [
  { header: '编号 ID', key: 'id', width: 10 },
  { header: '时间（北京时间）Time (Shanghai)', key: 'at', width: 22 },
  { header: '账号 ID Account ID', key: 'accountId', width: 12 },
  { header: '用户名 Username', key: 'username', width: 16 },
  { header: '操作 Action', key: 'action', width: 24 },
  { header: '对象 Entity', key: 'entity', width: 14 },
  { header: '对象编号 Entity IDs', key: 'ids', width: 20 },
  { header: '来源地址 IP', key: 'ip', width: 16 },
  { header: '请求编号 Request ID', key: 'requestId', width: 38 },
  { header: '详情 Detail', key: 'detail', width: 60 },
]

const shanghaiTime = shanghaiDateTime

/**
 * The audit log of a period as a workbook, oldest first, read in keyset pages and written as a stream, so a
 * year of a city's log never sits in memory (nor holds the embedded database's one session for long). The
 * export is itself audited before the first byte leaves.
 */
export async function exportAudit(ctx: AppContext, request: FastifyRequest, from: string, to: string) {
  const { start, end } = periodOf(from, to)
  await writeAudit(ctx.db, request, { action: 'audit.export', entity: 'audit_log', detail: { from, to } })
  const out = new PassThrough()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet('审计日志')
  ws.columns = COLUMNS
  ;(async () => {
    let after = 0
    for (;;) {
      const rows = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('at', '>=', start)
        .where('at', '<', end)
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute()
      for (const r of rows) {
        ws.addRow({
          id: r.id,
          at: shanghaiTime(r.at),
          accountId: r.account_id,
          username: r.username,
          action: r.action,
          entity: r.entity,
          ids: r.entity_ids.join(','),
          ip: r.ip,
          requestId: r.request_id,
          detail: r.detail === null ? '' : JSON.stringify(r.detail),
        }).commit()
      }
      if (rows.length < PAGE) break
      after = rows.at(-1)!.id
    }
    ws.commit()
    await wb.commit()
  })().catch((err) => {
    request.log.error({ err }, 'audit export failed')
    out.destroy(err as Error)
  })
  return out
}
