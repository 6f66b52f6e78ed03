// node --test scripts/check-migrations.test.mjs
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { check, checksum } from './check-migrations.mjs'

const script = fileURLToPath(new URL('./check-migrations.mjs', import.meta.url))
const repo = path.resolve(path.dirname(script), '..')

function tree(files, manifest) {
  const root = mkdtempSync(path.join(tmpdir(), 'migrations-'))
  mkdirSync(path.join(root, 'db/migrations'), { recursive: true })
  for (const [name, text] of Object.entries(files))
    writeFileSync(path.join(root, 'db/migrations', name), text)
  if (manifest !== undefined) writeFileSync(path.join(root, 'db/migrations/checksums.txt'), manifest)
  return root
}
const line = (file, text) => `${checksum(text)}  ${file}\n`

test('a landed migration that changed is named; the same text with CRLF endings is not a change', () => {
  const root = tree(
    { '0001_a.sql': 'CREATE TABLE a (id int);\r\n', '0002_b.sql': 'CREATE TABLE b (id bigint);\n' },
    `# comment\n${line('0001_a.sql', 'CREATE TABLE a (id int);\n')}${line('0002_b.sql', 'CREATE TABLE b (id int);\n')}`,
  )
  assert.deepEqual(check(root), { edited: ['0002_b.sql'], unrecorded: [], missing: [] })
})

test('a migration without its line and a line without its file are named; other files are ignored', () => {
  const root = tree(
    { '0001_a.sql': 'x', '0003_c.sql': 'y', 'README.md': 'notes' },
    line('0001_a.sql', 'x') + line('0002_b.sql', 'z'),
  )
  const found = check(root)
  assert.deepEqual(found.edited, [])
  assert.deepEqual(
    found.unrecorded.map((u) => u.file),
    ['0003_c.sql'],
  )
  assert.deepEqual(found.missing, ['0002_b.sql'])
})

test('--record appends the new lines and leaves the old ones; the check then passes', () => {
  const root = tree({ '0001_a.sql': 'x', '0002_b.sql': 'y' }, line('0001_a.sql', 'x'))
  assert.equal(spawnSync(process.execPath, [script, root]).status, 1)
  assert.equal(spawnSync(process.execPath, [script, '--record', root]).status, 0)
  assert.equal(
    readFileSync(path.join(root, 'db/migrations/checksums.txt'), 'utf8'),
    line('0001_a.sql', 'x') + line('0002_b.sql', 'y'),
  )
  assert.equal(spawnSync(process.execPath, [script, root]).status, 0)
})

test('--record does not hide an edit', () => {
  const root = tree({ '0001_a.sql': 'changed' }, line('0001_a.sql', 'x'))
  assert.equal(spawnSync(process.execPath, [script, '--record', root]).status, 1)
})

test('the repository as it is: every migration recorded and unchanged', () => {
  assert.deepEqual(check(repo), { edited: [], unrecorded: [], missing: [] })
})
