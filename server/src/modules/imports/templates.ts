import { IMPORT_MAX_ROWS, type ImportKind } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import { type ColumnSpec, KIND_SPECS, type KindSpec } from './columns.ts'

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } }
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }

const IMPORT_ORDER = '楼宇 → 单位 → 党组织 → 党员'

/** exceljs keeps data validations on the sheet but leaves them out of its type definitions. */
interface WithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void }
}

const noteOf = (c: ColumnSpec) =>
  `${c.header} — ${c.english}${c.required ? ' (必填 required)' : ''}\n${c.rule}`

function letter(n: number): string {
  let s = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s
  return s
}

/**
 * The import template: row 1 the Chinese headers (a note on each: English name and rule; required columns
 * tinted), code columns formatted as text so Excel keeps an ID number's digits, drop-downs for the fixed
 * choices, and a second sheet 说明 with the instructions and every allowed value.
 */
export async function templateWorkbook(kind: ImportKind): Promise<Buffer> {
  const spec = KIND_SPECS[kind]
  return specWorkbook(spec, [
    `1. 在工作表“${spec.sheet}”中从第 2 行起每行填写一条记录；第 1 行为表头，请勿修改、增删或调整列名。`,
    `2. 以“${spec.naturalKey}”识别记录：已存在的记录将按本行内容更新（空白单元格视为清空该项），不存在的将新建。同一文件中不得重复。`,
    '3. 不要合并单元格，不要使用公式（请“选择性粘贴 → 数值”），日期请写成 2024-03-01 这样的格式。',
    `4. 每个文件最多 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行、30 MB。导入先做检查，显示每行的错误和新增/变更/不变的对比，确认后再提交；提交要么全部成功，要么一行都不写入。`,
    `5. 导入顺序：${IMPORT_ORDER}（后者引用前者，须先导入）。您只能导入本人管理范围内的数据。`,
    'Fill one record per row from row 2; do not change row 1, merge cells or use formulas. Existing records',
    `(matched by ${spec.naturalKey}) are updated, others created. Check first, then commit: all rows or none.`,
  ])
}

/** A template for any sheet description, with the given instruction lines (accounts has its own). */
export async function specWorkbook(spec: KindSpec, instructions: string[]): Promise<Buffer> {
  const kind = spec.kind
  const wb = new ExcelJS.Workbook()
  wb.creator = 'tongxin 同心'
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  const lastRow = IMPORT_MAX_ROWS + 1
  spec.columns.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1)
    cell.font = { bold: true }
    cell.fill = c.required ? HEADER_FILL : OPTIONAL_FILL
    cell.note = noteOf(c) + (i === 0 ? '\n第 1 行为表头，请勿修改。Row 1 is the header: keep it.' : '')
    if (c.type === 'code') ws.getColumn(i + 1).numFmt = '@'
    if (c.type === 'date') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd'
    const list = c.type === 'boolean' ? ['是', '否'] : c.choices?.shown
    if (list) {
      ;(ws as unknown as WithValidations).dataValidations.add(
        `${letter(i + 1)}2:${letter(i + 1)}${lastRow}`,
        {
          type: 'list',
          allowBlank: !c.required,
          formulae: [`"${list.join(',')}"`],
          showErrorMessage: true,
          errorTitle: c.header,
          error: `请从列表中选择：${list.join('、')}`,
        },
      )
    }
  })

  const help = wb.addWorksheet('说明')
  help.columns = [{ width: 22 }, { width: 24 }, { width: 10 }, { width: 90 }]
  const title = help.addRow([`${spec.sheet}导入模板 — ${kind} import template`])
  title.font = { bold: true, size: 14 }
  for (const line of instructions) help.addRow([line])
  help.addRow([])
  const head = help.addRow(['列名 Column', 'English', '必填 Required', '规则 Rule'])
  head.font = { bold: true }
  for (const c of spec.columns) help.addRow([c.header, c.english, c.required ? '是' : '否', c.rule])
  const choices = spec.columns.filter((c) => c.choices || c.type === 'boolean')
  if (choices.length) {
    help.addRow([])
    help.addRow(['允许的取值 Allowed values']).font = { bold: true }
    for (const c of choices) {
      const values = c.choices
        ? c.choices.shown.map((label) => `${label} (${c.choices!.labels[label]})`).join('、')
        : '是 (yes)、否 (no)'
      help.addRow([c.header, values])
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
