#!/usr/bin/env node
// Type-checks every workspace, one tsc per project as before, but incremental: each project's build info is
// kept in node_modules/.cache/tsc (outside git), so a clean clone (CI) checks everything from scratch and a
// second run on the same tree re-checks only the files that changed and what depends on them.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cache = path.join(root, 'node_modules', '.cache', 'tsc')
mkdirSync(cache, { recursive: true })
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')

for (const project of ['packages/contracts', 'server', 'web', 'e2e', 'bench']) {
  const info = path.join(cache, `${project.replace(/\//g, '-')}.tsbuildinfo`)
  const run = spawnSync(process.execPath, [tsc, '-p', project, '--incremental', '--tsBuildInfoFile', info], {
    cwd: root,
    stdio: 'inherit',
  })
  if (run.status !== 0) process.exit(run.status ?? 1)
}
