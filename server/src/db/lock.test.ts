import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from './lock.ts'

const dirs: string[] = []
const tempDir = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'tongxin-lock-'))
  dirs.push(d)
  return d
}
const holders = new Set<ChildProcess>()
afterAll(async () => {
  for (const child of holders) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

/** Another process holding the lock the way the server does; resolves once it holds it. */
async function holdInAnotherProcess(dir: string): Promise<ChildProcess> {
  const code = `const { lockDataDir } = await import(${JSON.stringify(path.join(import.meta.dirname, 'lock.ts'))});
await lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 60_000)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  holders.add(child)
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d
      if (out.includes('locked')) resolve()
    })
    child.once('exit', (c) => reject(new Error(`the holder exited with ${c} before locking: ${out}`)))
  })
  return child
}

async function kill(child: ChildProcess) {
  child.kill('SIGKILL')
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r))
}

describe('data directory lock', () => {
  it('refuses a second holder until the first releases', async () => {
    const dir = await tempDir()
    const release = await lockDataDir(dir)
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError)
    await expect(lockDataDir(dir)).rejects.toThrow(/in use by another tongxin process/)
    await release()
    const again = await lockDataDir(dir)
    await again()
  })

  it('makes a second server process on the same directory exit with a clear message', async () => {
    const dir = await tempDir()
    const release = await lockDataDir(dir)
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, TONGXIN_DATA_DIR: dir, PORT: '0', DATABASE_URL: '', INIT_CWD: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (d) => {
        stderr += d
      })
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
      expect(code).toBe(1)
      expect(stderr).toMatch(/is in use by another tongxin process/)
    } finally {
      await release()
    }
  })

  it('takes over, saying so, a lock whose holder was killed: once it has gone untouched for the stale time', async () => {
    const dir = await tempDir()
    const crashed = await holdInAnotherProcess(dir)
    await kill(crashed)
    // As if it had died right after touching its lock (it touches it every 2 s).
    const now = new Date()
    await utimes(path.join(dir, 'tongxin.lock'), now, now)
    const said: string[] = []
    const release = await lockDataDir(dir, { say: (l) => said.push(l), staleMs: 5_000 })
    try {
      expect(said).toHaveLength(2)
      expect(said[0]).toMatch(
        new RegExp(
          `waiting for the lock on .*: it is held by pid ${crashed.pid} on .*, which is no longer running`,
        ),
      )
      expect(said[1]).toMatch(new RegExp(`took over the abandoned lock of pid ${crashed.pid} after waiting`))
      // The record now names this process, for the next one to check.
      expect(JSON.parse(await readFile(path.join(dir, 'tongxin.lock.json'), 'utf8')).pid).toBe(process.pid)
      await expect(lockDataDir(dir)).rejects.toThrow(`(pid ${process.pid} on`)
    } finally {
      await release()
    }
  })

  it('refuses at once, naming it, a holder that is still running', async () => {
    const dir = await tempDir()
    const live = await holdInAnotherProcess(dir)
    const said: string[] = []
    const refused = lockDataDir(dir, { say: (l) => said.push(l), staleMs: 2_000 })
    await expect(refused).rejects.toBeInstanceOf(DataDirLockedError)
    await expect(refused).rejects.toThrow(
      `in use by another tongxin process (pid ${live.pid} on ${os.hostname()}`,
    )
    expect(said).toEqual([])
    await kill(live)
  })

  it('waits on a holder it cannot check (another host), and refuses when that holder touches its lock', async () => {
    const dir = await tempDir()
    const elsewhere = await holdInAnotherProcess(dir)
    const record = path.join(dir, 'tongxin.lock.json')
    const holder = JSON.parse(await readFile(record, 'utf8'))
    await writeFile(record, JSON.stringify({ ...holder, hostname: 'another-host' }))
    const said: string[] = []
    const refused = lockDataDir(dir, { say: (l) => said.push(l) })
    await expect(refused).rejects.toThrow(/which touched its lock while this process waited/)
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/held by pid \d+ on another-host .*, which this process cannot check/)
    await kill(elsewhere)
  })

  it('with no time to wait (TONGXIN_LOCK_WAIT_SECONDS=0) refuses even an abandoned lock at once', async () => {
    const dir = await tempDir()
    await kill(await holdInAnotherProcess(dir))
    const said: string[] = []
    await expect(lockDataDir(dir, { waitMs: 0, say: (l) => said.push(l) })).rejects.toBeInstanceOf(
      DataDirLockedError,
    )
    expect(said).toEqual([])
  })
})
