import { PassThrough } from 'node:stream'
import zlib from 'node:zlib'
import type { ImportKind } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Session, TestApp } from '../../../test/helpers.ts'
import { KIND_SPECS } from './columns.ts'

/** Test helpers: workbooks built the way a person would fill in the template, and the import calls. */
export type CellValue = ExcelJS.CellValue

export async function workbook(
  sheet: string,
  header: string[],
  rows: CellValue[][],
  extra?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  ws.addRow(header)
  for (const r of rows) ws.addRow(r)
  extra?.(ws, wb)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A workbook for a kind with rows given by column key (missing keys left blank). */
export function kindBook(
  kind: ImportKind,
  rows: Array<Record<string, unknown>>,
  extra?: Parameters<typeof workbook>[3],
) {
  const spec = KIND_SPECS[kind]
  return workbook(
    spec.sheet,
    spec.columns.map((c) => c.header),
    rows.map((r) => spec.columns.map((c) => (r[c.key] ?? null) as CellValue)),
    extra,
  )
}

export async function readBook(body: Uint8Array) {
  const wb = new ExcelJS.Workbook()
  // exceljs's types want an ArrayBuffer-backed Buffer; a copy into a fresh ArrayBuffer is one.
  await wb.xlsx.load(new Uint8Array(body).buffer)
  return wb
}

export function upload(
  t: TestApp,
  s: Session,
  kind: string,
  file: Buffer,
  opts: { fileName?: string; lang?: string } = {},
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/imports/${kind}${opts.fileName ? `?fileName=${encodeURIComponent(opts.fileName)}` : ''}`,
    headers: {
      ...s.headers,
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ...(opts.lang ? { 'accept-language': opts.lang } : {}),
    },
    payload: file,
  })
}

export function commit(t: TestApp, s: Session, id: number) {
  return t.app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: s.headers })
}

/** A zip of stored (uncompressed) files: a document that is a zip but not a workbook, like a renamed .docx. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content)
    const fileName = Buffer.from(name)
    const crc = zlib.crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, data)
    centrals.push(central, fileName)
    offset += local.length + fileName.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

/** A large workbook written as a stream (the in-memory writer would take far longer at 100,000 rows). */
export async function streamedBook(
  sheet: string,
  header: string[],
  rows: number,
  row: (i: number) => CellValue[],
) {
  const out = new PassThrough()
  const parts: Buffer[] = []
  out.on('data', (chunk: Buffer) => parts.push(chunk))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false })
  const ws = wb.addWorksheet(sheet)
  ws.addRow(header).commit()
  for (let i = 0; i < rows; i++) ws.addRow(row(i)).commit()
  ws.commit()
  await wb.commit()
  return Buffer.concat(parts)
}

/** One part of a hand-built zip: its deflated bytes, and the uncompressed size its headers declare. */
export interface ZipPart {
  name: string
  deflated: Buffer
  declaredSize: number
}

export const deflatedPart = (name: string, content: string | Buffer): ZipPart => {
  const data = Buffer.from(content)
  return { name, deflated: zlib.deflateRawSync(data), declaredSize: data.length }
}

/**
 * `bytes` of `unit` repeated, deflated without ever holding them: one block of the repeated text is deflated
 * once with a full flush (which resets the compressor) and its output repeated, so 300 MB of spaces is a few
 * hundred KB. `prefix` and `suffix` are deflated around it.
 */
export function repeatedPart(name: string, bytes: number, unit = ' ', prefix = '', suffix = ''): ZipPart {
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))))
  const flushed = (data: Buffer) => zlib.deflateRawSync(data, { finishFlush: zlib.constants.Z_FULL_FLUSH })
  const head = flushed(Buffer.from(prefix))
  const body = flushed(block)
  const count = Math.floor(bytes / block.length)
  const tail = zlib.deflateRawSync(Buffer.from(suffix))
  return {
    name,
    deflated: Buffer.concat([head, ...Array.from({ length: count }, () => body), tail]),
    declaredSize: Buffer.byteLength(prefix) + count * block.length + Buffer.byteLength(suffix),
  }
}

/** A zip of deflated parts whose headers say whatever sizes the parts declare (CRCs are not checked by readers). */
export function deflatedZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const fileName = Buffer.from(p.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(p.deflated.length, 18)
    local.writeUInt32LE(p.declaredSize, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(p.deflated.length, 20)
    central.writeUInt32LE(p.declaredSize, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, p.deflated)
    centrals.push(central, fileName)
    offset += local.length + fileName.length + p.deflated.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

/** The parts of a real workbook (from exceljs), to rebuild it with some parts replaced. */
export async function workbookParts(file: Buffer): Promise<ZipPart[]> {
  const zip = await JSZip.loadAsync(file)
  const parts: ZipPart[] = []
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name]!.dir) continue
    parts.push(deflatedPart(name, await zip.files[name]!.async('nodebuffer')))
  }
  return parts
}
