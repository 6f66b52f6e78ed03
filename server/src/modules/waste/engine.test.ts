import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GROUPS, seedDictionary } from './dictionary/index.ts'
import { expandGroups } from './dictionary/types.ts'
import { type EngineItem, WasteEngine } from './engine.ts'
import { withinOneEdit } from './matcher.ts'
import { normalise, stripModifiers } from './normalise.ts'

const items: EngineItem[] = seedDictionary().map((e, i) => ({ id: i + 1, ...e }))
const engine = new WasteEngine(items)
const top = (q: string) => engine.lookup(q).results[0]

describe('dictionary', () => {
  it('is broad, and no name is given two categories', () => {
    expect(items.length).toBeGreaterThan(1500)
    const seen = new Map<string, string>()
    const conflicts: string[] = []
    for (const e of expandGroups(GROUPS)) {
      const prev = seen.get(e.name)
      if (prev && prev !== e.category) conflicts.push(e.name)
      seen.set(e.name, e.category)
    }
    expect(conflicts).toEqual([])
    for (const item of items) {
      expect(item.reason.length).toBeGreaterThan(0)
      expect(normalise(item.name)).not.toBe('')
    }
  })

  it('gives items that split a disposal hint', () => {
    expect(top('奶茶杯')?.item.disposal).toContain('湿垃圾')
    expect(top('外卖盒')?.item.disposal).toContain('剩菜')
  })
})

describe('lookup', () => {
  it('finds by Chinese name and alias', () => {
    expect(top('奶茶杯')).toMatchObject({
      item: { name: '奶茶杯', category: 'dry' },
      matched: { form: 'name' },
    })
    expect(top('马铃薯')).toMatchObject({
      item: { name: '土豆', category: 'wet' },
      matched: { form: 'alias', text: '马铃薯' },
    })
    expect(engine.lookup('奶茶杯').answer).toEqual({ category: 'dry', via: 'dictionary' })
  })

  it('finds by full pinyin (with spaces or ü) and by initials', () => {
    expect(top('naichabei')).toMatchObject({ item: { name: '奶茶杯' }, matched: { form: 'pinyin' } })
    expect(top('Nai Cha Bei')).toMatchObject({ item: { name: '奶茶杯' }, matched: { form: 'pinyin' } })
    expect(top('ncb')).toMatchObject({ item: { name: '奶茶杯' }, matched: { form: 'initials' } })
  })

  it('tolerates one wrong, missing, extra or swapped character', () => {
    const typo = (q: string) => {
      const hit = top(q)
      expect(hit?.matched.form, q).toBe('typo')
      return hit?.item.name
    }
    expect(typo('洗洁精兵')).toBe('洗洁精瓶') // wrong
    expect(typo('电牙刷')).toBe('电动牙刷') // missing
    expect(typo('矿泉水水瓶')).toBe('矿泉水瓶') // extra
    expect(typo('茶奶杯')).toBe('奶茶杯') // swapped
    expect(engine.lookup('茶奶杯').answer?.category).toBe('dry')
  })

  it('matches homophones typed with the wrong character', () => {
    expect(top('奶查杯')).toMatchObject({
      item: { name: '奶茶杯' },
      matched: { form: 'homophone', text: '奶茶杯' },
    })
    expect(engine.lookup('奶查杯').answer).toEqual({ category: 'dry', via: 'match' })
  })

  it('ranks the exact item first, then longer names that contain the query', () => {
    const names = engine.lookup('奶茶').results.map((r) => r.item.name)
    expect(names[0]).toBe('奶茶')
    expect(names).toContain('奶茶杯')
    const scores = engine.lookup('奶茶').results.map((r) => r.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('reads past state words: 过期的感冒药 is 感冒药', () => {
    expect(stripModifiers('过期的感冒药')).toBe('感冒药')
    expect(engine.lookup('用过的电池是什么垃圾').answer?.category).toBe('hazardous')
    expect(engine.lookup('孩子玩过的积木').answer).toEqual({ category: 'recyclable', via: 'dictionary' })
  })
})

describe('guess', () => {
  it('labels an unknown item as a guess with confidence and the nearest known items', () => {
    const r = engine.lookup('草莓味酸奶')
    expect(r.answer?.via).toBe('guess')
    expect(r.guess).toMatchObject({ category: 'wet' })
    expect(r.guess!.confidence).toBeGreaterThan(0.4)
    expect(r.guess!.confidence).toBeLessThanOrEqual(1)
    expect(r.guess!.nearest.length).toBeGreaterThan(0)
    expect(r.guess!.reason).toContain('酸奶')
    expect(r.unknown).toBe(false)
  })

  it('applies general rules to names it has never seen', () => {
    expect(engine.lookup('某某牌头孢克肟胶囊').answer?.category).toBe('hazardous')
    expect(engine.lookup('不锈钢保鲜饭盒').answer?.category).toBe('recyclable')
  })

  it('says it does not know when nothing supports a guess', () => {
    for (const q of ['xyzzy', '🙂🙂', '齉龘', '']) {
      const r = engine.lookup(q)
      expect(r.unknown, q).toBe(true)
      expect(r.guess).toBeNull()
      expect(r.answer).toBeNull()
    }
  })

  it('reports low confidence as unknown rather than a coin toss', () => {
    const guess = engine.lookup('魔法棒').guess
    expect(guess?.confidence).toBeLessThan(0.9)
    const r = new WasteEngine(items, { threshold: 0.9 }).lookup('魔法棒')
    expect(r.unknown).toBe(true)
    expect(r.guess).toBeNull()
  })
})

describe('robustness', () => {
  it('never throws on arbitrary Unicode, control characters or long input', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({
        unit: fc.constantFrom('奶', '茶', '杯', '\u0000', '\n', '\u200b', 'a', 'ü', '\ud800'),
        maxLength: 2000,
      }),
    )
    fc.assert(
      fc.property(text, (q) => {
        const r = engine.lookup(q)
        expect(Array.isArray(r.results)).toBe(true)
        // Every answer is one of three: an item, "don't know", or several candidates with none chosen.
        expect(r.unknown || r.answer !== null || (r.ambiguous && r.results.length > 1)).toBe(true)
      }),
      // "BJ" (initials of several items) once failed a stricter form of this property.
      { numRuns: 200, examples: [['BJ'], ['blp']] },
    )
  })

  it('checks edit distance one including transposition', () => {
    const split = (s: string) => [...s]
    expect(withinOneEdit(split('abc'), split('acb'))).toBe(true)
    expect(withinOneEdit(split('abc'), split('abd'))).toBe(true)
    expect(withinOneEdit(split('abc'), split('ab'))).toBe(true)
    expect(withinOneEdit(split('abc'), split('xabc'))).toBe(true)
    expect(withinOneEdit(split('abc'), split('cab'))).toBe(false)
    expect(withinOneEdit(split('abcd'), split('badc'))).toBe(false)
  })
})
