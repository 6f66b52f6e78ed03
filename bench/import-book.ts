import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { usccWithCheck } from '../server/src/lib/ids.ts'
import { KIND_SPECS } from '../server/src/modules/imports/columns.ts'

export interface BookBuilding {
  name: string
  address: string
  floors: number
  area_code: string
}

/**
 * The units workbook a street office would send: `rows` rows, one per unit, most in the given buildings,
 * every tenth outside any building. Shared by the import benches so they measure the same file.
 */
export async function unitsWorkbook(buildings: BookBuilding[], rows: number): Promise<Buffer> {
  const spec = KIND_SPECS.units
  // Streamed, as a 100,000-row workbook held in memory would skew the timings with its garbage.
  const out = new PassThrough()
  const parts: Buffer[] = []
  out.on('data', (chunk: Buffer) => parts.push(chunk))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true })
  const ws = wb.addWorksheet(spec.sheet)
  ws.addRow(spec.columns.map((c) => c.header)).commit()
  const kinds = ['民营企业', '民营企业', '民营企业', '外资企业', '社会组织']
  for (let i = 0; i < rows; i++) {
    const b = buildings[i % buildings.length]!
    const outside = i % 10 === 9
    const floor = 1 + (i % b.floors)
    ws.addRow([
      usccWithCheck(`91310120MB${String(i).padStart(7, '0')}`),
      `上海测评导入第${i}号有限公司`,
      kinds[i % kinds.length],
      '信息技术',
      5 + (i % 200),
      outside ? null : b.name,
      outside ? null : b.address,
      outside ? b.area_code : null,
      outside ? null : floor,
      outside ? null : floor,
      `20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}`,
      null,
      i % 7 === 0 ? '是' : '否',
    ]).commit()
  }
  ws.commit()
  await wb.commit()
  return Buffer.concat(parts)
}
