import assert from 'node:assert/strict'
import { test } from 'node:test'
import { check, specifiersOf } from './check-imports.mjs'

const tree = (entries) => new Map(Object.entries(entries))

test('reports a loop of imports, type-only and lazy ones included', () => {
  const { problems } = check(
    tree({
      'server/src/jobs.ts': "import { coverageJobs } from './modules/coverage/jobs.ts'\n",
      'server/src/modules/coverage/jobs.ts': "import type { BackgroundJob } from '../../jobs.ts'\n",
      'web/src/app/modules.tsx': "const page = lazy(() => import('../features/a/Page.tsx'))\n",
      'web/src/features/a/Page.tsx': "import { MODULES } from '../../app/modules'\n",
      'web/src/lib/api.ts': 'export const api = 1\n',
    }),
  )
  assert.deepEqual(problems, [
    'import loop between 2 files: server/src/jobs.ts, server/src/modules/coverage/jobs.ts',
    'import loop between 2 files: web/src/app/modules.tsx, web/src/features/a/Page.tsx',
  ])
})

test("reports an import of another module's private file, not of its public ones or its own", () => {
  const files = tree({
    'server/src/modules/imports/exports.ts': [
      "import { buildingRows } from '../registry/buildings.repository.ts'",
      "import { assertExists } from '../registry/refs.ts'",
      "import { kinds } from './kinds.ts'",
      "import { AppError } from '../../lib/errors.ts'",
    ].join('\n'),
    'server/src/modules/imports/kinds.ts': '',
    'server/src/modules/registry/buildings.repository.ts': '',
    'server/src/modules/registry/refs.ts': '',
    'server/src/lib/errors.ts': '',
    'server/src/modules/registry/a.test.ts': "import { x } from '../imports/kinds.ts'\n",
  })
  const rules = { public: { registry: ['refs.ts'] } }
  assert.deepEqual(check(files, rules).problems, [
    'private import of another module (use its public files): server/src/modules/imports/exports.ts -> server/src/modules/registry/buildings.repository.ts',
  ])
  const listed =
    'server/src/modules/imports/exports.ts -> server/src/modules/registry/buildings.repository.ts'
  assert.deepEqual(check(files, { ...rules, exceptions: [listed] }).problems, [])
  // an exception that no longer occurs must be deleted, so the list only shrinks
  const gone = 'server/src/modules/imports/exports.ts -> server/src/modules/registry/units.repository.ts'
  assert.deepEqual(check(files, { ...rules, exceptions: [listed, gone] }).problems, [
    `exception no longer needed, delete it from the list: ${gone}`,
  ])
})

test('reads static, type-only, re-exported, side-effect and dynamic imports, not comments', () => {
  const source = [
    "import a from './a.ts'",
    "import type { B } from './b.ts'",
    'import {',
    '  c,',
    "} from './c.ts'",
    "export { d } from './d.ts'",
    "import './e.css'",
    "const f = () => import('./f.tsx')",
    "// import g from './g.ts'",
    "import h from 'fastify'",
  ].join('\n')
  assert.deepEqual(specifiersOf(source).sort(), [
    './a.ts',
    './b.ts',
    './c.ts',
    './d.ts',
    './e.css',
    './f.tsx',
  ])
})
