import type { Need, Signup, Workbench, WorkbenchAction } from '@tongxin/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { insertAccount } from '../accounts/bootstrap.ts'
import { runEscalation } from '../exchange/orders.service.ts'

/*
 * The workbench per role on the demo data, with the clock at noon of the demo's day (the demo dates its needs
 * from 10:00 that day), so SLA clocks read the same on every run. Counts that follow the calendar (shifts on
 * every third weekday) are checked against the very list the card links to; the rest are exact.
 */

const FENGPU = '310120002'
const NANQIAO = '310120101'
const HONGMEI = '310104012'

let t: TestApp
let today: string

beforeAll(async () => {
  const probe = await startTestApp()
  const first = await probe.ctx.db
    .selectFrom('need')
    .select('submitted_at')
    .where('description', '=', '独居老人希望每周有人上门探访')
    .executeTakeFirstOrThrow()
  await probe.close()
  const noon = new Date(first.submitted_at.getTime() + 2 * 3_600_000)
  today = shanghaiDate(noon)
  t = await startTestApp({ clock: new ManualClock(noon) })
})
afterAll(() => t?.close())

async function workbench(s: Session, lang = 'zh-CN'): Promise<Workbench> {
  const res = await t.app.inject({
    url: '/api/workbench',
    headers: { ...s.headers, 'accept-language': lang },
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const card = (w: Workbench, key: WorkbenchAction['key']) => w.actions.find((a) => a.key === key)
const part = (w: Workbench, key: WorkbenchAction['key'], p: string) =>
  card(w, key)?.parts.find((x) => x.key === p)?.count
const figure = (w: Workbench, key: string) => w.figures.find((f) => f.key === key)
const get = async <T>(s: Session, url: string): Promise<T> => {
  const res = await t.app.inject({ url, headers: s.headers })
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
  return res.json()
}
const buildingId = async (name: string) =>
  (await t.ctx.db.selectFrom('building').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

async function chiefOf(name: string, username: string): Promise<Session> {
  const b = await t.ctx.db
    .selectFrom('building')
    .select(['id', 'area_code'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  await insertAccount(t.ctx.db, {
    username,
    displayName: `${name}楼长`,
    password: DEMO_PASSWORD,
    grants: [{ role: 'building_chief', scopeType: 'building', scopeId: String(b.id), areaCode: b.area_code }],
  })
  return login(t.app, username)
}

describe('workbench: street admin', () => {
  it('shows the cards staff act on, counted in their street only', async () => {
    const s = await login(t.app, 'fengpu_admin')
    const w = await workbench(s)
    expect(w.actions.map((a) => a.key)).toEqual([
      'needs_overdue',
      'imports_unfinished',
      'gaps',
      'notices_unread',
    ])
    // One need of 奉浦 is past its SLA (the escort to hospital, in progress for three days); none escalated yet.
    expect(card(w, 'needs_overdue')).toMatchObject({ count: 1, tone: 'bad', scope: '奉浦街道' })
    expect(part(w, 'needs_overdue', 'overdue')).toBe(1)
    expect(part(w, 'needs_overdue', 'escalated')).toBe(0)
    const overdueList = await get<{ items: Need[] }>(s, '/api/needs?overdue=true')
    expect(overdueList.items).toHaveLength(1)
    // The gap list of the street, rule by rule: the card and the list agree.
    const parts = card(w, 'gaps')?.parts.map((p) => [p.key, p.count])
    expect(parts).toEqual([
      ['unit_should_have_branch', 9],
      ['unit_needs_joint_branch', 7],
      ['building_without_org', 1],
      ['member_not_transferred', 5],
      ['meeting_overdue', expect.any(Number)],
    ])
    // Organisational life's demo leaves some branches behind their meeting rules in the latest period.
    expect(card(w, 'gaps')?.count).toBe(22 + (parts?.[4]?.[1] as number))
    expect(parts?.[4]?.[1]).toBeGreaterThan(0)
    for (const p of card(w, 'gaps')!.parts) {
      const list = await get<{ items: unknown[] }>(s, `/api/gaps?area=${FENGPU}&rule=${p.key}&limit=200`)
      expect(list.items, p.key).toHaveLength(p.count)
      expect(p.link).toBe(`/gaps?area=${FENGPU}&rule=${p.key}`)
    }
    expect(card(w, 'imports_unfinished')?.count).toBe(0)
    // 奉浦 has a chief in every building in scope: 100 %, and no trend before a snapshot.
    expect(figure(w, 'chiefCoverageRate')).toMatchObject({ value: 1, previous: null, better: 'up' })
    expect(figure(w, 'members')?.value).toBe(144)
    expect(figure(w, 'operatingUnits')?.value).toBe(62)
    const coverage = await get<{ members: number; orgCoverageRate: number }>(
      s,
      `/api/coverage?area=${FENGPU}`,
    )
    expect(figure(w, 'orgCoverageRate')?.value).toBe(coverage.orgCoverageRate)
    expect(figure(w, 'needsResolved30d')).toMatchObject({ value: 2, previous: 0, better: null })
  })

  it('another street sees none of it; escalation reaches only the street it happened in', async () => {
    const fengpu = await login(t.app, 'fengpu_admin')
    const nanqiao = await login(t.app, 'nanqiao_admin')
    const admin = await login(t.app, 'admin')
    expect(card(await workbench(nanqiao), 'needs_overdue')?.count).toBe(0)
    expect(card(await workbench(admin), 'needs_overdue')?.count).toBe(2)

    expect(await runEscalation(t.ctx)).toBe(2) // 奉浦's and 金海's
    const f = await workbench(fengpu)
    expect(part(f, 'needs_overdue', 'escalated')).toBe(1)
    expect(card(f, 'notices_unread')?.count).toBeGreaterThan(0)
    const n = await workbench(nanqiao)
    expect(card(n, 'needs_overdue')?.count).toBe(0)
    expect(part(n, 'needs_overdue', 'escalated')).toBe(0)
    expect(card(n, 'notices_unread')?.count).toBe(0)
    expect(part(await workbench(admin), 'needs_overdue', 'escalated')).toBe(2)
  })

  it('a snapshot gives the coverage figures a trend; a chief removed shows as a fall', async () => {
    const s = await login(t.app, 'fengpu_admin')
    const snap = await t.app.inject({
      method: 'POST',
      url: '/api/census/snapshots',
      headers: s.headers,
      payload: { area: FENGPU, label: '月初' },
    })
    expect(snap.statusCode, snap.body).toBe(201)
    const id = await buildingId('奉浦金融广场')
    const b = await get<{ building: { version: number } }>(s, `/api/buildings/${id}`)
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/buildings/${id}/chief?version=${b.building.version}`,
      headers: s.headers,
    })
    expect(removed.statusCode, removed.body).toBe(200)
    const w = await workbench(s)
    expect(figure(w, 'chiefCoverageRate')).toMatchObject({ value: 0.875, previous: 1, sinceSnapshot: today })
    expect(figure(w, 'members')).toMatchObject({ value: 144, previous: 144, sinceSnapshot: today })
    expect(part(w, 'gaps', 'building_without_chief')).toBe(1)
  })

  it('an import checked and not committed waits on its importer only', async () => {
    const { kindBook, upload } = await import('../imports/test-kit.ts')
    const s = await login(t.app, 'fengpu_admin')
    const file = await kindBook('buildings', [
      { name: '奉浦工作台测试楼', areaCode: FENGPU, address: '奉浦大道 1 号', floors: 8, inUse: '是' },
    ])
    const res = await upload(t, s, 'buildings', file, { fileName: '楼宇.xlsx' })
    expect(res.statusCode, res.body).toBe(201)
    const job = res.json() as { id: number; status: string }
    expect(job.status).toBe('checked')
    const w = await workbench(s)
    expect(card(w, 'imports_unfinished')).toMatchObject({ count: 1, link: `/imports?job=${job.id}` })
    expect(card(w, 'imports_unfinished')?.parts[0]).toMatchObject({ key: 'buildings', text: '楼宇.xlsx' })
    expect(card(await workbench(await login(t.app, 'nanqiao_admin')), 'imports_unfinished')?.count).toBe(0)
  })

  it('takes no place from the request: a scope in the query is refused, not obeyed', async () => {
    const s = await login(t.app, 'fengpu_admin')
    for (const q of [`area=${NANQIAO}`, 'building=1', 'account=1']) {
      const res = await t.app.inject({ url: `/api/workbench?${q}`, headers: s.headers })
      expect(res.statusCode, q).toBe(400)
    }
    expect((await t.app.inject({ url: '/api/workbench' })).statusCode).toBe(401)
  })
})

describe('workbench: building chief', () => {
  it('sees their building only: its records, its figures, no area cards', async () => {
    const s = await login(t.app, 'chief_demo')
    const w = await workbench(s)
    expect(w.actions.map((a) => a.key)).toEqual(['census_incomplete', 'notices_unread'])
    const id = await buildingId('绿地翡翠国际广场')
    expect(card(w, 'census_incomplete')).toMatchObject({
      count: 1,
      scope: '绿地翡翠国际广场',
      link: `/buildings/${id}`,
    })
    expect(card(w, 'census_incomplete')?.parts).toEqual([
      { key: 'stations', count: 1, tone: 'todo', text: '尚无党建工作站', link: null },
    ])
    expect(card(await workbench(s, 'en-US'), 'census_incomplete')?.parts[0]?.text).toMatch(/station/i)
    expect(w.figures.map((f) => [f.key, f.value, f.scope])).toEqual([
      ['operatingUnits', 5, '绿地翡翠国际广场'],
      ['members', 11, '绿地翡翠国际广场'],
      ['orgCoverageRate', 1, '绿地翡翠国际广场'],
    ])
    // A building's whole coverage is good news, not an alarm: the figure carries no tone, only a direction.
    expect(figure(w, 'orgCoverageRate')?.better).toBe('up')
  })

  it('a chief of building A learns nothing of building B, and B’s changes do not move A', async () => {
    // Two buildings of 虹梅路 with duty points: B has hours waiting at its points, A none.
    const a = await chiefOf('普天科技园1号楼', 'chief_a')
    const b = await chiefOf('钦州北路科技园1号楼', 'chief_b')
    const staff = await login(t.app, 'hongmei_admin')
    const unverifiedAt = async (name: string) => {
      const points = await t.ctx.db
        .selectFrom('duty_point as dp')
        .innerJoin('building as b', 'b.id', 'dp.building_id')
        .select('dp.id')
        .where('b.name', '=', name)
        .where('dp.deleted_at', 'is', null)
        .execute()
      let n = 0
      for (const p of points)
        n += (await get<Signup[]>(staff, `/api/volunteers/points/${p.id}/signups?unverified=true`)).length
      return n
    }
    const waitingB = await unverifiedAt('钦州北路科技园1号楼')
    expect(waitingB).toBeGreaterThan(0)
    expect(await unverifiedAt('普天科技园1号楼')).toBe(0)

    const before = await workbench(a)
    const wb = await workbench(b)
    expect(card(wb, 'hours_to_verify')?.count).toBe(waitingB)
    expect(card(before, 'hours_to_verify')?.count).toBe(0)
    expect(JSON.stringify(before)).not.toContain('钦州北路')
    expect(before.figures.every((f) => f.scope === '普天科技园1号楼')).toBe(true)
    const figuresB = await get<{ members: number }>(
      b,
      `/api/coverage?building=${await buildingId('钦州北路科技园1号楼')}`,
    )
    expect(figure(wb, 'members')?.value).toBe(figuresB.members)

    // B's building gains a station: B's records card changes, A's workbench is exactly as it was.
    const idB = await buildingId('钦州北路科技园1号楼')
    const station = await t.app.inject({
      method: 'POST',
      url: '/api/stations',
      headers: b.headers,
      payload: { kind: 'micro_home', name: '钦州北路党建微家', areaCode: HONGMEI, buildingId: idB },
    })
    expect(station.statusCode, station.body).toBe(201)
    const after = await workbench(a)
    expect(after.actions).toEqual(before.actions)
    expect(after.figures).toEqual(before.figures)
    // And A cannot reach B's points by any other door either.
    const point = await t.ctx.db
      .selectFrom('duty_point')
      .select('id')
      .where('building_id', '=', idB)
      .executeTakeFirstOrThrow()
    const probe = await t.app.inject({
      url: `/api/volunteers/points/${point.id}/signups`,
      headers: a.headers,
    })
    expect(probe.statusCode).toBe(403)
  })

  it('a chief with patrol routes sees today’s patrols and the sorting rate against the month before', async () => {
    const s = await login(t.app, 'siic_chief')
    const w = await workbench(s)
    expect(w.next.filter((n) => n.kind === 'patrol').map((n) => [n.title, n.progress])).toEqual([
      ['午间巡查·低区', { done: 0, total: 18 }],
      ['午间巡查·高区', { done: 0, total: 18 }],
    ])
    const rate = figure(w, 'patrolRate30d')
    expect(rate?.better).toBe('up')
    expect(rate?.value).toBeGreaterThan(rate?.previous ?? 1) // the demo's floors improve month by month
    // The route's lead (a member volunteer) sees their own route only, and no building figures.
    const lead = await workbench(await login(t.app, 'siic_volunteer'))
    expect(lead.next.map((n) => n.title)).toEqual(['午间巡查·低区'])
    expect(lead.figures).toEqual([])
  })
})

describe('workbench: volunteer', () => {
  it('sees only their own: their shift, their hours, their notices', async () => {
    const v = await login(t.app, 'volunteer_demo')
    const c = await login(t.app, 'coordinator_demo')
    const w = await workbench(v)
    expect(w.actions.map((a) => a.key)).toEqual(['notices_unread'])
    expect(w.next).toEqual([])

    // This month's verified minutes are the sum over their own past shifts this month.
    const past = await get<Signup[]>(v, '/api/volunteers/me/signups?when=past')
    const month = today.slice(0, 7)
    const mine = past
      .filter((p) => shanghaiDate(new Date(p.startsAt)).slice(0, 7) === month)
      .reduce((n, p) => n + (p.verifiedMinutes ?? 0), 0)
    expect(figure(w, 'myVerifiedMinutesMonth')).toMatchObject({ value: mine, better: null })

    // Signing up for a shift makes it "next"; the coordinator's workbench does not show it.
    const open = await get<
      Array<{ id: number; needs: Array<{ roleId: number; needed: number; taken: number }> }>
    >(v, '/api/volunteers/shifts?open=true')
    let signed: Signup | null = null
    for (const shift of open) {
      for (const n of shift.needs.filter((x) => x.taken < x.needed)) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/volunteers/shifts/${shift.id}/signups`,
          headers: v.headers,
          payload: { roleId: n.roleId },
        })
        if (res.statusCode === 201 || res.statusCode === 200) signed = res.json()
        if (signed) break
      }
      if (signed) break
    }
    expect(signed).not.toBeNull()
    const next = (await workbench(v)).next
    expect(next).toEqual([
      expect.objectContaining({ kind: 'shift', title: signed!.pointName, startsAt: signed!.startsAt }),
    ])
    expect((await workbench(c)).next.some((n) => n.kind === 'shift')).toBe(false)

    // A notice for the volunteer counts for them alone.
    const account = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'volunteer_demo')
      .executeTakeFirstOrThrow()
    await t.ctx.db
      .insertInto('notification')
      .values({ account_id: account.id, kind: 'hours.verified', title: '时长已核定' })
      .execute()
    expect(card(await workbench(v), 'notices_unread')?.count).toBe(1)
    expect(card(await workbench(c), 'notices_unread')?.count).toBe(0)
  })

  it('a coordinator counts the hours waiting at their ten points only', async () => {
    const c = await login(t.app, 'coordinator_demo')
    const points = await get<Array<{ id: number }>>(c, '/api/volunteers/points?mine=true')
    expect(points).toHaveLength(10)
    let waiting = 0
    for (const p of points)
      waiting += (await get<Signup[]>(c, `/api/volunteers/points/${p.id}/signups?unverified=true`)).length
    const w = await workbench(c)
    expect(card(w, 'hours_to_verify')).toMatchObject({ count: waiting, link: '/volunteer-coordination' })
    const street = card(await workbench(await login(t.app, 'hongmei_admin')), 'hours_to_verify')!.count
    expect(street).toBeGreaterThan(waiting)
    // 奉浦's staff coordinate no point: no card at all.
    expect(card(await workbench(await login(t.app, 'fengpu_admin')), 'hours_to_verify')).toBeUndefined()
  })
})

describe('workbench: provider and member', () => {
  it('a provider sees the needs its unit may take, and its own figures', async () => {
    const p = await login(t.app, 'provider_demo')
    const w = await workbench(p)
    expect(w.actions.map((a) => a.key)).toEqual(['orders', 'notices_unread'])
    expect(card(w, 'orders')).toMatchObject({ count: 0, tone: 'todo' })
    // Two orders delivered in the last 30 days (the social-insurance account, the talent-flat enquiry); the
    // enquiry was rated 5 and closed.
    expect(figure(w, 'ordersDelivered30d')).toMatchObject({ value: 2, previous: 0, better: null })
    expect(figure(w, 'ordersRating90d')).toMatchObject({ value: 5, previous: null, better: 'up' })

    // A member of 南桥 asks for policy help: 杨妈妈 offers that there, so it waits on its desk.
    const m = await login(t.app, 'member_demo')
    const posted = await t.app.inject({
      method: 'POST',
      url: '/api/needs',
      headers: m.headers,
      payload: { categoryCode: 'enterprise.policy', description: '咨询人才公寓申请条件', areaCode: NANQIAO },
    })
    expect(posted.statusCode, posted.body).toBe(201)
    const after = await workbench(p)
    const desk = await get<{ open: Need[] }>(p, '/api/needs/orders')
    expect(card(after, 'orders')?.count).toBe(desk.open.length)
    expect(part(after, 'orders', 'to_take')).toBe(1)

    // Another provider (elderly care, no policy offering) is not told about it.
    const elderly = await t.ctx.db
      .selectFrom('unit')
      .select(['id', 'area_code'])
      .where('name', '=', '德善公益服务中心')
      .executeTakeFirstOrThrow()
    await insertAccount(t.ctx.db, {
      username: 'elderly_provider',
      displayName: '德善',
      password: DEMO_PASSWORD,
      grants: [
        { role: 'provider', scopeType: 'unit', scopeId: String(elderly.id), areaCode: elderly.area_code },
      ],
    })
    const other = await workbench(await login(t.app, 'elderly_provider'))
    const otherDesk = await get<{ open: Need[] }>(await login(t.app, 'elderly_provider'), '/api/needs/orders')
    expect(otherDesk.open.some((n) => n.categoryCode === 'enterprise.policy')).toBe(false)
    expect(part(other, 'orders', 'to_take')).toBe(otherDesk.open.length)
  })

  it('a member sees their delivered need waiting for them and their next event, nothing of staff', async () => {
    const m = await login(t.app, 'member_demo')
    const w = await workbench(m)
    expect(w.actions.map((a) => a.key)).toEqual(['needs_to_confirm', 'notices_unread'])
    expect(card(w, 'needs_to_confirm')).toMatchObject({ count: 1, link: '/my-needs' })
    const mine = await get<{ items: Need[] }>(m, '/api/needs/mine?limit=200')
    expect(mine.items.filter((n) => n.state === 'delivered')).toHaveLength(1)
    const [event] = w.next
    expect(event).toMatchObject({ kind: 'event' })
    const detail = await get<{ mine: { status: string } | null }>(
      m,
      event!.link.replace('/events/', '/api/events/'),
    )
    expect(detail.mine?.status).toBe('registered')
    expect(w.figures).toEqual([])
  })
})
