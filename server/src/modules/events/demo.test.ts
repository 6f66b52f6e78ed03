import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { api } from './test-fixtures.ts'

let t: TestApp
let call: ReturnType<typeof api>
let fengxian: Session

beforeAll(async () => {
  t = await startTestApp()
  call = api(t)
  fengxian = await login(t.app, 'fengxian_admin')
})
afterAll(() => t.close())

describe('events demo', () => {
  it('has the 百场党课进两新 campaign under way, with lecturers of all four kinds', async () => {
    const res = await call(fengxian, 'GET', '/api/campaigns?area=310120')
    const campaign = res.body.items.find((c: { name: string }) => c.name === '百场党课进“两新”')
    expect(campaign).toMatchObject({ targetCount: 100, eventKind: 'lecture' })
    expect(campaign.held + campaign.planned).toBeGreaterThan(10)
    expect(campaign.attendees).toBeGreaterThan(0)
    expect(campaign.byLecturerKind.map((k: { kind: string }) => k.kind).sort()).toEqual([
      'enterprise',
      'expert',
      'media',
      'university',
    ])
  })

  it('gives non-trivial participation figures and the 贤韵 series in 奉浦', async () => {
    const year = new Date(t.clock.now().getTime() + 8 * 3_600_000).getUTCFullYear()
    const res = await call(
      fengxian,
      'GET',
      `/api/participation?area=310120002&from=${year}-01-01&to=${year}-12-31`,
    )
    expect(res.body.targetMembers).toBeGreaterThan(0)
    expect(res.body.share).toBeGreaterThan(0)
    expect(res.body.share).toBeLessThan(1)
    const rows = await t.ctx.db.selectFrom('event').select('title').where('title', 'like', '贤韵%').execute()
    expect(new Set(rows.map((r) => r.title.slice(0, 5)))).toEqual(
      new Set(['贤韵修身堂', '贤韵养生堂', '贤韵亲子汇']),
    )
    const themes = await t.ctx.db.selectFrom('event').select('theme').distinct().execute()
    for (const th of ['economy', 'harmony', 'home', 'public_good', 'civility']) {
      expect(themes.map((x) => x.theme)).toContain(th)
    }
  })

  it('links member_demo to a member so their registrations count', async () => {
    const member = await login(t.app, 'member_demo')
    const list = await call(member, 'GET', '/api/events?area=310120002')
    expect(list.status).toBe(200)
    expect(list.body.items.length).toBeGreaterThan(5)
    const link = await t.ctx.db.selectFrom('account_person_link').selectAll().execute()
    expect(link).toHaveLength(1)
  })
})
