import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { api, HOUR } from './test-fixtures.ts'

/**
 * An event limited to some buildings or organisations addresses their people, so an organiser may name only
 * audiences they could hold the event for: places in their own scope, or the buildings their organising
 * organisation covers. On the demo data: fengpu_admin holds 奉浦街道, secretary_demo the 市工业综合开发区
 * committee in 南桥 (its branches cover the 凤创谷 buildings), admin the city.
 */
const NANQIAO = '310120101'
const FENGPU = '310120002'

let t: TestApp
let call: ReturnType<typeof api>
let admin: Session
let secretary: Session
let fengpu: Session
const id = {} as { lvdi: number; fcg1: number; fengpuTower: number; committee: number; fengpuOrg: number }

const lecture = (extra: Record<string, unknown>) => {
  const d = new Date(t.clock.now().getTime() + 120 * 24 * HOUR).toISOString().slice(0, 10)
  return {
    kind: 'lecture',
    theme: 'policy',
    title: '党课：楼宇党建',
    capacity: 20,
    startsAt: new Date(`${d}T10:00:00+08:00`).toISOString(),
    endsAt: new Date(`${d}T11:00:00+08:00`).toISOString(),
    ...extra,
  }
}

async function events() {
  const r = await t.ctx.db
    .selectFrom('event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

beforeAll(async () => {
  t = await startTestApp()
  call = api(t)
  admin = await login(t.app, 'admin')
  secretary = await login(t.app, 'secretary_demo')
  fengpu = await login(t.app, 'fengpu_admin')
  const db = t.ctx.db
  const building = async (name: string) =>
    (await db.selectFrom('building').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
  const org = async (name: string) =>
    (await db.selectFrom('party_org').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
  Object.assign(id, {
    lvdi: await building('绿地翡翠国际广场'),
    fcg1: await building('凤创谷科创基地1号楼'),
    fengpuTower: await building('奉浦大厦'),
    committee: await org('中共上海市工业综合开发区委员会'),
    fengpuOrg: await org('中共奉浦街道楼宇联合总支部委员会'),
  })
})
afterAll(() => t.close())

describe('an event’s audience only within the organiser’s reach', () => {
  it('refuses a street admin an audience of another street’s building or organisation, writing nothing', async () => {
    const before = await events()
    for (const payload of [
      lecture({ areaCode: FENGPU, audience: 'buildings', audienceIds: [id.fengpuTower, id.lvdi] }),
      lecture({ areaCode: FENGPU, audience: 'orgs', audienceIds: [id.committee] }),
    ]) {
      const res = await call(fengpu, 'POST', '/api/events', payload)
      expect([res.status, res.body.code], JSON.stringify(payload)).toEqual([403, 'forbidden_scope'])
    }
    expect(await events()).toBe(before)
  })

  it('answers a name that does not exist as it answers one out of reach, so ids cannot be probed', async () => {
    for (const audience of ['buildings', 'orgs']) {
      const res = await call(
        fengpu,
        'POST',
        '/api/events',
        lecture({ areaCode: FENGPU, audience, audienceIds: [987_654] }),
      )
      expect([res.status, res.body.code], audience).toEqual([403, 'forbidden_scope'])
    }
  })

  it('tells only a city-wide caller that an audience does not exist', async () => {
    const before = await events()
    const res = await call(
      admin,
      'POST',
      '/api/events',
      lecture({ areaCode: FENGPU, audience: 'buildings', audienceIds: [id.fengpuTower, 987_654] }),
    )
    expect([res.status, res.body.code]).toEqual([404, 'not_found'])
    expect(await events()).toBe(before)
  })

  it('lets a street admin address its own buildings and organisations', async () => {
    for (const [audience, ids] of [
      ['buildings', [id.fengpuTower]],
      ['orgs', [id.fengpuOrg]],
    ] as const) {
      const res = await call(
        fengpu,
        'POST',
        '/api/events',
        lecture({ areaCode: FENGPU, audience, audienceIds: ids }),
      )
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(res.body.first.audienceIds).toEqual(ids)
    }
  })

  it('lets a secretary address their organisation and the buildings it covers, and nothing beyond', async () => {
    const ok = [
      lecture({
        organiserOrgId: id.committee,
        areaCode: NANQIAO,
        audience: 'orgs',
        audienceIds: [id.committee],
      }),
      lecture({
        organiserOrgId: id.committee,
        areaCode: NANQIAO,
        audience: 'buildings',
        audienceIds: [id.fcg1],
      }),
    ]
    for (const payload of ok) {
      const res = await call(secretary, 'POST', '/api/events', payload)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
    const before = await events()
    for (const payload of [
      lecture({
        organiserOrgId: id.committee,
        areaCode: NANQIAO,
        audience: 'buildings',
        audienceIds: [id.lvdi],
      }),
      lecture({
        organiserOrgId: id.committee,
        areaCode: NANQIAO,
        audience: 'orgs',
        audienceIds: [id.fengpuOrg],
      }),
    ]) {
      const res = await call(secretary, 'POST', '/api/events', payload)
      expect([res.status, res.body.code], JSON.stringify(payload)).toEqual([403, 'forbidden_scope'])
    }
    expect(await events()).toBe(before)
  })
})
