import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../../test/helpers.ts'
import { wasteDb } from './db.ts'
import { seedWaste } from './seed.ts'

// The lookup engine (~23 MB of heap) is built on the first lookup, not at start, so an idle server does not
// hold it. These pin what that must not change: what the first lookups answer.
let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
  await seedWaste(t.ctx.database)
  await t.app.ready()
})
afterAll(() => t.close())

const lookup = (q: string) => t.app.inject({ url: `/api/waste/lookup?q=${encodeURIComponent(q)}` })

describe('the waste lookup built on first use', () => {
  it('answers from the dictionary as it is at the first lookup, not as it was at start', async () => {
    // Another instance (or staff on it) changed the dictionary after this one started; the clock has not
    // moved, so an engine built at start would still be within its revision check interval.
    await wasteDb(t.ctx.db)
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('waste_item')
          .set({ reason: '启动后的更正' })
          .where('name', '=', '香蕉皮')
          .execute()
        await sql`UPDATE waste_dictionary SET revision = revision + 1`.execute(trx)
      })
    const res = await lookup('香蕉皮')
    expect(res.statusCode).toBe(200)
    expect(res.json().results[0].item).toMatchObject({ name: '香蕉皮', reason: '启动后的更正' })
  })

  it('gives simultaneous first lookups the same answers as later ones', async () => {
    const other = await startTestApp()
    try {
      await seedWaste(other.ctx.database)
      const queries = ['奶茶杯', 'naichabei', 'ncb', '奶查杯', '废电池', '一次性筷子']
      const first = await Promise.all(
        queries.map((q) => other.app.inject({ url: `/api/waste/lookup?q=${encodeURIComponent(q)}` })),
      )
      const later = await Promise.all(queries.map((q) => lookup(q)))
      for (const [i, q] of queries.entries()) {
        expect(first[i]!.statusCode, q).toBe(200)
        expect(first[i]!.json(), q).toEqual(later[i]!.json())
      }
    } finally {
      await other.close()
    }
  })
})
