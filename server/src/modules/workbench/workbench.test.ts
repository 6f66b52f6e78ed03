import type { Need, Signup } from '@tongxin/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type TestApp } from '../../../test/helpers.ts'
import { runEscalation } from '../exchange/orders.service.ts'
import {
  buildingId,
  card,
  chiefOf,
  FENGPU,
  figure,
  get,
  HONGMEI,
  NANQIAO,
  part,
  startWorkbenchApp,
  workbench,
} from './test-kit.ts'

// The workbench per role on the demo data, at noon of the demo's day (test-kit.ts): street admin and building chief.

let t: TestApp
let today: string

beforeAll(async () => {
  ;({ t, today } = await startWorkbenchApp())
})
afterAll(() => t?.close())

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
    // 62 firms and organisations, and the university in 奉浦 that lends its instruments (resource booking).
    expect(figure(w, 'operatingUnits')?.value).toBe(63)
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
