import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'server')

export interface RunningServer {
  baseURL: string
  /** Everything the server wrote to stderr so far, for failure messages. */
  stderr: () => string
  stop: () => Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function waitForHealth(baseURL: string, child: ChildProcess, timeoutMs: number, stderr: () => string) {
  const deadline = Date.now() + timeoutMs
  let lastProblem = 'no answer yet'
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited (code ${child.exitCode ?? child.signalCode}) before it was healthy:\n${stderr()}`,
      )
    }
    try {
      const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) })
      if (response.status === 200) return
      lastProblem = `GET /api/health answered ${response.status}`
    } catch (error) {
      lastProblem = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`server not healthy after ${timeoutMs / 1000} s (${lastProblem}):\n${stderr()}`)
}

/**
 * Starts the real server (embedded database in a fresh temporary directory, demo data loaded) on a free
 * port. The web bundle must already be built in web/dist.
 */
export async function startServer({ timeoutMs = 120_000 } = {}): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = await mkdtemp(join(tmpdir(), 'tongxin-e2e-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TONGXIN_DATA_DIR: dataDir,
    TONGXIN_DEMO: '1',
    LOG_LEVEL: 'warn',
  }
  // The journey must exercise the embedded database, whatever the developer's shell points at.
  delete env.DATABASE_URL

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let errors = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk
  })
  // Drained so a chatty server never blocks on a full pipe.
  child.stdout?.resume()

  const baseURL = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
      await exited(child)
      clearTimeout(timer)
    }
    await rm(dataDir, { recursive: true, force: true })
  }

  try {
    await waitForHealth(baseURL, child, timeoutMs, () => errors)
  } catch (error) {
    await stop()
    throw error
  }
  return { baseURL, stderr: () => errors, stop }
}
