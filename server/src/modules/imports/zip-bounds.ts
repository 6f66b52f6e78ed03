import type { Readable } from 'node:stream'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { AppError } from '../../lib/errors.ts'

/**
 * What an .xlsx may unpack to before anything parses it. A legitimate 100,000-row units sheet unpacks to
 * ~40 MB (shared strings: ~9 MB, ~230,000 entries), so these leave several times that, while a zip bomb (a
 * few hundred KB declaring or inflating to hundreds of MB) or a shared-strings table of millions of entries
 * (every one kept in memory by the reader) is refused before parsing. Exported for tests.
 */
export const ZIP_LIMITS = {
  parts: 1_000,
  partBytes: 128 * 1024 * 1024,
  totalBytes: 256 * 1024 * 1024,
  sharedStrings: 1_000_000,
}

const MIB = 1024 * 1024
const mib = (n: number) => `${Math.round(n / MIB)} MB`

/** The parts exceljs' streaming reader reads, in the order that lets it parse each sheet as it comes. */
const WANTED: Array<RegExp> = [
  /^xl\/_rels\/workbook\.xml\.rels$/,
  /^xl\/workbook\.xml$/,
  /^xl\/styles\.xml$/,
  /^xl\/sharedStrings\.xml$/,
  /^xl\/worksheets\/sheet\d+\.xml$/,
]
const rank = (name: string) => WANTED.findIndex((re) => re.test(name))

/** The zip is not a workbook we can read (damaged, encrypted, another compression, duplicate parts). */
export class NotAWorkbook extends Error {}

const SI = /<(?:[A-Za-z_][\w.-]*:)?si[\s/>]/g
/** Characters kept back from each chunk, so a tag split between two chunks is seen whole in the next. */
const TAIL = 64

/** Counts shared-string entries (<si>, with or without a namespace prefix) in a stream of XML bytes. */
class StringCounter {
  count = 0
  private tail = ''
  private head = true
  constructor(private readonly max: number) {}
  add(chunk: Buffer) {
    // latin1 keeps every ASCII byte as one character; UTF-8 multi-byte sequences cannot form "<si".
    const text = this.tail + chunk.toString('latin1')
    if (this.head) {
      this.head = false
      // Refuse at once when the table declares its size up front.
      const declared = /<(?:\w+:)?sst\b[^>]*\buniqueCount="(\d+)"/.exec(text)
      if (declared && Number(declared[1]) > this.max) this.count = this.max + 1
    }
    const cut = Math.max(0, text.length - TAIL)
    for (const m of text.matchAll(SI)) if (m.index < cut) this.count++
    this.tail = text.slice(cut)
  }
  finish() {
    this.count += [...this.tail.matchAll(SI)].length
    this.tail = ''
  }
}

async function drain(stream: Readable, onChunk: (chunk: Buffer) => void): Promise<number> {
  let bytes = 0
  try {
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length
      onChunk(chunk as Buffer)
    }
  } finally {
    stream.destroy()
  }
  return bytes
}

interface Kept {
  name: string
  entry: Entry
  raw: Buffer
}

/**
 * Checks the zip's central directory and every part the reader will inflate, then returns a zip of only those
 * parts (their compressed bytes copied, not re-compressed). Refused with a specific AppError, before any XML is
 * parsed: too many parts, a part or the whole declaring more than the limits, a part inflating to more than it
 * declared (inflation stops there), a shared-strings table with too many entries. Handing the reader the
 * rebuilt zip means it sees exactly the parts checked here: its streaming unzip reads local headers in file
 * order and would also inflate data the central directory does not list.
 */
export async function boundedWorkbook(file: Buffer, limits = ZIP_LIMITS): Promise<Buffer> {
  let zip: ZipFile
  try {
    zip = await yauzl.fromBufferPromise(file, { lazyEntries: true, validateEntrySizes: true })
  } catch {
    throw new NotAWorkbook()
  }
  if (zip.entryCount > limits.parts) throw new AppError('import_too_many_parts', { max: limits.parts })
  const kept: Kept[] = []
  let declaredTotal = 0
  let inflatedTotal = 0
  const seen = new Set<string>()
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName
      if (name.endsWith('/')) continue
      if (seen.has(name) || entry.isEncrypted() || ![0, 8].includes(entry.compressionMethod))
        throw new NotAWorkbook()
      seen.add(name)
      if (entry.uncompressedSize > limits.partBytes)
        throw new AppError('import_part_too_large', { part: name, limit: mib(limits.partBytes) })
      declaredTotal += entry.uncompressedSize
      if (declaredTotal > limits.totalBytes)
        throw new AppError('import_unpacked_too_large', { limit: mib(limits.totalBytes) })
      if (rank(name) < 0) continue
      const counter = /^xl\/sharedStrings\.xml$/.test(name) ? new StringCounter(limits.sharedStrings) : null
      let stream: Readable
      try {
        stream = await zip.openReadStreamPromise(entry)
      } catch {
        throw new NotAWorkbook()
      }
      const tooMany = () => {
        if (counter && counter.count > limits.sharedStrings)
          throw new AppError('import_too_many_strings', { max: limits.sharedStrings })
      }
      try {
        inflatedTotal += await drain(stream, (chunk) => {
          counter?.add(chunk)
          tooMany()
        })
        counter?.finish()
        tooMany()
      } catch (err) {
        if (err instanceof AppError) throw err
        // yauzl stops inflating as soon as a part yields more bytes than its header declared.
        if (/too many bytes|not enough bytes/.test(String((err as Error).message)))
          throw new AppError('import_part_size_mismatch', { part: name })
        throw new NotAWorkbook()
      }
      if (inflatedTotal > limits.totalBytes)
        throw new AppError('import_unpacked_too_large', { limit: mib(limits.totalBytes) })
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true })
      kept.push({ name, entry, raw: file.subarray(fileDataStart, fileDataStart + entry.compressedSize) })
    }
  } catch (err) {
    // yauzl's own complaints (bad names, headers that do not match the directory, overflowing offsets).
    if (err instanceof AppError || err instanceof NotAWorkbook) throw err
    throw new NotAWorkbook()
  } finally {
    zip.close()
  }
  kept.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name, 'en', { numeric: true }))
  return rebuild(kept)
}

/** A part as it goes into a zip: its bytes as stored (deflated or not) and what its headers declare. */
export interface ZipEntryBytes {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  crc32: number
  raw: Buffer
  uncompressedSize: number
}

const rebuild = (parts: Kept[]) =>
  writeZip(
    parts.map(({ name, entry, raw }) => ({
      name,
      method: entry.compressionMethod,
      crc32: entry.crc32,
      raw,
      uncompressedSize: entry.uncompressedSize,
    })),
  )

/**
 * A plain zip of parts already compressed: sizes in the local headers (no data descriptors), UTF-8 names.
 * The reader gets the checked parts this way without inflating them again; tests build hostile files with it.
 */
export function writeZip(parts: ZipEntryBytes[]): Buffer {
  const out: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const fileName = Buffer.from(part.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(part.method, 8)
    local.writeUInt32LE(part.crc32, 14)
    local.writeUInt32LE(part.raw.length, 18)
    local.writeUInt32LE(part.uncompressedSize, 22)
    local.writeUInt16LE(fileName.length, 26)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(0x0800, 8)
    dir.writeUInt16LE(part.method, 10)
    dir.writeUInt32LE(part.crc32, 16)
    dir.writeUInt32LE(part.raw.length, 20)
    dir.writeUInt32LE(part.uncompressedSize, 24)
    dir.writeUInt16LE(fileName.length, 28)
    dir.writeUInt32LE(offset, 42)
    out.push(local, fileName, part.raw)
    central.push(dir, fileName)
    offset += local.length + fileName.length + part.raw.length
  }
  const dir = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...out, dir, end])
}
