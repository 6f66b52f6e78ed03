import { PassThrough } from 'node:stream'
import zlib from 'node:zlib'
import type { ImportKind } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Session, TestApp } from '../../../test/helpers.ts'
import { KIND_SPECS } from './columns.ts'
import { writeZip } from './zip-bounds.ts'

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
  return writeZip(
    Object.entries(files).map(([name, content]) => {
      const data = Buffer.from(content)
      return { name, method: 0, crc32: zlib.crc32(data), raw: data, uncompressedSize: data.length }
    }),
  )
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
  return writeZip(
    parts.map((p) => ({
      name: p.name,
      method: 8,
      crc32: 0,
      raw: p.deflated,
      uncompressedSize: p.declaredSize,
    })),
  )
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
