/**
 * What a 100,000-row import costs everybody else: the real server runs as its own process (as `npm start`
 * runs it), one client imports the bench's units workbook (dry run, then commit, polling a background
 * commit), and another client reads `GET /api/units?limit=50` in a loop the whole time. Reported: the
 * reader's latencies with no import running (the baseline, same run, same server) and during the dry run and
 * the commit, and the server process's resident memory (VmRSS / peak VmHWM from /proc) before and after.
 *   node --import tsx bench/import-load.ts                                   # embedded PGlite (fresh data dir)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/import-load.ts   # a scratch database on that server
 * BENCH_ROWS (default 100000), BENCH_QUIET_SECONDS (default 15): the baseline's length; BENCH_AFTER_SECONDS
 * (default 60): how long memory is watched after the commit.
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { DEMO_PASSWORD } from '../db/demo/index.ts'
import { unitsWorkbook } from './import-book.ts'

const rows = Number(process.env.BENCH_ROWS ?? 100_000)
const quietSeconds = Number(process.env.BENCH_QUIET_SECONDS ?? 15)
/** How long memory is watched after the commit ends (the issue's "a minute after load ends"). */
const afterSeconds = Number(process.env.BENCH_AFTER_SECONDS ?? 60)
const SECRET = 'bench-secret-bench-secret-bench-secret-00'
const root = path.resolve(import.meta.dirname, '..')

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

async function scratchDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-'))
    return { env: { TONGXIN_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `tongxin_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString(), TONGXIN_DEMO: '1' },
    drop: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

/** Resident and peak resident memory of a process, in MB, from /proc (Linux). */
function memory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

interface Session {
  cookie: string
  csrf: string
}

async function login(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  })
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`)
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!)
  const csrf = cookies.find((c) => c.startsWith('tx_csrf='))!.slice('tx_csrf='.length)
  return { cookie: cookies.join('; '), csrf }
}

const headersOf = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf })

/** Reads a page of units in a loop until stopped; each sample is [when it started, ms, ok]. */
function reader(base: string, s: Session) {
  const samples: Array<[number, number, boolean]> = []
  let stop = false
  const done = (async () => {
    while (!stop) {
      const t0 = performance.now()
      let ok = false
      try {
        const res = await fetch(`${base}/api/units?limit=50`, { headers: headersOf(s) })
        await res.arrayBuffer()
        ok = res.ok
      } catch {}
      samples.push([t0, performance.now() - t0, ok])
    }
  })()
  return {
    samples,
    stop: async () => {
      stop = true
      await done
    },
  }
}

function stats(samples: Array<[number, number, boolean]>, from: number, to: number) {
  const ms = samples
    .filter(([t]) => t >= from && t < to)
    .map(([, d]) => d)
    .sort((a, b) => a - b)
  const q = (p: number) =>
    ms.length ? ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]! : Number.NaN
  const failed = samples.filter(([t, , ok]) => t >= from && t < to && !ok).length
  return { n: ms.length, p50: q(0.5), p99: q(0.99), max: ms.at(-1) ?? Number.NaN, failed }
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1))
const line = (label: string, s: ReturnType<typeof stats>) =>
  `  ${label.padEnd(22)} n=${String(s.n).padStart(5)}  p50 ${ms(s.p50).padStart(6)} ms  p99 ${ms(s.p99).padStart(6)} ms  max ${ms(s.max).padStart(6)} ms${s.failed ? `  failed ${s.failed}` : ''}`

async function main() {
  const { env, drop } = await scratchDatabase()
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  // As `npm start` runs it: the built server (its prestart builds only what changed).
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: path.join(root, 'server'), stdio: 'inherit' })
  const server = spawn(process.execPath, ['dist/main.mjs'], {
    cwd: path.join(root, 'server'),
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TONGXIN_SECRET: SECRET,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise((resolve) => server.once('exit', resolve))
  try {
    const started = performance.now()
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
      try {
        if ((await fetch(`${base}/api/health`)).ok) break
      } catch {}
      await new Promise((r) => setTimeout(r, 250))
    }
    const engine = (await (await fetch(`${base}/api/health`)).json()).db
    console.log(
      `server up in ${((performance.now() - started) / 1000).toFixed(1)} s (${engine}), pid ${server.pid}`,
    )
    const importer = await login(base)
    const readerSession = await login(base)
    const buildings: Array<{ name: string; address: string; floors: number; area_code: string }> = []
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page = (await (
        await fetch(
          `${base}/api/buildings?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          {
            headers: headersOf(importer),
          },
        )
      ).json()) as {
        items: Array<{ name: string; address: string; floors: number; areaCode: string }>
        nextCursor: string | null
      }
      buildings.push(...page.items.map((b) => ({ ...b, area_code: b.areaCode })))
      cursor = page.nextCursor
    }
    const file = await unitsWorkbook(buildings, rows)
    console.log(`workbook: ${rows.toLocaleString('en-US')} rows, ${(file.length / 1e6).toFixed(1)} MB`)

    const memBefore = memory(server.pid!)
    // Resident memory sampled every 100 ms, to tell the dry run's peak from the commit's.
    const rss: Array<[number, number]> = []
    const sampler = setInterval(() => rss.push([performance.now(), memory(server.pid!).rss]), 100)
    const r = reader(base, readerSession)
    const quietFrom = performance.now()
    await new Promise((res) => setTimeout(res, quietSeconds * 1000))
    const dryFrom = performance.now()
    const dry = await fetch(`${base}/api/imports/units?fileName=bench.xlsx`, {
      method: 'POST',
      headers: { ...headersOf(importer), 'content-type': 'application/octet-stream' },
      body: new Uint8Array(file),
    })
    const job = await dry.json()
    if (dry.status !== 201 || job.status !== 'checked')
      throw new Error(`dry run failed: ${dry.status} ${JSON.stringify(job).slice(0, 500)}`)
    const commitFrom = performance.now()
    const res = await fetch(`${base}/api/imports/${job.id}/commit`, {
      method: 'POST',
      headers: headersOf(importer),
    })
    let status = (await res.json()).status
    while (status === 'committing') {
      await new Promise((res) => setTimeout(res, 500))
      status = (await (await fetch(`${base}/api/imports/${job.id}`, { headers: headersOf(importer) })).json())
        .status
    }
    const commitTo = performance.now()
    if (status !== 'committed') throw new Error(`commit ended ${status}`)
    await r.stop()
    // Nothing runs now but the server's own timers: does the memory come back down?
    await new Promise((res) => setTimeout(res, afterSeconds * 1000))
    clearInterval(sampler)
    const memAfter = memory(server.pid!)
    const rssPeak = (from: number, to: number) =>
      Math.max(...rss.filter(([t]) => t >= from && t < to).map(([, v]) => v))

    const s = (from: number, to: number) => stats(r.samples, from, to)
    console.log(
      `engine ${engine}; ${os.cpus().length} cores, Node ${process.version}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    )
    console.log(
      `import: dry run ${((commitFrom - dryFrom) / 1000).toFixed(1)} s, commit ${((commitTo - commitFrom) / 1000).toFixed(1)} s (HTTP ${res.status}); diff ${JSON.stringify(job.diff)}`,
    )
    console.log('reader GET /api/units?limit=50:')
    console.log(line(`no import (${quietSeconds} s)`, s(quietFrom, dryFrom)))
    console.log(line('during the dry run', s(dryFrom, commitFrom)))
    console.log(line('during the commit', s(commitFrom, commitTo)))
    console.log(line('during the import', s(dryFrom, commitTo)))
    console.log(
      `server memory: RSS ${memBefore.rss.toFixed(0)} MB before (peak so far ${memBefore.peak.toFixed(0)} MB), ${memAfter.rss.toFixed(0)} MB ${afterSeconds} s after the commit ended; peak ${memAfter.peak.toFixed(0)} MB`,
    )
    console.log(
      `  RSS peak (100 ms samples): no import ${rssPeak(quietFrom, dryFrom).toFixed(0)} MB, dry run ${rssPeak(dryFrom, commitFrom).toFixed(0)} MB, commit ${rssPeak(commitFrom, commitTo).toFixed(0)} MB`,
    )
  } finally {
    server.kill('SIGTERM')
    await exited
    await drop()
  }
}

await main()
