import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, type Session, startTestApp, type TestApp } from './helpers.ts'

let t: TestApp
const s = {} as Record<'admin' | 'provider' | 'member' | 'chief', Session>
beforeAll(async () => {
  t = await startTestApp()
  s.admin = await login(t.app, 'admin')
  s.provider = await login(t.app, 'provider_demo')
  s.member = await login(t.app, 'member_demo')
  s.chief = await login(t.app, 'chief_demo')
})
afterAll(() => t.close())

type Item = {
  id: number
  name: string
  providerName: string
  bookable: boolean
  bookingNeedsApproval: boolean
}
type B = { offeringName: string; purpose: string | null; status: string; mine: boolean; startsAt: string }

describe('demo: bookable shared resources', () => {
  it('has a university’s instrument booked directly and meeting rooms booked on approval', async () => {
    const items: Item[] = (await client(t.app, s.admin).read('/api/offerings?list=resource&limit=200')).items
    const bookable = items
      .filter((o) => o.bookable)
      .map((o) => [o.name, o.providerName, o.bookingNeedsApproval])
      .sort()
    expect(bookable).toEqual(
      [
        ['共享扫描电子显微镜', '上海应用技术大学（奉贤校区）', false],
        ['“杨妈妈”众创空间会议室', '“杨妈妈”创新创业服务平台', true],
        ['楼宇会议室', expect.any(String), true],
        ['共享检测仪器', expect.any(String), false],
      ].sort(),
    )
  })

  it('puts the pending requests in the owner’s queue and each booker’s own in “my bookings”', async () => {
    const queue: B[] = (await client(t.app, s.provider).read('/api/resource-bookings/queue')).items
    expect(queue.map((b) => [b.offeringName, b.purpose, b.status])).toEqual([
      ['“杨妈妈”众创空间会议室', '支部委员会月度会议', 'pending'],
      ['“杨妈妈”众创空间会议室', '楼宇物业协调会', 'pending'],
    ])
    const mine: B[] = (await client(t.app, s.member).read('/api/resource-bookings/mine')).items
    expect(mine.map((b) => [b.offeringName, b.status]).sort()).toEqual(
      [
        ['共享扫描电子显微镜', 'approved'],
        ['“杨妈妈”众创空间会议室', 'pending'],
      ].sort(),
    )
    const chief: B[] = (await client(t.app, s.chief).read('/api/resource-bookings/mine')).items
    expect(chief.map((b) => b.status).sort()).toEqual(['approved', 'declined', 'pending'])
  })

  it('hides another booker’s purpose on the instrument’s calendar', async () => {
    const id = (
      await t.ctx.db
        .selectFrom('offering')
        .select('id')
        .where('name', '=', '共享扫描电子显微镜')
        .executeTakeFirstOrThrow()
    ).id
    const from = new Date(Date.now() - 86_400_000).toISOString()
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString()
    const seen: B[] = (
      await client(t.app, s.chief).read(`/api/offerings/${id}/bookings?from=${from}&to=${to}`)
    ).items
    expect(seen.map((b) => [b.mine, b.purpose]).sort()).toEqual([
      [false, null],
      [true, '涂层厚度抽检'],
    ])
  })

  it('holds no two overlapping bookings of one resource', async () => {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM resource_booking a JOIN resource_booking b
        ON a.offering_id = b.offering_id AND a.id < b.id
       WHERE a.status IN ('pending', 'approved') AND b.status IN ('pending', 'approved')
         AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`.execute(t.ctx.db)
    expect(r.rows[0]!.n).toBe(0)
    expect(
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM resource_booking`.execute(t.ctx.db)).rows[0]!
          .n,
      ),
    ).toBe(5)
  })
})
