#!/usr/bin/env node
// "One route table" (docs/ARCHITECTURE.md): every route of the API is declared once, in packages/contracts
// (`*-routes.ts`). The web calls them through `call('METHOD /api/…', …)` or `useCursorRoute`, never the untyped
// `api<T>('/api/…')`, and the server registers them through `contractRoutes` (the table's schemas), never
// `app.get(…)` and the like with an inline schema. That the table and the server agree is
// server/src/lib/contract-routes.test.ts; this holds the two sides from going around the table.
// Usage: node scripts/check-api-contract.mjs [repo root]  (exit 1 and one line per breach, file:line).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The only files that may go around the table, and why. A listed file that no longer exists is a breach. */
export const ALLOWED = {
  'web/src/lib/api.ts': 'defines api(), on which call() is built',
  'server/src/lib/contract-routes.ts': 'registers the routes of the table (app.route)',
  'server/src/modules/operations/prometheus.ts':
    '/api/metrics: registered only when a token is set, hidden from the OpenAPI document, read by a scraper',
}

// The type argument may nest (`api<PageResult<T>>(…)`): anything between the first `<` and the last `>(`.
// `useCursorList` was the paged list by its path as text; lists page with `useCursorRoute`.
const UNTYPED_CALL = /\b(api|useCursorList)\s*(<.*>)?\s*\(/
const INLINE_ROUTE = /\bapp\s*\.\s*(get|post|put|patch|delete|head|options|all|route)\s*\(/

/** What is scanned: every source file under these folders but tests. */
const SIDES = [
  {
    dir: 'web/src',
    pattern: UNTYPED_CALL,
    why: "call the route through call('METHOD /api/…') or useCursorRoute, not api() or useCursorList",
  },
  {
    dir: 'server/src',
    pattern: INLINE_ROUTE,
    why: 'register the route from its contract table (contractRoutes)',
  },
]

function codeLines(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
    .split('\n')
}

/** The lines of a source that match `pattern`, as { line, text } (comments ignored). */
export function matchesOf(source, pattern) {
  const found = []
  codeLines(source).forEach((text, i) => {
    if (pattern.test(text)) found.push({ line: i + 1, text: text.trim() })
  })
  return found
}

function filesUnder(repo, dir) {
  if (!existsSync(path.join(repo, dir))) return []
  const out = []
  for (const name of readdirSync(path.join(repo, dir))) {
    const rel = `${dir}/${name}`
    if (statSync(path.join(repo, rel)).isDirectory()) out.push(...filesUnder(repo, rel))
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel)
  }
  return out
}

/** Every breach in a repository: { file, line, text, why }. */
export function breaches(repo, allowed = ALLOWED) {
  const found = []
  for (const rel of Object.keys(allowed)) {
    if (!existsSync(path.join(repo, rel)))
      found.push({
        file: rel,
        line: 0,
        text: '',
        why: 'allowed in scripts/check-api-contract.mjs but missing',
      })
  }
  for (const { dir, pattern, why } of SIDES) {
    for (const rel of filesUnder(repo, dir)) {
      if (rel in allowed) continue
      for (const m of matchesOf(readFileSync(path.join(repo, rel), 'utf8'), pattern)) {
        found.push({ file: rel, ...m, why })
      }
    }
  }
  return found
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = process.argv[2] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const found = breaches(repo)
  for (const b of found) console.error(`${b.file}:${b.line}: ${b.why}\n    ${b.text}`)
  if (found.length > 0) {
    console.error(`check-api-contract: ${found.length} call(s) or route(s) go around the route table`)
    process.exit(1)
  }
  console.log('check-api-contract: the web calls and the server serves every route through the table')
}
