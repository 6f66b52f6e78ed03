#!/usr/bin/env node
// "One route table" (docs/ARCHITECTURE.md): a feature listed below is converted, so its routes are declared once,
// in packages/contracts (`*-routes.ts`). Its web files call them through `call('METHOD /api/…', …)`, never the
// untyped `api<T>('/api/…')`, and its server route files register them through `contractRoutes` (the table's
// schemas), never `app.get(…)` and the like with an inline schema. That the table and the server agree is
// server/src/lib/contract-routes.test.ts; this holds the two sides from going around the table.
// Usage: node scripts/check-api-contract.mjs [repo root]  (exit 1 and one line per breach, file:line).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Converted features: the web folder (or a list of folders and files; empty for a module the web never calls)
 * and the server route files. Add a feature here when it is converted.
 */
export const CONVERTED = {
  accounts: {
    web: 'web/src/features/accounts',
    server: [
      'server/src/modules/accounts/routes.ts',
      'server/src/modules/accounts/invitations.routes.ts',
      'server/src/modules/accounts/import.routes.ts',
    ],
  },
  // The areas' callers call through call(): the exchange's area names in its folder, the area cascader in a
  // shared component (components/ScopePicker.tsx) that still calls other routes with api().
  areas: {
    web: [],
    server: ['server/src/modules/areas/routes.ts'],
  },
  audit: {
    web: 'web/src/features/audit',
    server: ['server/src/modules/audit/routes.ts'],
  },
  auth: {
    web: 'web/src/features/auth',
    server: ['server/src/modules/auth/routes.ts'],
  },
  census: {
    web: 'web/src/features/census',
    server: ['server/src/modules/census/visits.routes.ts', 'server/src/modules/census/map.routes.ts'],
  },
  coverage: {
    web: ['web/src/features/coverage', 'web/src/features/gaps'],
    server: ['server/src/modules/coverage/routes.ts', 'server/src/modules/census/routes.ts'],
  },
  enterprise: {
    web: 'web/src/features/enterprise',
    server: [
      'server/src/modules/enterprise/routes.ts',
      'server/src/modules/enterprise/policies.routes.ts',
      'server/src/modules/enterprise/incubators/routes.ts',
      'server/src/modules/enterprise/desk/routes.ts',
      'server/src/modules/enterprise/brands/routes.ts',
    ],
  },
  events: {
    web: 'web/src/features/events',
    server: [
      'server/src/modules/events/routes.ts',
      'server/src/modules/events/checkin.routes.ts',
      'server/src/modules/events/planning.routes.ts',
    ],
  },
  exchange: {
    web: 'web/src/features/exchange',
    server: [
      'server/src/modules/exchange/attachments.routes.ts',
      'server/src/modules/exchange/exports.routes.ts',
      'server/src/modules/exchange/lists.routes.ts',
      'server/src/modules/exchange/lists.workbook.ts',
      'server/src/modules/exchange/needs.routes.ts',
      'server/src/modules/exchange/resource-bookings.routes.ts',
      'server/src/modules/exchange/rounds.routes.ts',
      'server/src/modules/exchange/wishes.routes.ts',
    ],
  },
  health: {
    web: [],
    server: ['server/src/modules/health/routes.ts'],
  },
  imports: {
    web: 'web/src/features/imports',
    server: ['server/src/modules/imports/routes.ts'],
  },
  notifications: {
    web: 'web/src/features/notifications',
    server: ['server/src/modules/notifications/routes.ts'],
  },
  operations: {
    web: 'web/src/features/operations',
    server: ['server/src/modules/operations/routes.ts'],
  },
  orglife: {
    web: 'web/src/features/orglife',
    server: [
      'server/src/modules/orglife/routes.ts',
      'server/src/modules/orglife/meetings.routes.ts',
      'server/src/modules/orglife/compliance.routes.ts',
      'server/src/modules/orglife/transfers.routes.ts',
      'server/src/modules/orglife/dues.routes.ts',
      'server/src/modules/orglife/floating.routes.ts',
      'server/src/modules/orglife/points.routes.ts',
    ],
  },
  registry: {
    web: 'web/src/features/registry',
    server: [
      'server/src/modules/registry/routes.ts',
      'server/src/modules/registry/buildings.routes.ts',
      'server/src/modules/registry/units.routes.ts',
      'server/src/modules/registry/orgs.routes.ts',
      'server/src/modules/registry/people.routes.ts',
      'server/src/modules/registry/places.routes.ts',
      'server/src/modules/registry/history.routes.ts',
    ],
  },
  surveys: {
    web: 'web/src/features/surveys',
    server: [
      'server/src/modules/surveys/routes.ts',
      'server/src/modules/surveys/exports.routes.ts',
      'server/src/modules/surveys/projects.routes.ts',
      'server/src/modules/surveys/qr.routes.ts',
    ],
  },
  volunteers: {
    web: 'web/src/features/volunteers',
    server: [
      'server/src/modules/volunteers/routes.ts',
      'server/src/modules/volunteers/points.routes.ts',
      'server/src/modules/volunteers/shifts.routes.ts',
      'server/src/modules/volunteers/hours.routes.ts',
    ],
  },
  waste: {
    web: 'web/src/features/waste',
    server: [
      'server/src/modules/waste/routes.ts',
      'server/src/modules/waste/patrols.routes.ts',
      'server/src/modules/waste/assessments.routes.ts',
    ],
  },
  workbench: {
    web: 'web/src/features/home',
    server: ['server/src/modules/workbench/routes.ts'],
  },
}

// The type argument may nest (`api<PageResult<T>>(…)`): anything between the first `<` and the last `>(`.
// `useCursorList` is the paged list by its path as text; a converted feature pages with `useCursorRoute`.
const UNTYPED_CALL = /\b(api|useCursorList)\s*(<.*>)?\s*\(/
const INLINE_ROUTE = /\bapp\s*\.\s*(get|post|put|patch|delete|head|options|all|route)\s*\(/

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
  const out = []
  for (const name of readdirSync(path.join(repo, dir))) {
    const rel = `${dir}/${name}`
    if (statSync(path.join(repo, rel)).isDirectory()) out.push(...filesUnder(repo, rel))
    else if (/\.tsx?$/.test(name)) out.push(rel)
  }
  return out
}

/** Every breach in a repository: { file, line, text, why }. A listed path that does not exist is one too. */
export function breaches(repo, converted = CONVERTED) {
  const found = []
  for (const [feature, { web, server }] of Object.entries(converted)) {
    const webFiles = [web].flat().flatMap((rel) => {
      const full = path.join(repo, rel)
      return existsSync(full) && statSync(full).isDirectory() ? filesUnder(repo, rel) : [rel]
    })
    for (const [rel, pattern, why] of [
      ...webFiles.map((f) => [
        f,
        UNTYPED_CALL,
        `${feature} is converted: call the route through call('METHOD /api/…') or useCursorRoute, not api() or useCursorList`,
      ]),
      ...server.map((f) => [
        f,
        INLINE_ROUTE,
        `${feature} is converted: register the route from its contract table`,
      ]),
    ]) {
      if (!existsSync(path.join(repo, rel))) {
        found.push({
          file: rel,
          line: 0,
          text: '',
          why: 'listed in scripts/check-api-contract.mjs but missing',
        })
        continue
      }
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
  console.log(
    `check-api-contract: ${Object.keys(CONVERTED).length} converted features call and serve through the table`,
  )
}
