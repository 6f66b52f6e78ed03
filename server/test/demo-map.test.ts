import { insideShanghai } from '@tongxin/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from './helpers.ts'

// The demo's places on the map (GET /api/map): the streets of the seed page have their buildings placed
// inside their district, stations and duty points at their buildings. The Fengxian buildings without
// coordinates are deliberate census gaps (五个清 "location" missing, db/demo/fengxian.ts) and stay unplaced.
const AREAS = {
  奉浦街道: { code: '310120002', district: 'fengxian' },
  南桥镇: { code: '310120101', district: 'fengxian' },
  金海街道: { code: '310120003', district: 'fengxian' },
  徐家汇街道: { code: '310104014', district: 'xuhui' },
  虹梅路街道: { code: '310104012', district: 'xuhui' },
} as const
// Rough boxes of the two districts (Fengxian in the south, Xuhui in the centre west).
const DISTRICT = {
  fengxian: { lat: [30.78, 31.0], lng: [121.25, 121.86] },
  xuhui: { lat: [31.11, 31.23], lng: [121.39, 121.48] },
} as const

let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

type Answer = {
  points: { layer: string; name: string; lat: number; lng: number }[]
  unplaced: Record<string, number>
}
const mapOf = async (area: string): Promise<Answer> => {
  const res = await t.app.inject({ url: `/api/map?area=${area}`, headers: admin.headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const count = (a: Answer, layer: string) => a.points.filter((p) => p.layer === layer).length

describe('demo map', () => {
  it.each(Object.entries(AREAS))(
    '%s: placed buildings, every point inside its district',
    async (_, { code, district }) => {
      const a = await mapOf(code)
      expect(count(a, 'buildings')).toBeGreaterThan(0)
      const box = DISTRICT[district]
      for (const p of a.points) {
        expect(insideShanghai(p.lat, p.lng), p.name).toBe(true)
        expect(p.lat, p.name).toBeGreaterThanOrEqual(box.lat[0])
        expect(p.lat, p.name).toBeLessThanOrEqual(box.lat[1])
        expect(p.lng, p.name).toBeGreaterThanOrEqual(box.lng[0])
        expect(p.lng, p.name).toBeLessThanOrEqual(box.lng[1])
      }
    },
  )

  it('虹梅路街道: its 28 buildings and all 61 sorting points are on the map (the 24 in parks at their park)', async () => {
    const a = await mapOf(AREAS.虹梅路街道.code)
    expect([count(a, 'buildings'), count(a, 'dutyPoints')]).toEqual([28, 61])
    expect(a.unplaced).toMatchObject({ buildings: 0, dutyPoints: 0 })
  })

  it('凤创谷 (南桥镇): the 党群服务中心 and the 4 生活驿站 stand at their buildings', async () => {
    const a = await mapOf(AREAS.南桥镇.code)
    const stations = a.points.filter((p) => p.layer === 'stations').map((p) => p.name)
    expect(stations).toHaveLength(5)
    expect(stations).toEqual(expect.arrayContaining(['“同心荟”党群服务中心', '思贤生活驿站', '创客生活驿站']))
    expect(a.unplaced.stations).toBe(0)
  })

  it('上海实业大厦 in 徐家汇街道 with its station; Fengxian’s deliberate location gaps are counted, not drawn', async () => {
    const x = await mapOf(AREAS.徐家汇街道.code)
    expect(x.points.filter((p) => p.layer === 'buildings').map((p) => p.name)).toEqual(['上海实业大厦'])
    expect(x.unplaced.buildings).toBe(0)
    const fengpu = await mapOf(AREAS.奉浦街道.code)
    expect([count(fengpu, 'buildings'), fengpu.unplaced.buildings]).toEqual([6, 2])
    const jinhai = await mapOf(AREAS.金海街道.code)
    expect([count(jinhai, 'buildings'), jinhai.unplaced.buildings]).toEqual([4, 1])
  })
})
