import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { surveyBody, surveyCalls } from './surveys.fixtures.ts'

// Survey API, part 2: the figures, cross-tabs, themes and Excel exports of one anonymous survey holding the
// five hand-counted responses (surveys.fixtures.ts), stored here before the tests run.

let t: TestApp
let fengpu: Session
const { answerFive } = surveyCalls(() => t)

let anon: { id: number; slug: string; version: number }

beforeAll(async () => {
  t = await startTestApp()
  fengpu = await login(t.app, 'fengpu_admin')
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: fengpu.headers,
    payload: surveyBody(t.clock.now()),
  })
  expect(res.statusCode, res.body).toBe(201)
  anon = res.json()
  await answerFive(anon.slug)
})
afterAll(() => t.close())

describe('analysis (hand-counted from the five responses)', () => {
  it('counts multiple choice per respondent, not per tick', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/analysis`,
      headers: fengpu.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    const a = res.json()
    expect(a.respondents).toBe(5)
    const q = (k: string) => a.questions.find((x: { key: string }) => x.key === k)
    // 8 ticks by 5 respondents: fitness 3/5 (not 3/8), health 2/5, parenting 2/5, culture 1/5.
    expect(q('needs').options.map((o: { count: number; share: number }) => [o.count, o.share])).toEqual([
      [3, 0.6],
      [2, 0.4],
      [2, 0.4],
      [1, 0.2],
    ])
    expect(q('age').options.map((o: { count: number }) => o.count)).toEqual([2, 2, 1])
    expect(q('kids').answered).toBe(2)
    expect(q('kids').options.map((o: { share: number }) => o.share)).toEqual([0.5, 0.5])
    expect(q('sat').average).toBe(3.8)
    expect(q('sat').distribution).toEqual([0, 1, 1, 1, 2])
    expect(q('hours').average).toBe(3)
    expect(q('rank').meanRank.map((m: { mean: number }) => m.mean)).toEqual([1.5, 1.5, 3])
  })

  it('cross-tabulates multiple choice by age band', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/crosstab?question=needs&by=age_band`,
      headers: fengpu.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    const x = res.json()
    expect(x.columns.map((c: { key: string }) => c.key)).toEqual([
      'fitness',
      'health',
      'parenting',
      'culture',
    ])
    expect(
      x.rows.map(
        (r: { key: string; label: string; respondents: number; counts: number[]; shares: number[] }) => [
          r.key,
          r.label,
          r.respondents,
          r.counts,
          r.shares,
        ],
      ),
    ).toEqual([
      ['25_34', '25–34岁', 2, [1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]],
      ['35_44', '35–44岁', 1, [1, 0, 0, 0], [1, 0, 0, 0]],
      ['under_25', '25岁以下', 2, [1, 1, 1, 0], [0.5, 0.5, 0.5, 0]],
    ])
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/crosstab?question=ideas&by=age_band`,
      headers: fengpu.headers,
    })
    expect(bad.json().code).toBe('survey_question_not_analysable')
  })

  it('finds free-text themes by word segmentation, with the answers behind them', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/themes?question=ideas`,
      headers: fengpu.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    const th = res.json()
    expect(th.answered).toBe(4)
    expect(th.terms[0]).toEqual({
      term: '瑜伽',
      count: 3,
      answers: ['希望开设瑜伽课和中医养生讲座', '瑜伽和书法', '下班后想练瑜伽'],
    })
    const terms = th.terms.map((x: { term: string }) => x.term)
    expect(terms).toContain('书法')
    expect(terms).not.toContain('希望')
    expect(terms).not.toContain('和')
  })

  it('exports the report and the raw answers to Excel', async () => {
    const rep = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/export/report`,
      headers: fengpu.headers,
    })
    expect(rep.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(rep.rawPayload as unknown as ArrayBuffer)
    const rows = wb.getWorksheet('统计')!.getSheetValues().filter(Boolean) as unknown[][]
    expect(rows.some((r) => r.includes('健身') && r.includes(3) && r.includes(0.6))).toBe(true)
    const raw = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/export/raw`,
      headers: fengpu.headers,
    })
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(raw.rawPayload as unknown as ArrayBuffer)
    const sheet = wb2.getWorksheet('答卷')!
    expect(sheet.rowCount).toBe(6)
    expect(sheet.getRow(2).getCell(3).value).toBe('匿名')
    expect(sheet.getRow(2).getCell(10).value).toBe('健身；养生')
  })
})
