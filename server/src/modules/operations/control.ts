import { createHash } from 'node:crypto'
import { lstat, mkdir, rm } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from '../../context.ts'
import { latestMigration } from '../../db/migrate.ts'
import { embeddedBackupBytes } from './backup-embedded.ts'
import { OpsError } from './backup-file.ts'
import { type BackupRun, recordBackupRun } from './repository.ts'

/**
 * The embedded database is one process's: `npm run backup` cannot open a data directory a server holds. It
 * asks the server instead, over a Unix socket in a 0700 directory of the data directory, so only the account
 * that owns the data (or root) can reach it — no token, no TCP port. The server streams the backup's bytes;
 * the command writes and verifies the file with its own permissions, so the server writes nowhere it is told.
 */
export function controlSocketPath(dataDir: string): string {
  const inside = path.join(dataDir, 'run', 'control.sock')
  // Unix socket paths are limited to ~104 bytes; a deep data directory gets one in the temp directory.
  if (Buffer.byteLength(inside) <= 100) return inside
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)
  return path.join(os.tmpdir(), `tongxin-${id}`, 'control.sock')
}

async function privateDir(dir: string) {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const st = await lstat(dir)
  const uid = process.getuid?.()
  if (!st.isDirectory() || (st.mode & 0o077) !== 0 || (uid !== undefined && st.uid !== uid)) {
    throw new Error(`${dir} must be a directory of this account with mode 0700`)
  }
}

const readBody = async (req: http.IncomingMessage) => {
  let body = ''
  for await (const chunk of req) {
    body += chunk
    if (body.length > 64 * 1024) throw new Error('body too large')
  }
  return body
}

/** Starts the control socket of a running embedded server; returns how to close it. */
export async function startControlSocket(
  ctx: AppContext,
  log: FastifyBaseLogger,
): Promise<() => Promise<void>> {
  const socket = controlSocketPath(ctx.config.dataDir)
  await privateDir(path.dirname(socket))
  // This process holds the data-directory lock: a socket left here is a crashed holder's.
  await rm(socket, { force: true })
  const server = http.createServer((req, res) => {
    void (async () => {
      if (req.method === 'POST' && req.url === '/backup') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        const bytes = embeddedBackupBytes(
          ctx.database,
          { secret: ctx.secret, carry: ctx.config.secret === null },
          ctx.clock.now(),
        )
        for await (const chunk of bytes) {
          if (!res.write(chunk)) await new Promise((r) => res.once('drain', r))
        }
        res.end()
        return
      }
      if (req.method === 'POST' && req.url === '/report') {
        const run = JSON.parse(await readBody(req)) as BackupRun
        await recordBackupRun(ctx.db, {
          ...run,
          kind: 'manual',
          engine: 'pglite',
          started_at: new Date(run.started_at),
          finished_at: new Date(run.finished_at),
        })
        if (run.ok) log.info({ file: run.file, bytes: run.bytes }, 'backup written by npm run backup')
        else log.error({ error: run.error }, 'npm run backup failed')
        res.writeHead(204).end()
        return
      }
      if (req.method === 'GET' && req.url === '/schema') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(await latestMigration(ctx.database))
        return
      }
      res.writeHead(404).end()
    })().catch((err) => {
      log.error({ err }, 'control socket request failed')
      // Cut the stream off: the command sees a broken backup, never a short one that looks whole.
      res.destroy(err as Error)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socket, () => resolve())
  })
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
}

function notAnswering(socket: string, err: NodeJS.ErrnoException) {
  return new OpsError(
    'control_unreachable',
    `A tongxin server holds the data directory, but its control socket ${socket} does not answer (${err.code ?? err.message}). ` +
      'Is it still starting, or an older version? Wait for "serving", or stop it and run the backup again.',
  )
}

/** The backup bytes of the running server, as a stream. */
export function requestBackup(dataDir: string): Promise<http.IncomingMessage> {
  const socketPath = controlSocketPath(dataDir)
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/backup', method: 'POST' }, (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        reject(new OpsError('control_failed', `The server refused the backup (HTTP ${res.statusCode}).`))
      } else resolve(res)
    })
    req.once('error', (err) => reject(notAnswering(socketPath, err)))
    req.end()
  })
}

/** Tells the running server how a backup it streamed ended, for the admins' page. */
export function reportBackup(dataDir: string, run: BackupRun): Promise<void> {
  const socketPath = controlSocketPath(dataDir)
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/report', method: 'POST' }, (res) => {
      res.resume()
      res.once('end', () => resolve())
    })
    req.once('error', (err) => reject(notAnswering(socketPath, err)))
    req.end(JSON.stringify(run))
  })
}
