#!/usr/bin/env node
// "Routes thin, SQL in repositories" (docs/ARCHITECTURE.md): a route file of a server module
// (server/src/modules/<m>/routes.ts or *.routes.ts) may not build a query itself. It fails on a Kysely query builder call
// (selectFrom, insertInto, updateTable, deleteFrom, replaceInto, mergeInto, selectNoFrom) or a sql``
// template; the query belongs in the module's repository (or its service, where it is a rule in a transaction).
// Usage: node scripts/check-route-sql.mjs  (exit 1 and one line per query, file:line, when the rule is broken).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const QUERY =
  /\.\s*(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\s*\(|\bsql\s*(<[^>`]*>)?\s*`|\bsql\s*\.\s*(raw|ref|table|id|lit|join)\s*\(/

/** The lines of a route file's source that build a query, as { line, text } (comments ignored). */
export function queriesOf(source) {
  // Blank comments out, keeping line breaks so line numbers stay true.
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
  const found = []
  code.split('\n').forEach((text, i) => {
    if (QUERY.test(text)) found.push({ line: i + 1, text: text.trim() })
  })
  return found
}

/** The route files under a repository's server modules, keyed by their path from its root. */
export function routeFiles(repo) {
  const root = 'server/src/modules'
  const files = new Map()
  const walk = (dir) => {
    for (const name of readdirSync(path.join(repo, dir))) {
      const rel = `${dir}/${name}`
      if (statSync(path.join(repo, rel)).isDirectory()) walk(rel)
      else if (name === 'routes.ts' || name.endsWith('.routes.ts'))
        files.set(rel, readFileSync(path.join(repo, rel), 'utf8'))
    }
  }
  walk(root)
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const files = routeFiles(repo)
  const problems = []
  for (const [file, source] of files)
    for (const q of queriesOf(source))
      problems.push(
        `${file}:${q.line}: query in a route file (move it to the module's repository): ${q.text}`,
      )
  for (const p of problems) console.error(p)
  if (problems.length) process.exit(1)
  console.log(`route files: ${files.size}, none builds a query`)
}
