import ExcelJS from 'exceljs'
import type { verifiedRows } from './hours.service.ts'

export const HOURS_SHEET = '志愿服务时长'
export const HOURS_HEADERS = [
  '志愿者',
  '单位',
  '点位',
  '角色',
  '班次开始',
  '班次结束',
  '签到',
  '签退',
  '自动签退',
  '记录分钟',
  '核定分钟',
  '调整原因',
  '核定人',
  '核定时间',
]

const local = (d: Date | null) =>
  d ? d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16) : ''

/** Verified hours as a workbook: one row per sign-up, times in Shanghai time, minutes as numbers. */
export async function hoursWorkbook(rows: Awaited<ReturnType<typeof verifiedRows>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(HOURS_SHEET)
  ws.addRow(HOURS_HEADERS).font = { bold: true }
  for (const r of rows)
    ws.addRow([
      r.display_name,
      r.unit_name ?? '',
      r.point_name,
      r.role_name,
      local(r.starts_at),
      local(r.ends_at),
      local(r.checked_in_at),
      local(r.checked_out_at),
      r.auto_checked_out ? '是' : '否',
      r.minutes ?? 0,
      r.verified_minutes ?? 0,
      r.adjust_reason ?? '',
      r.verifier ?? '',
      local(r.verified_at),
    ])
  const total = rows.reduce((a, r) => a + (r.verified_minutes ?? 0), 0)
  ws.addRow([])
  ws.addRow(['合计（小时）', '', '', '', '', '', '', '', '', '', Math.round((total / 60) * 10) / 10])
  ws.columns.forEach((c, i) => {
    c.width = [10, 24, 24, 10, 17, 17, 17, 17, 8, 9, 9, 24, 12, 17][i] ?? 12
  })
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await wb.xlsx.writeBuffer())
}
