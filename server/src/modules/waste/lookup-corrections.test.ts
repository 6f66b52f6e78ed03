import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../../test/helpers.ts'
import { seedWaste } from './seed.ts'

// Issue 17's waste corrections, asked through the public lookup as a phone would ask them.

let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
  await seedWaste(t.ctx.database)
})
afterAll(() => t.close())

const lookup = async (q: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/waste/lookup?q=${encodeURIComponent(q)}` })
  expect(res.statusCode, q).toBe(200)
  return res.json() as {
    results: Array<{ item: { name: string; category: string }; matched: { form: string } }>
    guess: { category: string; confidence: number } | null
    unknown: boolean
    unknownReason: string | null
    ambiguous: boolean
  }
}

describe('hard shells and large bones (Shanghai: dry)', () => {
  it('answers dry for named shells and bones in the dictionary', async () => {
    for (const q of [
      '大骨头',
      '椰子壳',
      '榴莲壳',
      '扇贝壳',
      '蛤蜊壳',
      '海螺壳',
      '青口壳',
      '生蚝壳',
      '猪骨头',
    ]) {
      const r = await lookup(q)
      expect(r.results[0]?.item.category, q).toBe('dry')
      expect(r.guess, q).toBeNull()
    }
  })

  it('guesses dry, not wet, for shells and large bones it does not know by name', async () => {
    for (const q of ['毛蚶壳', '文蛤壳', '驴大骨', '牛棒骨头']) {
      const r = await lookup(q)
      const answer = r.guess?.category ?? (r.unknown ? null : r.results[0]?.item.category)
      expect(answer, q).toBe('dry')
    }
  })

  it('keeps soft shells and small bones wet', async () => {
    for (const q of ['小龙虾壳', '蟹壳', '螺蛳壳', '鸡骨头', '鱼骨', '蛋壳']) {
      expect((await lookup(q)).results[0]?.item.category, q).toBe('wet')
    }
  })
})

describe('queries that are not Chinese', () => {
  it('answers common items by their English names', async () => {
    for (const [q, name, category] of [
      ['milk tea cup', '奶茶杯', 'dry'],
      ['Battery', '电池', 'hazardous'],
      ['plastic bottles', '塑料瓶', 'recyclable'],
      ['banana peel', '香蕉皮', 'wet'],
      ['coconut shell', '椰子壳', 'dry'],
    ] as const) {
      const r = await lookup(q)
      expect(r.results[0], q).toMatchObject({ item: { name, category }, matched: { form: 'english' } })
      expect(r.unknown, q).toBe(false)
      expect(r.guess, q).toBeNull()
    }
  })

  it('says "don\'t know" for English it has no name for, and for other scripts, instead of guessing', async () => {
    for (const [q, why] of [
      ['styrofoam clamshell', 'english'],
      ['bubble tea lid', 'english'],
      ['стакан', 'script'],
      ['ペットボトル', 'script'],
      ['컵', 'script'],
    ] as const) {
      const r = await lookup(q)
      expect(r.guess, q).toBeNull()
      expect(r.unknown, q).toBe(true)
      expect(r.unknownReason, q).toBe(why)
    }
  })

  it('still gives a Chinese miss a guess or a plain "not found"', async () => {
    const r = await lookup('草莓味酸奶盒子')
    expect(r.unknownReason === null || r.unknownReason === 'not_found').toBe(true)
  })
})

describe('initials shared by several items', () => {
  it('offers every candidate for "blp" instead of picking one', async () => {
    const r = await lookup('blp')
    expect(r.ambiguous).toBe(true)
    expect(r.unknown).toBe(false)
    expect(r.guess).toBeNull()
    const names = r.results.filter((x) => x.matched.form === 'initials').map((x) => x.item.name)
    expect(names.length).toBeGreaterThan(1)
    expect(names).toEqual(expect.arrayContaining(['玻璃瓶', '菠萝皮']))
  })

  it('still answers initials that name one item', async () => {
    const r = await lookup('wsz')
    expect(r.ambiguous).toBe(false)
    expect(r.unknown).toBe(false)
    expect(r.results[0]).toMatchObject({ item: { name: '卫生纸' }, matched: { form: 'initials' } })
  })
})
