import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onServer, startTestApp, type TestApp } from '../../test/helpers.ts'
import { analyzeEmbedded } from './jobs.ts'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

const estimatedRows = async () =>
  Number(
    (
      await sql<{ n: number }>`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'audit_log'`.execute(
        t.ctx.db,
      )
    ).rows[0]!.n,
  )

describe('planner statistics on the embedded database', () => {
  it('are refreshed by the job on PGlite, which has no autovacuum; left to autovacuum on a server', async () => {
    await sql`ANALYZE audit_log`.execute(t.ctx.db)
    const before = await estimatedRows()
    // Until something analyses the table again, the planner believes its old size.
    await sql`INSERT INTO audit_log (action, entity) SELECT 'test.bulk', 'test' FROM generate_series(1, 2000)`.execute(
      t.ctx.db,
    )
    const ran = await analyzeEmbedded(t.ctx)
    expect(ran).toBe(!onServer)
    if (onServer) return // autovacuum's business, and its timing
    expect(await estimatedRows()).toBe(before + 2000)
  })
})
