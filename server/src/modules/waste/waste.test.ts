import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { wasteDb } from './db.ts'
import { seedWaste } from './seed.ts'
import { REVISION_CHECK_MS } from './service.ts'

let t: TestApp
let admin: Session
let member: Session

beforeAll(async () => {
  t = await startTestApp()
  // Idempotent: a template that already seeded it (once app start-up does) makes this a no-op.
  await seedWaste(t.ctx.database)
  const { n } = await wasteDb(t.ctx.db)
    .selectFrom('waste_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  expect(Number(n)).toBeGreaterThan(1500)
  admin = await login(t.app, 'admin')
  member = await login(t.app, 'member_demo')
})
afterAll(() => t.close())

const lookup = (q: string, lang = 'zh-CN') =>
  request(t.app, null, 'GET', `/api/waste/lookup?q=${encodeURIComponent(q)}`, undefined, { lang })
const itemNamed = async (name: string) => {
  const res = await request(t.app, admin, 'GET', `/api/waste/items?q=${encodeURIComponent(name)}`)
  expect(res.status).toBe(200)
  return (res.body.items as Array<{ id: number; name: string; version: number }>).find(
    (i) => i.name === name,
  )!
}
const misses = async () =>
  (await request(t.app, admin, 'GET', '/api/waste/misses')).body as Array<{
    query: string
    count: number
  }>

describe('lookup API (public)', () => {
  it('answers by name, pinyin, initials and homophone without a login', async () => {
    for (const [q, form] of [
      ['奶茶杯', 'name'],
      ['naichabei', 'pinyin'],
      ['ncb', 'initials'],
      ['奶查杯', 'homophone'],
    ] as const) {
      const res = await lookup(q)
      expect(res.status, q).toBe(200)
      const body = res.body
      expect(body.results[0], q).toMatchObject({
        item: { name: '奶茶杯', category: 'dry' },
        matched: { form },
      })
      expect(body.guess).toBeNull()
      expect(body.unknown).toBe(false)
    }
  })

  it('labels a guess with its confidence and nearest items, and logs the miss anonymously', async () => {
    const first = (await lookup('草莓味酸奶')).body
    expect(first.guess).toMatchObject({ category: 'wet' })
    expect(first.guess.nearest.length).toBeGreaterThan(0)
    await lookup('草莓味 酸奶')
    const row = (await misses()).find((m) => m.query === '草莓味酸奶')
    expect(row?.count).toBe(2)
    const stored = await sql<Record<string, unknown>>`SELECT * FROM waste_miss`.execute(t.ctx.db)
    expect(Object.keys(stored.rows[0]!).sort()).toEqual(['count', 'first_seen', 'last_seen', 'query'])
  })

  it('refuses empty, blank, over-long and control-character queries with a specific 400', async () => {
    const missing = await request(t.app, null, 'GET', '/api/waste/lookup')
    expect(missing.status).toBe(400)
    expect(missing.body.code).toBe('validation_failed')
    for (const q of ['', '   ', '！？', 'x'.repeat(65)]) {
      const res = await lookup(q)
      expect(res.status, JSON.stringify(q)).toBe(400)
      expect(res.body.code).toBe('validation_failed')
    }
    const control = await lookup('奶茶\u0007杯', 'en-US')
    expect(control.status).toBe(400)
    expect(control.body.message).toContain('control characters')
    const nul = await request(t.app, null, 'GET', '/api/waste/lookup?q=%00')
    expect(nul.status).toBe(400)
  })
})

describe('staff keep the dictionary', () => {
  it('is closed to the public and to members', async () => {
    expect((await request(t.app, null, 'GET', '/api/waste/items')).status).toBe(401)
    const payload = { name: '测试物品', category: 'dry', reason: '测试' }
    expect((await request(t.app, member, 'POST', '/api/waste/items', payload)).status).toBe(403)
  })

  it('applies a correction at once, audits it, and refuses a stale version', async () => {
    const item = await itemNamed('奶茶杯')
    const body = {
      name: '奶茶杯',
      category: 'recyclable',
      reason: '测试更正',
      aliases: ['奶茶杯子'],
      version: item.version,
    }
    const res = await request(t.app, admin, 'PUT', `/api/waste/items/${item.id}`, body)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ category: 'recyclable', version: item.version + 1, source: 'seed' })
    expect((await lookup('奶茶杯')).body.results[0].item.category).toBe('recyclable')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_ids', 'username'])
      .where('action', '=', 'waste.item.update')
      .execute()
    expect(audit).toEqual([{ action: 'waste.item.update', entity_ids: [String(item.id)], username: 'admin' }])
    const stale = await request(t.app, admin, 'PUT', `/api/waste/items/${item.id}`, {
      ...body,
      category: 'dry',
    })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('version_conflict')
  })

  it('adds an item that then answers, clears its miss, and refuses a duplicate name', async () => {
    await lookup('冰墩墩手办')
    expect((await misses()).some((m) => m.query === '冰墩墩手办')).toBe(true)
    const payload = {
      name: '冰墩墩手办',
      category: 'dry',
      reason: '塑料与涂装混合的小摆件',
      aliases: ['冰墩墩'],
    }
    const res = await request(t.app, admin, 'POST', '/api/waste/items', payload)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: '冰墩墩手办', source: 'staff', version: 1 })
    const hit = (await lookup('bingdundun')).body.results[0]
    expect(hit).toMatchObject({ item: { name: '冰墩墩手办' }, matched: { form: 'pinyin', text: '冰墩墩' } })
    expect((await misses()).some((m) => m.query === '冰墩墩手办')).toBe(false)
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'waste.item.create')
      .execute()
    expect(audits).toHaveLength(1)
    const again = await request(t.app, admin, 'POST', '/api/waste/items', payload)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('already_exists')
  })

  it("picks up another instance's change within the check interval, and seeding leaves edits alone", async () => {
    const db = wasteDb(t.ctx.db)
    await lookup('香蕉皮')
    // Another instance corrects an item: the row and the revision move together, as the service does it.
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('waste_item')
        .set({ reason: '另一实例的更正' })
        .where('name', '=', '香蕉皮')
        .execute()
      await sql`UPDATE waste_dictionary SET revision = revision + 1`.execute(trx)
    })
    expect((await lookup('香蕉皮')).body.results[0].item.reason).not.toBe('另一实例的更正')
    t.clock.advance(REVISION_CHECK_MS + 1)
    expect((await lookup('香蕉皮')).body.results[0].item.reason).toBe('另一实例的更正')
    expect(await seedWaste(t.ctx.database)).toBe(0)
    expect((await lookup('奶茶杯')).body.results[0].item.category).toBe('recyclable')
  })

  it('documents its routes in the OpenAPI document', async () => {
    const docs = await request(t.app, null, 'GET', '/api/docs/json')
    expect(docs.status).toBe(200)
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/waste/lookup',
        '/api/waste/items',
        '/api/waste/items/{id}',
        '/api/waste/misses',
      ]),
    )
  })

  it('lists items by category with keyset pages', async () => {
    const page = await request(t.app, admin, 'GET', '/api/waste/items?category=hazardous&limit=5')
    const body = page.body
    expect(body.items).toHaveLength(5)
    expect(body.items.every((i: { category: string }) => i.category === 'hazardous')).toBe(true)
    const next = await request(
      t.app,
      admin,
      'GET',
      `/api/waste/items?category=hazardous&limit=5&cursor=${body.nextCursor}`,
    )
    expect(next.body.items[0].id).toBeGreaterThan(body.items[4].id)
  })
})

describe('what goes in each bin (the kiosk tiles)', () => {
  it('lists dictionary examples per category, without login, each truly of that category', async () => {
    const res = await request(t.app, null, 'GET', '/api/waste/examples')
    expect(res.status).toBe(200)
    const body = res.body as Array<{ category: string; examples: Array<{ name: string; reason: string }> }>
    expect(body.map((b) => b.category)).toEqual(['recyclable', 'hazardous', 'wet', 'dry'])
    for (const b of body) {
      expect(b.examples.length).toBeGreaterThanOrEqual(8)
      for (const e of b.examples.slice(0, 3)) {
        const found = (await lookup(e.name)).body
        expect(found.results[0]?.item.category, e.name).toBe(b.category)
      }
    }
  })
})
