#!/usr/bin/env node
// A migration never changes once it has landed (docs/ARCHITECTURE.md). A database refuses to start when an applied
// file changed (server/src/db/migrate.ts), but CI builds every database afresh from the files, so it would apply
// an edited file without noticing. This holds the files to db/migrations/checksums.txt, one line per landed
// migration (its SHA-256 with line endings normalised, as migrate.ts records it): a file that differs from its
// line fails, and so does a migration without a line or a line without its file.
// Usage: node scripts/check-migrations.mjs [--record] [repo root]
//   --record appends the lines of new migrations (never rewrites an existing line).
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const MIGRATION = /^\d{4}_[a-z0-9_]+\.sql$/
export const MANIFEST = 'db/migrations/checksums.txt'

export const checksum = (sql) => createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex')

/** The manifest's lines as a map file → checksum. */
export function recorded(repo) {
  const file = path.join(repo, MANIFEST)
  if (!existsSync(file)) return new Map()
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
  return new Map(lines.map((l) => l.trim().split(/\s+/).reverse()))
}

/** { edited, unrecorded, missing }: file names. */
export function check(repo) {
  const dir = path.join(repo, 'db/migrations')
  const files = readdirSync(dir)
    .filter((f) => MIGRATION.test(f))
    .sort()
  const known = recorded(repo)
  const edited = []
  const unrecorded = []
  for (const f of files) {
    const sum = checksum(readFileSync(path.join(dir, f), 'utf8'))
    if (!known.has(f)) unrecorded.push({ file: f, sum })
    else if (known.get(f) !== sum) edited.push(f)
  }
  const missing = [...known.keys()].filter((f) => !files.includes(f))
  return { edited, unrecorded, missing }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const record = args.includes('--record')
  const repo =
    args.find((a) => a !== '--record') ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const { edited, unrecorded, missing } = check(repo)
  if (record && unrecorded.length > 0) {
    appendFileSync(path.join(repo, MANIFEST), unrecorded.map((u) => `${u.sum}  ${u.file}\n`).join(''))
    console.log(`check-migrations: recorded ${unrecorded.map((u) => u.file).join(', ')}`)
    unrecorded.length = 0
  }
  for (const f of edited)
    console.error(`${f}: changed after it landed; restore it and put the change in a new numbered migration`)
  for (const u of unrecorded)
    console.error(`${u.file}: a new migration; record it with node scripts/check-migrations.mjs --record`)
  for (const f of missing) console.error(`${f}: listed in ${MANIFEST} but missing; a landed migration stays`)
  if (edited.length + unrecorded.length + missing.length > 0) process.exit(1)
  console.log(`check-migrations: ${recorded(repo).size} migrations, none changed since it landed`)
}
