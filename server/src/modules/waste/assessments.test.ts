import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { weighTotal, withinAssessmentWindow } from './assessment-rules.ts'
import { wasteDb } from './db.ts'
import { demoShortfalls } from './demo-rule.ts'
import { seedWaste } from './seed.ts'
import { REVISION_CHECK_MS } from './service.ts'

describe('assessment rules (hand-computed)', () => {
  it('weighs the criteria', () => {
    // (30×90 + 25×80 + 25×100 + 20×70) / 100 = 86
    const p = [
      { criterion: 'bins', score: 90 },
      { criterion: 'rooms', score: 80 },
      { criterion: 'collection', score: 100 },
      { criterion: 'signage', score: 70 },
    ]
    expect(weighTotal('property', p)).toEqual({ total: 86 })
    // (60×95 + 40×80) / 100 = 89
    expect(
      weighTotal('tenants', [
        { criterion: 'floors', score: 95 },
        { criterion: 'participation', score: 80 },
      ]),
    ).toEqual({ total: 89 })
    expect(weighTotal('property', p.slice(1))).toEqual({ problem: { kind: 'missing', criterion: 'bins' } })
    expect(weighTotal('property', [...p, p[0]!])).toEqual({ problem: { kind: 'twice', criterion: 'bins' } })
    expect(weighTotal('tenants', p)).toEqual({ problem: { kind: 'unknown', criterion: 'bins' } })
  })

  it('accepts an assessment from the month’s first day to day 10 of the next', () => {
    expect(withinAssessmentWindow('2026-03', '2026-02-28')).toBe(false)
    expect(withinAssessmentWindow('2026-03', '2026-03-01')).toBe(true)
    expect(withinAssessmentWindow('2026-03', '2026-04-10')).toBe(true)
    expect(withinAssessmentWindow('2026-03', '2026-04-11')).toBe(false)
    expect(withinAssessmentWindow('2026-12', '2027-01-10')).toBe(true)
  })

  it('names a demonstration building only on three assessed months at threshold and every floor at 4★', () => {
    const rule = { demoMinScore: 85, demoMinStars: 4 }
    const months = [
      { month: '2026-01', property: 90, tenants: 85 },
      { month: '2026-02', property: 88, tenants: 91 },
      { month: '2026-03', property: 86, tenants: 89 },
    ]
    const floors = [
      { floor: 5, stars: 5 },
      { floor: 6, stars: 4 },
    ]
    expect(demoShortfalls(months, floors, rule)).toEqual([])
    expect(demoShortfalls([{ ...months[0]!, tenants: 84.99 }, months[1]!, months[2]!], floors, rule)).toEqual(
      [{ kind: 'low_score', month: '2026-01', party: 'tenants', total: 84.99, min: 85 }],
    )
    expect(demoShortfalls([months[0]!, { ...months[1]!, property: null }, months[2]!], floors, rule)).toEqual(
      [{ kind: 'not_assessed', month: '2026-02', party: 'property' }],
    )
    expect(
      demoShortfalls(months, [...floors, { floor: 7, stars: 3 }, { floor: 8, stars: null }], rule),
    ).toEqual([
      { kind: 'floor_low', floor: 7, stars: 3, min: 4 },
      { kind: 'floor_unrated', floor: 8 },
    ])
    expect(demoShortfalls(months, [], rule)).toEqual([{ kind: 'no_floors' }])
  })
})

let t: TestApp
let staff: Session
let chief: Session
let buildingId: number
const NANQIAO = '310120101'
const property = (score: number) =>
  ['bins', 'rooms', 'collection', 'signage'].map((criterion) => ({ criterion, score, evidence: '现场检查' }))
const put = (s: Session, body: object) => request(t.app, s, 'PUT', '/api/waste/assessments', body)
const assessmentRows = async () =>
  Number(
    (
      await wasteDb(t.ctx.db)
        .selectFrom('waste_assessment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('building_id', '=', buildingId)
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date('2026-04-05T10:00:00+08:00'))
  staff = await login(t.app, 'nanqiao_admin')
  chief = await login(t.app, 'chief_demo')
  const db = wasteDb(t.ctx.db)
  buildingId = (
    await db
      .selectFrom('building')
      .select('id')
      .where('name', '=', '绿地翡翠国际广场')
      .executeTakeFirstOrThrow()
  ).id
  const { id: routeId } = await db
    .insertInto('waste_patrol_route')
    .values({ building_id: buildingId, name: '午间', floors: [5, 6] })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const floor of [5, 6]) {
    for (const day of ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02']) {
      await db
        .insertInto('waste_patrol')
        .values({
          route_id: routeId,
          building_id: buildingId,
          floor,
          patrol_date: day,
          bags_checked: 20,
          bags_right: 19,
          mistakes: '{"wet":1}',
        })
        .execute()
    }
  }
  // January and February were assessed back then (the window for them has closed).
  for (const month of ['2026-01-01', '2026-02-01']) {
    for (const party of ['property', 'tenants'] as const) {
      await db
        .insertInto('waste_assessment')
        .values({ building_id: buildingId, month, party, scores: '[]', total: 90 })
        .execute()
    }
  }
})
afterAll(() => t.close())

describe('dual assessment API', () => {
  it('refuses months outside their window, wrong criteria, and non-staff, writing nothing', async () => {
    const before = await assessmentRows()
    for (const month of ['2026-02', '2026-05', '2025-12']) {
      const res = await put(staff, { buildingId, month, party: 'property', scores: property(90) })
      expect(res.status, month).toBe(400)
      expect(res.body.code).toBe('waste_assessment_outside_month')
    }
    const missing = await put(staff, {
      buildingId,
      month: '2026-03',
      party: 'property',
      scores: property(90).slice(1),
    })
    expect(missing.body.code).toBe('waste_assessment_criteria')
    const tooHigh = await put(staff, {
      buildingId,
      month: '2026-03',
      party: 'property',
      scores: [{ criterion: 'bins', score: 101 }],
    })
    expect(tooHigh.status).toBe(400)
    expect(
      (await put(chief, { buildingId, month: '2026-03', party: 'property', scores: property(90) })).status,
    ).toBe(403)
    expect(await assessmentRows()).toBe(before)
  })

  it('suggests the tenants’ figures from the month’s patrols', async () => {
    const res = await request(
      t.app,
      chief,
      'GET',
      `/api/waste/assessments/criteria?buildingId=${buildingId}&month=2026-03`,
    )
    const floors = res.body.find((c: { criterion: string }) => c.criterion === 'floors')
    // March: 2 floors × 2 days × 20 bags, 19 right each → 95%
    expect(floors).toMatchObject({ party: 'tenants', weight: 60, suggested: 95 })
  })

  it('saves, corrects with the version read, keeps history, and exports', async () => {
    const first = await put(staff, { buildingId, month: '2026-03', party: 'property', scores: property(86) })
    expect(first.status, first.text).toBe(200)
    expect(first.body).toMatchObject({ total: 86, version: 1, month: '2026-03' })
    const blind = await put(staff, { buildingId, month: '2026-03', party: 'property', scores: property(88) })
    expect(blind.body.code).toBe('version_conflict')
    const fixed = await put(staff, {
      buildingId,
      month: '2026-03',
      party: 'property',
      scores: property(88),
      version: 1,
    })
    expect(fixed.body).toMatchObject({ total: 88, version: 2 })
    const history = await wasteDb(t.ctx.db)
      .selectFrom('waste_assessment_history')
      .select(['version', 'before'])
      .where('assessment_id', '=', fixed.body.id)
      .execute()
    expect(history).toHaveLength(1)
    expect((history[0]!.before as { total: number }).total).toBe(86)
    const tenants = await put(staff, {
      buildingId,
      month: '2026-03',
      party: 'tenants',
      scores: [
        { criterion: 'floors', score: 95 },
        { criterion: 'participation', score: 80 },
      ],
    })
    expect(tenants.body.total).toBe(89)

    const xlsx = await request(t.app, chief, 'GET', `/api/waste/assessments/export?buildingId=${buildingId}`)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer)
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean)
    // header + March (4 property + 2 tenants); January/February rows have no criteria scored in this fixture
    expect(rows.length).toBeGreaterThanOrEqual(7)
    expect(JSON.stringify(rows)).toContain('分类桶配置与完好')
  })
})

describe('demonstration buildings', () => {
  const candidates = async () =>
    (await request(t.app, staff, 'GET', `/api/waste/demonstration/${NANQIAO}`)).body as Array<{
      buildingId: number
      meets: boolean
      reasons: string[]
      designation: unknown
    }>
  const mine = async () => (await candidates()).find((c) => c.buildingId === buildingId)!

  it('computes the candidate, designates it once (even when two staff click together), flags and revokes a lapse', async () => {
    expect(await mine()).toMatchObject({ meets: true, designation: null, reasons: [] })
    const future = await request(t.app, staff, 'POST', '/api/waste/demonstration', {
      buildingId,
      date: '2026-04-06',
    })
    expect(future.body.code).toBe('waste_demo_date')
    const both = await Promise.all(
      [0, 1].map(() =>
        request(t.app, staff, 'POST', '/api/waste/demonstration', { buildingId, date: '2026-04-05' }),
      ),
    )
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    expect(both.find((r) => r.status === 409)!.body.code).toBe('waste_demo_already')

    // March's property assessment is corrected down to 60: the criteria lapse, the designation stands until confirmed.
    const cur = (
      await request(t.app, staff, 'GET', `/api/waste/assessments?buildingId=${buildingId}&month=2026-03`)
    ).body
    const prop = cur.find((a: { party: string }) => a.party === 'property')
    await put(staff, {
      buildingId,
      month: '2026-03',
      party: 'property',
      scores: property(60),
      version: prop.version,
    })
    const lapsed = await mine()
    expect(lapsed.meets).toBe(false)
    expect(lapsed.designation).not.toBeNull()
    expect(lapsed.reasons).toEqual(['2026-03 物业考核 60 分，低于 85 分'])

    const early = await request(
      t.app,
      staff,
      'POST',
      `/api/waste/demonstration/buildings/${buildingId}/revoke`,
      {
        date: '2026-04-01',
        reason: '三月物业考核未达标',
      },
    )
    expect(early.body.code).toBe('waste_demo_date')
    const revoked = await request(
      t.app,
      staff,
      'POST',
      `/api/waste/demonstration/buildings/${buildingId}/revoke`,
      {
        date: '2026-04-05',
        reason: '三月物业考核未达标',
      },
    )
    expect(revoked.status, revoked.text).toBe(200)
    expect(revoked.body.designation).toBeNull()
    const again = await request(
      t.app,
      staff,
      'POST',
      `/api/waste/demonstration/buildings/${buildingId}/revoke`,
      {
        date: '2026-04-05',
        reason: 'x',
      },
    )
    expect(again.body.code).toBe('waste_demo_not_designated')
    const notMet = await request(t.app, staff, 'POST', '/api/waste/demonstration', {
      buildingId,
      date: '2026-04-05',
    })
    expect(notMet.status).toBe(409)
    expect(notMet.body.code).toBe('waste_demo_not_met')
  })
})

describe('quiz', () => {
  it('gives short questions across the four categories with reasons, without login', async () => {
    // The test template has no dictionary; the app seeds it at start-up in real runs.
    await seedWaste(t.ctx.database)
    t.clock.advance(REVISION_CHECK_MS + 1)
    const res = await request(t.app, null, 'GET', '/api/waste/quiz?n=8')
    expect(res.status).toBe(200)
    const qs = res.body as Array<{ item: string; category: string; reason: string }>
    expect(qs).toHaveLength(8)
    expect(new Set(qs.map((q) => q.category)).size).toBe(4)
    expect(new Set(qs.map((q) => q.item)).size).toBe(8)
    for (const q of qs) expect(q.reason.length).toBeGreaterThan(0)
    expect((await request(t.app, null, 'GET', '/api/waste/quiz?n=500')).status).toBe(400)
  })
})
