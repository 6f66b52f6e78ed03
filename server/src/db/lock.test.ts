import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
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
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

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
})
