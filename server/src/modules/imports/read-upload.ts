import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ImportKind } from '@tongxin/contracts'
import { AppError, type ErrorCode, type MessageParams } from '../../lib/errors.ts'
import type { KindSpec } from './columns.ts'
import type { SheetRow } from './parse.ts'
import type { ParseReply, ParseRequest } from './parse-worker.ts'

/**
 * Limits of the worker that reads an upload; exported so tests can shrink them. The heap limit makes a file
 * that needs more memory than any template-shaped workbook kill its worker, not the server (a 100,000-row
 * sheet needs ~150 MB); one upload is read at a time per instance, a few more wait, the rest are turned away.
 */
export const readerLimits = { heapMb: 384, timeoutMs: 120_000, waiting: 4 }

export interface ReadUpload {
  rows: SheetRow[]
  /** The rows as the job keeps them (stored-rows.ts). */
  stored: Buffer
  sha256: string
}

const workerUrl = new URL('./parse-worker.ts', import.meta.url)
// The server runs TypeScript through tsx (`node --import tsx`), but a worker's entry module is loaded before
// the hooks inherited from the command line apply, so the worker registers tsx itself, then loads the entry.
const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(workerUrl.href)}))`

let busy = false
const queue: Array<() => void> = []

async function turn(): Promise<() => void> {
  if (busy) {
    if (queue.length >= readerLimits.waiting) throw new AppError('unavailable')
    await new Promise<void>((resolve) => queue.push(resolve))
  }
  busy = true
  return () => {
    const next = queue.shift()
    if (next) next()
    else busy = false
  }
}

/** The reader, kept a while after a read so the next upload does not pay for starting it (~1 s). */
let current: { worker: Worker; heapMb: number; idle: NodeJS.Timeout | null } | null = null
const IDLE_MS = 30_000

function reader() {
  if (current && current.heapMb !== readerLimits.heapMb) void stop(current.worker)
  if (!current) {
    const worker = new Worker(bootstrap, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: readerLimits.heapMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    })
    // An idle reader must not keep the process alive.
    worker.unref()
    current = { worker, heapMb: readerLimits.heapMb, idle: null }
  }
  if (current.idle) clearTimeout(current.idle)
  current.idle = null
  return current
}

function stop(worker: Worker) {
  if (current?.worker === worker) {
    if (current.idle) clearTimeout(current.idle)
    current = null
  }
  return worker.terminate()
}

function runWorker(request: ParseRequest): Promise<ParseReply> {
  const held = reader()
  const { worker } = held
  return new Promise<ParseReply>((resolve, reject) => {
    const tooComplex = () => new AppError('import_too_complex', { file: request.fileName })
    const onMessage = (reply: ParseReply) => {
      done()
      resolve(reply)
    }
    const onError = (err: Error & { code?: string }) => {
      done()
      void stop(worker)
      reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : err)
    }
    const onExit = () => {
      done()
      if (current?.worker === worker) current = null
      reject(tooComplex())
    }
    const timer = setTimeout(() => {
      done()
      void stop(worker)
      reject(tooComplex())
    }, readerLimits.timeoutMs)
    function done() {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
    }
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage(request)
  }).finally(() => {
    if (current === held) {
      held.idle = setTimeout(() => void stop(worker), IDLE_MS)
      held.idle.unref()
    }
  })
}

/**
 * Reads an uploaded workbook in a worker thread: bounds the zip (zip-bounds.ts), reads the kind's sheet
 * (parse.ts), hashes the file and encodes the rows for the job. File-level problems come back as the same
 * AppErrors; a file that exhausts the worker's heap or time is `import_too_complex`.
 */
export async function readUpload(
  file: Buffer,
  kind: ImportKind | KindSpec,
  fileName: string,
): Promise<ReadUpload> {
  const done = await turn()
  let reply: ParseReply
  try {
    reply = await runWorker({ file: new Uint8Array(file), kind, fileName })
  } finally {
    done()
  }
  if (!reply.ok) {
    if (reply.code === null) throw new Error(`import reader failed: ${reply.message}`)
    throw new AppError(reply.code as ErrorCode, reply.params as MessageParams)
  }
  return { rows: reply.rows, stored: Buffer.from(reply.stored), sha256: reply.sha256 }
}
