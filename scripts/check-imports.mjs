#!/usr/bin/env node
// The import rules of docs/ARCHITECTURE.md ("Import rules"), checked from the sources' own import lines:
//   1. no loop of imports between files in server/src or web/src (type-only and lazy imports count too);
//   2. a file of server/src/modules/A/ imports from another module B only B's public files, those listed
//      for B in scripts/import-boundaries.json ("public"); the imports that broke this rule when it was
//      written are listed there too ("exceptions"), and the list may only shrink: an exception that no longer
//      occurs fails the check until it is deleted from the file. Test code (*.test.ts, test kits and
//      fixtures) is exempt from this rule, not from the first.
// Usage: node scripts/check-imports.mjs  (exit 1 and one line per problem when a rule is broken).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/

/** The relative module specifiers a source imports: static, type-only, re-exports and import(). */
export function specifiersOf(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const found = []
  const patterns = [
    /^\s*(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]
  for (const re of patterns) for (const m of code.matchAll(re)) if (m[1].startsWith('.')) found.push(m[1])
  return found
}

/**
 * The import graph of `files` (a Map from a '/'-separated path to its source text): for each file, the files
 * of the map it imports. A specifier resolves as written, or with .ts/.tsx or /index.ts added.
 */
export function graphOf(files) {
  const graph = new Map()
  for (const [file, source] of files) {
    const targets = new Set()
    for (const spec of specifiersOf(source)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
      const hit = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((c) =>
        files.has(c),
      )
      if (hit && hit !== file) targets.add(hit)
    }
    graph.set(file, [...targets].sort())
  }
  return graph
}

/** Every loop of the graph: its strongly connected components of more than one file (Tarjan). */
export function cyclesOf(graph) {
  let next = 0
  const index = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const loops = []
  const visit = (start) => {
    // Iterative, so a long chain of imports cannot overflow the call stack.
    const work = [[start, 0]]
    index.set(start, next)
    low.set(start, next++)
    stack.push(start)
    onStack.add(start)
    while (work.length) {
      const frame = work[work.length - 1]
      const [v, i] = frame
      const edges = graph.get(v) ?? []
      if (i < edges.length) {
        frame[1]++
        const w = edges[i]
        if (!index.has(w)) {
          index.set(w, next)
          low.set(w, next++)
          stack.push(w)
          onStack.add(w)
          work.push([w, 0])
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)))
        continue
      }
      work.pop()
      if (work.length) {
        const parent = work[work.length - 1][0]
        low.set(parent, Math.min(low.get(parent), low.get(v)))
      }
      if (low.get(v) === index.get(v)) {
        const component = []
        let w
        do {
          w = stack.pop()
          onStack.delete(w)
          component.push(w)
        } while (w !== v)
        if (component.length > 1) loops.push(component.sort())
      }
    }
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return loops
}

const MODULE = /^server\/src\/modules\/([^/]+)\/(.+)$/
/** Test code may set a case up through any module's files; the boundary holds for the code that ships. */
const TEST_CODE = /(\.test\.tsx?|\/test-kit\.ts|\/test-fixtures\.ts|\.fixtures\.ts)$/

/**
 * The imports of one server module into another that are not the other's public files, as
 * 'from -> to' lines (paths from the repository root). `publicFiles` maps a module to the paths, inside its
 * folder, that others may import.
 */
export function privateImportsOf(graph, publicFiles) {
  const found = []
  for (const [from, targets] of graph) {
    const a = MODULE.exec(from)
    if (!a || TEST_CODE.test(from)) continue
    for (const to of targets) {
      const b = MODULE.exec(to)
      if (!b || b[1] === a[1]) continue
      if (!(publicFiles[b[1]] ?? []).includes(b[2])) found.push(`${from} -> ${to}`)
    }
  }
  return found.sort()
}

/** Every problem of a tree: loops, and private imports not among `exceptions` (and exceptions now gone). */
export function check(files, { public: publicFiles = {}, exceptions = [] } = {}) {
  const graph = graphOf(files)
  const problems = []
  for (const loop of cyclesOf(graph))
    problems.push(`import loop between ${loop.length} files: ${loop.join(', ')}`)
  const privateImports = privateImportsOf(graph, publicFiles)
  const allowed = new Set(exceptions)
  for (const line of privateImports)
    if (!allowed.has(line)) problems.push(`private import of another module (use its public files): ${line}`)
  const seen = new Set(privateImports)
  for (const line of exceptions)
    if (!seen.has(line)) problems.push(`exception no longer needed, delete it from the list: ${line}`)
  return { problems, privateImports }
}

/** The sources under `roots` of a repository, keyed by their path from its root. */
export function readTree(repo, roots) {
  const files = new Map()
  const walk = (dir) => {
    for (const name of readdirSync(path.join(repo, dir))) {
      if (name === 'node_modules' || name === 'dist') continue
      const rel = `${dir}/${name}`
      if (statSync(path.join(repo, rel)).isDirectory()) walk(rel)
      else if (SOURCE.test(name)) files.set(rel, readFileSync(path.join(repo, rel), 'utf8'))
    }
  }
  for (const root of roots) walk(root)
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const rules = JSON.parse(readFileSync(path.join(repo, 'scripts/import-boundaries.json'), 'utf8'))
  const { problems, privateImports } = check(readTree(repo, ['server/src', 'web/src']), rules)
  if (process.argv.includes('--list')) for (const line of privateImports) console.log(line)
  for (const p of problems) console.error(p)
  if (problems.length) process.exit(1)
  console.log(`imports: no loops; ${privateImports.length} listed exceptions to the module boundaries`)
}
