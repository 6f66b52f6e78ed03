#!/usr/bin/env node
// Type-checks every workspace, one tsc per program, incremental: each program's build info is kept in
// node_modules/.cache/tsc (outside git), so a clean clone (CI) checks everything from scratch and a second run on
// the same tree re-checks only the files that changed and what depends on them. The bench is checked within the
// server's program (server/tsconfig.json). Two programs run at a time, the machine's two cores; each one's
// output is printed whole when it ends, so messages of two programs never interleave.
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cache = path.join(root, 'node_modules', '.cache', 'tsc')
mkdirSync(cache, { recursive: true })
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')

// Longest first, so the two lanes end close together.
const queue = ['server', 'web', 'e2e', 'packages/contracts']
const parallel = Number(process.env.TYPECHECK_JOBS ?? 2)

function check(project) {
  const info = path.join(cache, `${project.replace(/\//g, '-')}.tsbuildinfo`)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--incremental', '--tsBuildInfoFile', info], {
      cwd: root,
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('close', (code) => {
      if (output) process.stdout.write(`tsc -p ${project}\n${output}`)
      resolve(code ?? 1)
    })
  })
}

let failed = false
async function lane() {
  for (let project = queue.shift(); project; project = queue.shift()) {
    if ((await check(project)) !== 0) failed = true
  }
}
await Promise.all(Array.from({ length: parallel }, lane))
process.exit(failed ? 1 : 0)
