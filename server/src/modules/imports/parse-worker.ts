import { createHash } from 'node:crypto'
import { parentPort } from 'node:worker_threads'
import type { ImportKind } from '@tongxin/contracts'
import { AppError } from '../../lib/errors.ts'
import { KIND_SPECS, type KindSpec } from './columns.ts'
import { readSheet } from './parse.ts'
import { compactCell, encodeRows } from './stored-rows.ts'

/** A worker thread reading uploads one at a time (see read-upload.ts): the server's event loop and heap stay out of it. */
export interface ParseRequest {
  file: Uint8Array
  /** A registry kind, or another module's sheet description (plain data, copied to the worker). */
  kind: ImportKind | KindSpec
  fileName: string
}
export type ParseReply =
  | { ok: true; rows: Array<{ row: number; cells: unknown[] }>; stored: Uint8Array; sha256: string }
  | { ok: false; code: string; params: Record<string, unknown> }
  | { ok: false; code: null; message: string }

parentPort!.on('message', async ({ file, kind, fileName }: ParseRequest) => {
  let reply: ParseReply
  try {
    const buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength)
    const sha256 = createHash('sha256').update(buffer).digest('hex')
    const read = await readSheet(buffer, typeof kind === 'string' ? KIND_SPECS[kind] : kind, fileName)
    const rows = read.map((r) => ({ row: r.row, cells: r.cells.map(compactCell) }))
    reply = { ok: true, rows, stored: await encodeRows(rows), sha256 }
  } catch (err) {
    reply =
      err instanceof AppError
        ? { ok: false, code: err.code, params: err.params as Record<string, unknown> }
        : { ok: false, code: null, message: String((err as Error)?.stack ?? err) }
  }
  parentPort!.postMessage(reply, reply.ok ? [reply.stored.buffer as ArrayBuffer] : [])
})
