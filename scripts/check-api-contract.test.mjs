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
const feature = { f: { web: 'web/src/features/f', server: ['server/src/modules/f/routes.ts'] } }

test('an untyped api() call in a converted web feature and an inline route in its server file are named', () => {
  const root = tree({
    'web/src/features/f/api.ts': [
      "import { api, call } from '../../lib/api.ts'",
      "export const a = () => api<Thing>('/api/f')",
      "export const b = () => call('GET /api/f')",
      "// api<Old>('/api/f') in a comment is not a call",
      "export const c = () => api(`/api/f/${1}`, { method: 'POST' })",
    ].join('\n'),
    'server/src/modules/f/routes.ts': [
      "  route('GET /api/f', { config, summary }, handler)",
      "  app.get('/api/f', { schema }, handler)",
      '  app.route({ method: "GET", url: "/api/g" })',
    ].join('\n'),
  })
  const found = breaches(root, feature).map((b) => `${b.file}:${b.line}`)
  assert.deepEqual(found, [
    'web/src/features/f/api.ts:2',
    'web/src/features/f/api.ts:5',
    'server/src/modules/f/routes.ts:2',
    'server/src/modules/f/routes.ts:3',
  ])
})

test('an api() call whose answer type is itself generic is named too', () => {
  const root = tree({
    'web/src/features/f/a.ts': 'export const a = () => api<PageResult<{ id: number }>>(path!, { signal })',
    'server/src/modules/f/routes.ts': '',
  })
  assert.deepEqual(
    breaches(root, feature).map((b) => `${b.file}:${b.line}`),
    ['web/src/features/f/a.ts:1'],
  )
})

test('a paged list by its path as text (useCursorList) is named; one by its route (useCursorRoute) is not', () => {
  const root = tree({
    'web/src/features/f/List.tsx': [
      "const a = useCursorList<Row>('rows', '/api/f', {})",
      "const b = useCursorRoute('rows', 'GET /api/f', {})",
    ].join('\n'),
    'server/src/modules/f/routes.ts': '',
  })
  assert.deepEqual(
    breaches(root, feature).map((b) => `${b.file}:${b.line}`),
    ['web/src/features/f/List.tsx:1'],
  )
})

test('a listed file that does not exist is a breach (a renamed file is not silently unchecked)', () => {
  const root = tree({ 'web/src/features/f/a.ts': '' })
  assert.deepEqual(
    breaches(root, feature).map((b) => b.file),
    ['server/src/modules/f/routes.ts'],
  )
})

test('the repository as it is has no breach', () => {
  assert.deepEqual(breaches(repo), [])
})

test('a feature may list web files and folders, or none', () => {
  const root = tree({
    'web/src/components/Picker.tsx': "export const a = () => api<Area[]>('/api/areas')",
    'web/src/features/g/b.ts': "export const b = () => api('/api/g')",
    'server/src/modules/g/routes.ts': '',
    'server/src/modules/h/routes.ts': "  app.get('/api/h', { schema }, handler)",
  })
  const converted = {
    g: {
      web: ['web/src/components/Picker.tsx', 'web/src/features/g'],
      server: ['server/src/modules/g/routes.ts'],
    },
    h: { web: [], server: ['server/src/modules/h/routes.ts'] },
  }
  assert.deepEqual(
    breaches(root, converted).map((b) => `${b.file}:${b.line}`),
    ['web/src/components/Picker.tsx:1', 'web/src/features/g/b.ts:1', 'server/src/modules/h/routes.ts:1'],
  )
})
