/**
 * Memory and start time of the embedded server as an operator runs it: a real `npm start`-like process on a
 * fresh data directory with the demo, then a restart on that directory.
 *   node --import tsx bench/rss.ts                 # server run through tsx (what `npm start` did before the bundle)
 *   BENCH_ENTRY=dist node --import tsx bench/rss.ts   # server/dist/main.mjs, what `npm start` runs (build it first:
 *                                                     # node server/scripts/build.mjs)
 * RSS is the server process's own (VmRSS; VmHWM is its peak), read from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

const SERVER = path.resolve(import.meta.dirname, '../server')
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 20)
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 10)
const entry = process.env.BENCH_ENTRY === 'dist' ? ['dist/main.mjs'] : ['--import', 'tsx', 'src/main.ts']

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

function memory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0)
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) }
}

async function start(dir: string, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const began = performance.now()
  const child = spawn(process.execPath, entry, {
    cwd: SERVER,
    env: { ...process.env, TONGXIN_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', TONGXIN_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (/tongxin: serving/.test(out)) resolve()
    })
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
  return { child, ms: performance.now() - began }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000))

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tongxin-rss-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  try {
    const first = await start(dir, port)
    const pid = first.child.pid!
    const afterDemo = memory(pid)
    await sleep(idleSeconds)
    const idle = memory(pid)
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'tongxin-demo' }),
    })
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    for (const url of ['/api/auth/me', '/api/units?limit=50', '/api/coverage?area=310000']) {
      await autocannon({
        url: `${base}${url}`,
        connections: 10,
        duration: loadSeconds / 3,
        headers: { cookie },
      })
    }
    const loaded = memory(pid)
    await sleep(idleSeconds)
    const after = memory(pid)
    await stop(first.child)
    const second = await start(dir, port)
    await sleep(idleSeconds)
    const restarted = memory(second.child.pid!)
    await stop(second.child)
    console.log(
      `\nentry: ${entry.join(' ')}; node ${process.version}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    )
    console.log('| moment | RSS MB | peak RSS MB |')
    console.log('|---|---:|---:|')
    console.log(
      `| first start (demo loaded), serving after ${(first.ms / 1000).toFixed(1)} s | ${afterDemo.rss} | ${afterDemo.peak} |`,
    )
    console.log(`| idle ${idleSeconds} s later | ${idle.rss} | ${idle.peak} |`)
    console.log(
      `| right after ${loadSeconds} s of reads (me, units, city coverage) | ${loaded.rss} | ${loaded.peak} |`,
    )
    console.log(`| idle ${idleSeconds} s after the load | ${after.rss} | ${after.peak} |`)
    console.log(
      `| restart on the same data directory: serving after ${(second.ms / 1000).toFixed(1)} s, then idle ${idleSeconds} s | ${restarted.rss} | ${restarted.peak} |`,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
