import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { IMPORT_MAX_ROWS } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import { AppError } from '../../lib/errors.ts'
import { normaliseText } from './cells.ts'
import type { KindSpec } from './columns.ts'
import { boundedWorkbook, NotAWorkbook } from './zip-bounds.ts'

/** One data row as read: its Excel row number and the raw cell values in the spec's column order. */
export interface SheetRow {
  row: number
  cells: unknown[]
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/** A header as people type it: spaces and a trailing required-marker (*) do not count. */
const headerText = (v: unknown): string => {
  if (v === null || v === undefined) return ''
  const rich = (v as { richText?: Array<{ text: string }> }).richText
  const text = rich ? rich.map((r) => r.text).join('') : String(v)
  return normaliseText(text)
    .replace(/\s+/g, '')
    .replace(/[*＊]$/, '')
}

const isBlank = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && normaliseText(v) === '')

/**
 * exceljs 4.4's streaming reader decodes each zip chunk on its own, so a Chinese character whose UTF-8 bytes
 * straddle two chunks comes out as "���" (seen on real files: 信息 → 信���). Decoding with a StringDecoder,
 * which carries a split character over to the next chunk, and handing exceljs strings (which it passes
 * through) avoids that. The same pass notes every <mergeCell ref="…">, which the reader skips; a short
 * carry-over catches a tag split between chunks.
 */
async function* utf8Chunks(source: AsyncIterable<Buffer | string>, merges?: Set<string>) {
  const decoder = new StringDecoder('utf8')
  let carry = ''
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk)
    if (merges) {
      const window = carry + text
      if (window.includes('<mergeCell'))
        for (const m of window.matchAll(/<mergeCell\s[^>]*ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g))
          merges.add(m[1]!)
      carry = window.slice(-64)
    }
    if (text) yield text
  }
  const rest = decoder.end()
  if (rest) yield rest
}

/** The reader's shared-strings and worksheet parts, fed through utf8Chunks (see there for why). */
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>
}

function decodeSafely(reader: ExcelJS.stream.xlsx.WorkbookReader, merges: Set<string>) {
  const r = reader as unknown as ReaderInternals
  const sharedStrings = r._parseSharedStrings
  const worksheet = r._parseWorksheet
  r._parseSharedStrings = function (entry) {
    // The entry is a byte stream; with an encoding set it emits correctly decoded strings.
    ;(entry as unknown as { setEncoding(e: string): void }).setEncoding('utf8')
    return sharedStrings.call(this, entry)
  }
  r._parseWorksheet = function (iterator, sheetNo) {
    return worksheet.call(this, utf8Chunks(iterator, merges), sheetNo)
  }
}

function checkHeaders(spec: KindSpec, values: unknown[]): number[] {
  const seen = new Map<string, number>()
  const unknown: string[] = []
  const repeated: string[] = []
  values.forEach((v, col) => {
    const text = headerText(v)
    if (!text || col === 0) return
    if (!spec.columns.some((c) => c.header === text)) unknown.push(text)
    else if (seen.has(text)) repeated.push(text)
    else seen.set(text, col)
  })
  const missing = spec.columns.filter((c) => !seen.has(c.header)).map((c) => c.header)
  if (missing.length || unknown.length || repeated.length) {
    const zh = [
      missing.length ? `缺少 ${missing.join('、')}` : '',
      unknown.length ? `多出 ${unknown.join('、')}` : '',
      repeated.length ? `重复 ${repeated.join('、')}` : '',
    ]
    const en = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `unexpected ${unknown.join(', ')}` : '',
      repeated.length ? `repeated ${repeated.join(', ')}` : '',
    ]
    throw new AppError('import_wrong_headers', {
      problems: { 'zh-CN': zh.filter(Boolean).join('；'), 'en-US': en.filter(Boolean).join('; ') },
    })
  }
  return spec.columns.map((c) => seen.get(c.header)!)
}

interface StreamWorksheet extends AsyncIterable<ExcelJS.Row> {
  name: string
}

/**
 * Reads the kind's sheet from an .xlsx, streaming (a 100,000-row sheet stays near 150 MB instead of the
 * ~750 MB a full load takes). File-level problems are thrown as AppErrors, so nothing is checked or
 * written: not an xlsx, no sheet of that name, headers unlike the template, merged cells, too many rows,
 * no data; and, before any XML is parsed, a zip that would unpack to too much (see zip-bounds.ts). Cell-level
 * problems (formulas, error values) are left to the row checks. Runs in a worker thread (read-upload.ts).
 */
export async function readSheet(buffer: Buffer, spec: KindSpec, fileName: string): Promise<SheetRow[]> {
  if (buffer.length < 4 || ZIP_MAGIC.some((b, i) => buffer[i] !== b))
    throw new AppError('import_not_excel', { file: fileName })
  let book: Buffer
  try {
    book = await boundedWorkbook(buffer)
  } catch (err) {
    if (err instanceof NotAWorkbook) throw new AppError('import_not_excel', { file: fileName })
    throw err
  }
  try {
    return await readSheetOnce(book, spec)
  } catch (err) {
    if (!(err instanceof Unreadable)) throw err
  }
  // ExcelJS's streaming reader (over unzipper) occasionally stops before the workbook part on a busy machine
  // and then fails inside (seen as "reading 'sheets' of undefined" on files that read fine a moment later).
  // A real non-Excel file fails the same way twice; a valid one read again succeeds.
  try {
    return await readSheetOnce(book, spec)
  } catch (err) {
    if (err instanceof Unreadable) throw new AppError('import_not_excel', { file: fileName })
    throw err
  }
}

/** The zip could not be read as a workbook (corrupt, another kind of document, or the reader's race). */
class Unreadable extends Error {}

async function readSheetOnce(buffer: Buffer, spec: KindSpec): Promise<SheetRow[]> {
  const notExcel = () => new Unreadable()
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles tell date cells from numbers.
    styles: 'cache',
    entries: 'ignore',
  })
  const sheetNames: string[] = []
  const rows: SheetRow[] = []
  // Noted while the wanted sheet is read; other sheets are skipped unread.
  const merges = new Set<string>()
  decodeSafely(reader, merges)
  let found = false
  try {
    for await (const sheet of reader as unknown as AsyncIterable<StreamWorksheet>) {
      sheetNames.push(sheet.name)
      if (found || normaliseText(sheet.name) !== spec.sheet) continue
      found = true
      let columns: number[] | null = null
      for await (const row of sheet) {
        const values = row.values as unknown[]
        if (!columns) {
          // Row 1 must be the header; a sheet whose first row is lower has none.
          columns = checkHeaders(spec, row.number === 1 ? values : [])
          if (row.number === 1) continue
        }
        const cells = columns.map((col) => values[col] ?? null)
        if (cells.every(isBlank)) continue
        if (rows.length >= IMPORT_MAX_ROWS)
          throw new AppError('import_too_many_rows', { max: IMPORT_MAX_ROWS })
        rows.push({ row: row.number, cells })
      }
      if (!columns) throw new AppError('import_empty', { sheet: spec.sheet })
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw notExcel()
  }
  // Without a workbook part the zip was some other kind of document (e.g. a .docx renamed).
  if (!(reader as unknown as { model?: unknown }).model) throw notExcel()
  if (!found) {
    throw new AppError('import_wrong_sheet', {
      expected: spec.sheet,
      found: sheetNames.length ? sheetNames.join('、') : '—',
    })
  }
  if (merges.size > 0) {
    const list = [...merges]
    throw new AppError('import_merged_cells', {
      ranges: list.slice(0, 10).join(', ') + (list.length > 10 ? ' …' : ''),
    })
  }
  if (rows.length === 0) throw new AppError('import_empty', { sheet: spec.sheet })
  return rows
}
