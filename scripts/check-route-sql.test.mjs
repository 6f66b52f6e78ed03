// node --test scripts/check-route-sql.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { queriesOf, routeFiles } from './check-route-sql.mjs'

test('finds query builder calls and sql templates, with their line', () => {
  const source = [
    "import { sql } from 'kysely'",
    'export default async function routes(app, ctx) {',
    '  const row = await ctx.db',
    "    .selectFrom('policy')",
    "  await trx.insertInto('lecturer').values(v).execute()",
    '  await ctx.db.updateTable("qr_content").set(x).execute()',
    "  await ctx.db.deleteFrom('booking').execute()",
    '  const n = await sql<{ n: number }>`SELECT 1`.execute(ctx.db)',
    '  const m = sql`now()`',
    '}',
  ].join('\n')
  assert.deepEqual(
    queriesOf(source).map((q) => q.line),
    [4, 5, 6, 7, 8, 9],
  )
})

test('ignores comments and calls of repository functions', () => {
  const source = [
    "// Once this ran ctx.db.selectFrom('policy') here; now policies.repository.ts does.",
    '/* sql`x` in a comment',
    "   .insertInto('x') */",
    'const area = await policyAreaCode(ctx.db, id)',
    "const url = 'https://example.org/a' // .deleteFrom('x')",
  ].join('\n')
  assert.deepEqual(queriesOf(source), [])
})

test('reads a module’s routes.ts and its *.routes.ts, nothing else', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const path = await import('node:path')
  const repo = mkdtempSync(path.join(tmpdir(), 'route-sql-'))
  const dir = path.join(repo, 'server/src/modules/areas')
  mkdirSync(dir, { recursive: true })
  for (const name of ['routes.ts', 'map.routes.ts', 'service.ts', 'repository.ts'])
    writeFileSync(path.join(dir, name), '')
  assert.deepEqual([...routeFiles(repo).keys()].sort(), [
    'server/src/modules/areas/map.routes.ts',
    'server/src/modules/areas/routes.ts',
  ])
})
