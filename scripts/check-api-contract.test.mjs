// node --test scripts/check-api-contract.test.mjs
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { breaches } from './check-api-contract.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function tree(files) {
  const root = mkdtempSync(path.join(tmpdir(), 'api-contract-'))
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
  return root
}
const found = (root, allowed = {}) => breaches(root, allowed).map((b) => `${b.file}:${b.line}`)

test('an untyped api() call in any web file and an inline route in any server file are named', () => {
  const root = tree({
    'web/src/features/f/api.ts': [
      "import { api, call } from '../../lib/api.ts'",
      "export const a = () => api<Thing>('/api/f')",
      "export const b = () => call('GET /api/f')",
      "// api<Old>('/api/f') in a comment is not a call",
      "export const c = () => api(`/api/f/${1}`, { method: 'POST' })",
    ].join('\n'),
    'web/src/components/Picker.tsx': "export const a = () => api<Area[]>('/api/areas')",
    'server/src/modules/f/routes.ts': [
      "  route('GET /api/f', { config, summary }, handler)",
      "  app.get('/api/f', { schema }, handler)",
      '  app.route({ method: "GET", url: "/api/g" })',
    ].join('\n'),
    'server/src/plugins/p.ts': "  app.post('/api/p', handler)",
  })
  assert.deepEqual(found(root), [
    'web/src/components/Picker.tsx:1',
    'web/src/features/f/api.ts:2',
    'web/src/features/f/api.ts:5',
    'server/src/modules/f/routes.ts:2',
    'server/src/modules/f/routes.ts:3',
    'server/src/plugins/p.ts:1',
  ])
})

test('an api() call whose answer type is itself generic is named too', () => {
  const root = tree({
    'web/src/features/f/a.ts': 'export const a = () => api<PageResult<{ id: number }>>(path!, { signal })',
  })
  assert.deepEqual(found(root), ['web/src/features/f/a.ts:1'])
})

test('a paged list by its path as text (useCursorList) is named; one by its route (useCursorRoute) is not', () => {
  const root = tree({
    'web/src/features/f/List.tsx': [
      "const a = useCursorList<Row>('rows', '/api/f', {})",
      "const b = useCursorRoute('rows', 'GET /api/f', {})",
    ].join('\n'),
  })
  assert.deepEqual(found(root), ['web/src/features/f/List.tsx:1'])
})

test('an allowed file may go around the table; tests are not scanned', () => {
  const root = tree({
    'web/src/lib/api.ts': "export const get = () => api<Thing>('/api/f')",
    'web/src/lib/api.test.ts': "await api('/api/f')",
    'server/src/modules/m/metrics.ts': "  app.get('/api/metrics', handler)",
    'server/src/modules/m/metrics.test.ts': "  app.get('/api/x', handler)",
  })
  const allowed = {
    'web/src/lib/api.ts': 'defines api()',
    'server/src/modules/m/metrics.ts': 'a scraper reads it',
  }
  assert.deepEqual(found(root, allowed), [])
})

test('an allowed file that does not exist is a breach (a renamed file is not silently allowed)', () => {
  const root = tree({ 'web/src/a.ts': '' })
  assert.deepEqual(found(root, { 'server/src/gone.ts': 'was here' }), ['server/src/gone.ts:0'])
})

test('the repository as it is has no breach', () => {
  assert.deepEqual(breaches(repo), [])
})
