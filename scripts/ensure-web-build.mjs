#!/usr/bin/env node
// Builds the web bundle only when it is missing or older than its sources, so `npm start` stays fast while
// never serving a stale UI. `--force` always rebuilds (used before the browser tests).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = join(root, 'web', 'dist', 'index.html')
const sources = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/build',
  'web/package.json',
  'packages/contracts/src',
]

/** Newest modification time under `path` (a file or a directory tree); 0 when it does not exist. */
function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function staleReason() {
  if (process.argv.includes('--force')) return 'forced'
  if (!existsSync(builtIndex)) return 'no build yet'
  const builtAt = statSync(builtIndex).mtimeMs
  const changed = sources.find((source) => newestMtime(join(root, source)) > builtAt)
  return changed ? `${changed} changed` : null
}

const reason = staleReason()
if (!reason) {
  console.log('web: reusing the existing build in web/dist (sources unchanged)')
  process.exit(0)
}

console.log(`web: building web/dist (${reason})`)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const result = spawnSync(npm, ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' })
if (result.error) {
  console.error(`web: could not run npm: ${result.error.message}`)
  process.exit(1)
}
if (result.status !== 0) {
  console.error(`web: build failed (exit code ${result.status ?? result.signal})`)
  process.exit(result.status || 1)
}
