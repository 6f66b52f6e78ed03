import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  parseBoolean,
  parseChoice,
  parseCode,
  parseDate,
  parseInteger,
  parseNumber,
  parseText,
  plainCell,
  splitList,
} from './cells.ts'
import { KIND_SPECS, UNIT_KIND_LABELS } from './columns.ts'
import { readSheet } from './parse.ts'
import { streamedBook, workbook } from './test-kit.ts'

const value = <T>(p: { ok: boolean; value?: T | null }) => (p.ok ? p.value : 'FAILED')
const fullWidth = (s: string) =>
  s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
const date = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }))
const iso = ({ y, m, d }: { y: number; m: number; d: number }) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
const plain = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
)

describe('cell parsers (properties)', () => {
  it('reads a date however it is written', () => {
    fc.assert(
      fc.property(date, (x) => {
        const want = iso(x)
        const forms = [
          want,
          `${x.y}/${x.m}/${x.d}`,
          `${x.y}.${x.m}.${x.d}`,
          `${x.y}年${x.m}月${x.d}日`,
          want.replace(/-/g, ''),
          Number(want.replace(/-/g, '')),
          new Date(Date.UTC(x.y, x.m - 1, x.d)),
          fullWidth(`${x.y}/${x.m}/${x.d}`),
          ` ${want} 00:00:00`,
        ]
        for (const f of forms) expect(value(parseDate(f)), String(f)).toBe(want)
      }),
    )
  })

  it('reads an Excel date serial in the registry’s span of years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: 80_000 }), (serial) => {
        const expected = new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10)
        expect(value(parseDate(serial))).toBe(expected)
      }),
    )
    expect(parseDate(2024).ok).toBe(false)
  })

  it('refuses impossible dates and never throws', () => {
    for (const bad of ['2023-02-29', '2023-13-01', '2023-00-10', '1899-12-31', '明天', '2023-1', '20231301'])
      expect(parseDate(bad).ok, bad).toBe(false)
    fc.assert(fc.property(plain, (v) => void parseDate(v)))
  })

  it('reads whole numbers typed as numbers, text, full-width text or with thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        for (const f of [n, String(n), fullWidth(String(n)), n.toLocaleString('en-US'), ` ${n} `])
          expect(value(parseInteger(f)), String(f)).toBe(n)
        expect(parseInteger(n + 0.5).ok).toBe(false)
        expect(parseInteger(`${n}层`).ok).toBe(false)
      }),
    )
  })

  it('reads decimals as typed', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        expect(value(parseNumber(x))).toBe(x)
        if (!String(x).includes('e')) expect(value(parseNumber(String(x)))).toBe(Number(String(x)))
      }),
    )
    expect(parseNumber('31.2°').ok).toBe(false)
  })

  it('reads yes and no in the ways people write them', () => {
    for (const yes of ['是', 'Y', 'yes', 'TRUE', '1', '√', true, 1])
      expect(value(parseBoolean(yes))).toBe(true)
    for (const no of ['否', 'n', 'No', 'false', '0', '×', false, 0])
      expect(value(parseBoolean(no))).toBe(false)
    expect(value(parseBoolean(null))).toBe(null)
    expect(parseBoolean('可能').ok).toBe(false)
    fc.assert(fc.property(plain, (v) => void parseBoolean(v)))
  })

  it('keeps codes as text: spaces dropped, letters upper-cased, digits that overflowed a number refused', () => {
    expect(value(parseCode(' 91310120 ma1fl1xx4k '))).toBe('91310120MA1FL1XX4K')
    expect(value(parseCode(fullWidth('91310120ma1fl1xx4k')))).toBe('91310120MA1FL1XX4K')
    expect(value(parseCode(13812345678))).toBe('13812345678')
    expect(parseCode(Number('310110199001010071'))).toMatchObject({
      ok: false,
      reason: { code: 'code_as_number' },
    })
  })

  it('keeps names as typed (full-width brackets included) and trims only the ends', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (s) => {
        const once = parseText(s)
        if (once.ok && once.value !== null) expect(value(parseText(once.value))).toBe(once.value)
      }),
    )
    expect(value(parseText('\u3000上海实业（集团）有限公司 '))).toBe('上海实业（集团）有限公司')
    expect(value(parseText('   '))).toBe(null)
  })

  it('refuses formulas and error values, and joins rich text', () => {
    expect(plainCell({ formula: 'SUM(A1:A2)', result: 3 })).toMatchObject({
      ok: false,
      reason: { code: 'formula' },
    })
    expect(plainCell({ sharedFormula: 'A2', result: 3 })).toMatchObject({
      ok: false,
      reason: { code: 'formula' },
    })
    expect(plainCell({ error: '#N/A' })).toMatchObject({ ok: false, reason: { code: 'cell_error' } })
    expect(value(plainCell({ richText: [{ text: '上海' }, { text: '实业' }] }))).toBe('上海实业')
  })

  it('takes a choice by label or code, and lists several values split by ; or 、', () => {
    const kinds = KIND_SPECS.units.columns.find((c) => c.key === 'kind')!.choices!
    expect(value(parseChoice('外资企业', UNIT_KIND_LABELS, kinds.codes))).toBe('foreign')
    expect(value(parseChoice('Social_Org', UNIT_KIND_LABELS, kinds.codes))).toBe('social_org')
    expect(parseChoice('个体户', UNIT_KIND_LABELS, kinds.codes).ok).toBe(false)
    expect(splitList('A；B、C;A\nD')).toEqual(['A', 'B', 'C', 'D'])
  })
})

describe('reading sheets', () => {
  it('keeps Chinese text intact across the reader’s chunk boundaries, inline or shared strings', async () => {
    const spec = KIND_SPECS.units
    const headers = spec.columns.map((c) => c.header)
    const name = (i: number) => `上海星河卓越信息技术第${i}号有限公司`
    const inline = await streamedBook('单位', headers, 3_000, (i) => [`U${i}`, name(i)])
    const shared = await workbook(
      '单位',
      headers,
      Array.from({ length: 3_000 }, (_, i) => [`U${i}`, name(i)]),
    )
    for (const file of [inline, shared]) {
      const rows = await readSheet(file, spec, 'x.xlsx')
      expect(rows).toHaveLength(3_000)
      for (const [i, r] of rows.entries()) expect(r.cells[1]).toBe(name(i))
    }
  })
})
