import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, inject } from 'vitest'

/**
 * Real server processes (`node --import tsx src/main.ts`), started the way an operator starts them. Waits
 * are on what the process says (its log lines), bounded only so that a broken start cannot hang the run:
 * a loaded machine may take minutes where an idle one takes seconds.
 */
export const SERVER_DIR = path.resolve(import.meta.dirname, '../..')
export const START_BOUND_MS = 5 * 60_000

const children = new Set<ChildProcess>()
const dirs: string[] = []
let launched = 0

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
    }
  }
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

export const tempDir = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'tongxin-process-'))
  dirs.push(d)
  return d
}

/**
 * A data directory whose database is already migrated, with the areas and the waste dictionary but no
 * accounts: a start on it is a first start (first admin or demo load) without paying for initdb and the
 * migrations again. Copied from the template the global setup built.
 */
export async function seededDataDir(): Promise<string> {
  const dir = await tempDir()
  await cp(inject('processTemplateDir'), path.join(dir, 'pgdata'), { recursive: true })
  return dir
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

/** Resolves with the error code of a fresh TCP connection attempt, or 'connected'. */
export function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message))
  })
}

export interface Proc {
  child: ChildProcess
  /** The file the process records the modules of server/src it loaded in (see module-log.mjs). */
  moduleLog: string
  port: number
  base: string
  stdout: () => string
  stderr: () => string
  exit: Promise<number | null>
  /** Waits until stdout matches; rejects if the process exits first or after `ms` (a bound, not a deadline). */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>
}

/**
 * Starts the server with a clean environment: nothing from the caller's may leak into the configuration.
 * `entry` is a built server's main.mjs (server/scripts/build.mjs) instead of the sources through tsx.
 */
export function launch(dataDir: string, env: Record<string, string>, port: number, entry?: string): Proc {
  const moduleLog = path.join(os.tmpdir(), `tongxin-modules-${process.pid}-${++launched}.log`)
  dirs.push(moduleLog)
  const args = entry
    ? ['--import', './test/process/module-log.mjs', entry]
    : ['--import', 'tsx', '--import', './test/process/module-log.mjs', 'src/main.ts']
  const child = spawn(process.execPath, args, {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      TX_TEST_MODULE_LOG: moduleLog,
      DATABASE_URL: '',
      INIT_CWD: '',
      HOST: '127.0.0.1',
      TONGXIN_DEMO: '',
      TONGXIN_SECRET: '',
      TONGXIN_ADMIN_PASSWORD: '',
      TONGXIN_LOCK_WAIT_SECONDS: '',
      TONGXIN_JOB_INTERVAL_MS: '',
      LOG_LEVEL: 'info',
      TONGXIN_DATA_DIR: dataDir,
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let out = ''
  let err = ''
  const listeners = new Set<() => void>()
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d
    for (const l of listeners) l()
  })
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d
  })
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    moduleLog,
    port,
    base: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitFor(re, ms = START_BOUND_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re)
          if (!m) return
          done()
          resolve(m)
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error(`no ${re} on stdout within ${ms} ms\nstdout: ${out}\nstderr: ${err}`))
        }, ms)
        const done = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        listeners.add(check)
        void exit.then((code) => {
          if (!listeners.has(check)) return
          done()
          reject(new Error(`exited with ${code} before ${re}\nstdout: ${out}\nstderr: ${err}`))
        })
        check()
      })
    },
  }
}

/** The modules of server/src a process loaded besides main.ts and config.ts (read after it exited). */
export function appModulesLoaded(p: Proc): string[] {
  const loaded = readFileSync(p.moduleLog, 'utf8').split('\n').filter(Boolean)
  // The log must show the entry point, or it proves nothing.
  expect(loaded.some((u) => u.endsWith('/src/main.ts'))).toBe(true)
  // A module's own configuration section (modules/<m>/config.ts, imported by config.ts) is part of checking the
  // configuration; it must itself import nothing of ours, which this list would then show.
  return [...new Set(loaded)].filter((u) => !/\/src\/(main|config|modules\/[a-z-]+\/config)\.ts$/.test(u))
}

export const SERVING = /tongxin: serving http:\/\//

export async function start(dataDir: string, env: Record<string, string> = {}): Promise<Proc> {
  const p = launch(dataDir, env, await freePort())
  await p.waitFor(SERVING)
  return p
}

export async function stop(p: Proc) {
  p.child.kill('SIGTERM')
  expect(await p.exit).toBe(0)
}

export interface Session {
  cookie: string
  csrf: string
}

export async function signIn(p: Proc, username: string, password: string): Promise<Session> {
  const res = await fetch(`${p.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const body = await res.text()
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${body}`)
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { cookie, csrf: (JSON.parse(body) as { csrfToken: string }).csrfToken }
}

export const loginStatus = async (p: Proc, username: string, password: string) =>
  (
    await fetch(`${p.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  ).status

export async function call(p: Proc, s: Session, url: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${p.base}${url}`, {
    method: init.method ?? 'GET',
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

declare module 'vitest' {
  export interface ProvidedContext {
    processTemplateDir: string
  }
}
