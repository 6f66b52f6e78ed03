import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { CHENGQIAO, kit } from '../orglife/test-kit.ts'

const FENGPU = '310120002'

let t: TestApp
let admin: Session
let wisher: Session
let neighbour: Session
let firm: Session
const ids = {} as { building: number; firm: number }

async function account(username: string, grant: Record<string, string>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: admin.headers,
    payload: { username, displayName: `${username}名`, password: 'wish-password-1', grants: [grant] },
  })
  expect(res.statusCode, res.body).toBe(201)
  return login(t.app, username, 'wish-password-1')
}

async function postWish(description: string, extra: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/needs',
    headers: wisher.headers,
    payload: {
      categoryCode: 'wish',
      description,
      buildingId: ids.building,
      floor: 7,
      contactName: '王小青',
      contactPhone: '13912345678',
      ...extra,
    },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as number
}

const act = (s: Session, id: number, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/needs/${id}/actions`, headers: s.headers, payload })

const wall = (query: string) => t.app.inject({ method: 'GET', url: `/api/wishes/wall?${query}` })

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  wisher = await login(t.app, 'member_demo')
  const api = registryApi(t.app, admin)
  ids.building = (await api.building(FENGPU, '心愿大厦', 20)).id
  ids.firm = (await api.unit(null, '暖心科技有限公司', { kind: 'private', areaCode: FENGPU })).id
  neighbour = await account('wish_neighbour', { role: 'member', scopeType: 'area', scopeId: FENGPU })
  firm = await account('wish_firm', { role: 'provider', scopeType: 'unit', scopeId: String(ids.firm) })
})
afterAll(() => t.close())

describe('wishes: a need kind with a public wall', () => {
  it('shows a stranger the wish, its place and state, and nothing of the wisher', async () => {
    const id = await postWish('想要一套初中数学辅导书，电话13912345678')
    const res = await wall(`building=${ids.building}`)
    expect(res.statusCode, res.body).toBe(200)
    const item = res.json().items.find((w: { id: number }) => w.id === id)
    expect(item).toMatchObject({ buildingName: '心愿大厦', state: 'open' })
    // A phone number typed into the text is masked; the wisher's name, phone, unit and floor never appear.
    expect(item.description).toBe('想要一套初中数学辅导书，电话139****5678')
    expect(res.body).not.toContain('王小青')
    expect(res.body).not.toContain('13912345678')
    expect(Object.keys(item).sort()).toEqual(
      ['areaName', 'buildingName', 'claimedBy', 'description', 'id', 'postedOn', 'state'].sort(),
    )
    expect(item.postedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const street = await wall(`area=${FENGPU}`)
    expect(street.json().items.map((w: { id: number }) => w.id)).toContain(id)
  })

  it('refuses a wall without a place, and an unknown building', async () => {
    const none = await wall('')
    expect(none.statusCode).toBe(400)
    expect(none.json().code).toBe('wish_wall_place')
    expect((await wall('building=999999')).statusCode).toBe(404)
  })

  it('lets one of two simultaneous claims win; the loser gets 409 and writes nothing', async () => {
    const id = await postWish('想给孩子借一辆自行车')
    const [a, b] = await Promise.all([
      act(neighbour, id, { action: 'claim' }),
      act(firm, id, { action: 'claim' }),
    ])
    const codes = [a.statusCode, b.statusCode].sort()
    expect(codes, `${a.body} ${b.body}`).toEqual([200, 409])
    const loser = a.statusCode === 409 ? a : b
    expect(loser.json().code).toBe('wish_already_claimed')
    expect(loser.json().message).toMatch(/心愿/)
    const events = await t.ctx.db
      .selectFrom('need_event')
      .select('to_state')
      .where('need_id', '=', id)
      .where('to_state', '=', 'accepted')
      .execute()
    expect(events).toHaveLength(1)
    const row = await t.ctx.db
      .selectFrom('need')
      .select(['provider_unit_id', 'provider_account_id', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.version).toBe(2)
    expect((row.provider_unit_id === null) !== (row.provider_account_id === null)).toBe(true)
    const english = await t.app.inject({
      method: 'POST',
      url: `/api/needs/${id}/actions`,
      headers: { ...neighbour.headers, 'accept-language': 'en-US' },
      payload: { action: 'claim' },
    })
    expect(english.statusCode).toBe(409)
    expect(english.json().message).toMatch(/wish/i)
  })

  it("refuses a claim from a member or firm of another street, and keeps the wisher's contact from them", async () => {
    const id = await postWish('想请人帮忙修一把椅子')
    const far = await account('wish_far', { role: 'member', scopeType: 'area', scopeId: CHENGQIAO })
    const farFirmId = (
      await registryApi(t.app, admin).unit(null, '远方科技有限公司', { kind: 'private', areaCode: CHENGQIAO })
    ).id
    const farFirm = await account('wish_far_firm', {
      role: 'provider',
      scopeType: 'unit',
      scopeId: String(farFirmId),
    })
    for (const s of [far, farFirm]) {
      const res = await act(s, id, { action: 'claim' })
      expect(res.statusCode, res.body).toBe(403)
      expect(res.json().code).toBe('forbidden_scope')
      expect(res.body).not.toContain('13912345678')
    }
    const row = await t.ctx.db
      .selectFrom('need')
      .select(['state', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'submitted', version: 1 })
    // A neighbour of the same street still may.
    expect((await act(neighbour, id, { action: 'claim' })).statusCode).toBe(200)
  })

  it('goes from posted to confirmed: a member claims, delivers, the wisher confirms', async () => {
    const id = await postWish('希望有人教奶奶用智能手机')
    expect((await act(wisher, id, { action: 'claim' })).json().code).toBe('wish_own')
    const claimed = await act(neighbour, id, { action: 'claim' })
    expect(claimed.statusCode, claimed.body).toBe(200)
    // The holder sees the wisher's contact, to arrange the delivery.
    expect(claimed.json()).toMatchObject({ state: 'accepted', contactPhone: '13912345678' })
    expect(claimed.json().providerName).toBe('wish_neighbour名')
    // Only the holder delivers; only the wisher confirms.
    expect((await act(firm, id, { action: 'deliver' })).statusCode).toBe(403)
    expect((await act(neighbour, id, { action: 'deliver' })).statusCode).toBe(200)
    expect((await act(neighbour, id, { action: 'close' })).json().code).toBe('not_requester')
    const closed = await act(wisher, id, { action: 'close', rating: 5, comment: '谢谢' })
    expect(closed.statusCode, closed.body).toBe(200)
    const item = (await wall(`building=${ids.building}`))
      .json()
      .items.find((w: { id: number }) => w.id === id)
    expect(item).toMatchObject({ state: 'confirmed', claimedBy: null })
  })

  it('a reopened wish passes from the member who held it to a firm', async () => {
    const id = await postWish('想要一把雨伞')
    await act(neighbour, id, { action: 'claim' })
    await act(neighbour, id, { action: 'deliver' })
    await act(wisher, id, { action: 'close', rating: 2 })
    expect((await act(wisher, id, { action: 'reopen', note: '伞是坏的' })).statusCode).toBe(200)
    const again = await act(firm, id, { action: 'claim' })
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json().providerName).toBe('暖心科技有限公司')
    // The member no longer holds it.
    expect((await act(neighbour, id, { action: 'deliver' })).statusCode).toBe(403)
  })

  it('a firm claims without an offering, and the wall names the firm', async () => {
    const id = await postWish('想要几本儿童绘本')
    expect((await act(firm, id, { action: 'claim' })).statusCode).toBe(200)
    const item = (await wall(`area=${FENGPU}`)).json().items.find((w: { id: number }) => w.id === id)
    expect(item).toMatchObject({ state: 'claimed', claimedBy: '暖心科技有限公司' })
  })

  it("lists open wishes of the claimer's area on their desk, contact masked, and what they hold", async () => {
    const id = await postWish('想请人帮忙修一下台灯')
    const desk = await t.app.inject({ method: 'GET', url: '/api/wishes/desk', headers: neighbour.headers })
    expect(desk.statusCode, desk.body).toBe(200)
    const open = desk.json().open.find((n: { id: number }) => n.id === id)
    expect(open).toMatchObject({ contactPhone: '139****5678', state: 'submitted' })
    // The wisher's own wishes are not offered back to them.
    const own = await t.app.inject({ method: 'GET', url: '/api/wishes/desk', headers: wisher.headers })
    expect(own.json().open.map((n: { id: number }) => n.id)).not.toContain(id)
    await act(neighbour, id, { action: 'claim' })
    const after = (
      await t.app.inject({ method: 'GET', url: '/api/wishes/desk', headers: neighbour.headers })
    ).json()
    expect(after.mine.find((n: { id: number }) => n.id === id)).toMatchObject({ contactPhone: '13912345678' })
    // Staff without a member or provider grant have no desk.
    const staff = await login(t.app, 'fengpu_admin')
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/wishes/desk', headers: staff.headers })).statusCode,
    ).toBe(403)
  })

  it("counts a confirmed wish in the member claimer's participation ledger (党员积分)", async () => {
    const k = kit(t)
    const b = await k.branch(admin, { members: 1 })
    const person = b.people[0]!
    // A member of the wish's street (their branch may sit elsewhere): wishes are taken by neighbours.
    const claimer = await account('wish_ledger', { role: 'member', scopeType: 'area', scopeId: FENGPU })
    const link = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'wish_ledger')
      .executeTakeFirstOrThrow()
    await t.ctx.db
      .insertInto('account_person_link')
      .values({ account_id: link.id, person_id: person.id })
      .execute()
    const points = async () =>
      (await k.ok(claimer, 'GET', '/api/orglife/me')).points.bySource.find(
        (s: { source: string }) => s.source === 'wish',
      )
    const id = await postWish('想要一盏护眼台灯')
    await act(claimer, id, { action: 'claim' })
    await act(claimer, id, { action: 'deliver' })
    // Delivered is not yet confirmed: nothing counts until the wisher says so.
    expect((await points())?.count ?? 0).toBe(0)
    expect((await act(wisher, id, { action: 'close', rating: 5 })).statusCode).toBe(200)
    expect(await points()).toMatchObject({ source: 'wish', count: 1, points: 2 })
  })

  it('the demo has wishes on the walls of 奉浦 and 虹梅, some claimed, some confirmed', async () => {
    const hongmei = (await wall('area=310104012')).json()
    expect(hongmei.counts).toEqual({ open: 1, claimed: 0, delivered: 1, confirmed: 1 })
    // A member took two of them in person: the wall names nobody.
    expect(hongmei.items.every((w: { claimedBy: string | null }) => w.claimedBy === null)).toBe(true)
    const fengpu = (await wall(`area=${FENGPU}`)).json()
    const demo = fengpu.items.filter((w: { description: string }) =>
      ['想给上初中的孩子找一套数学辅导书', '想要一盏护眼台灯，给晚上写作业的孩子'].includes(w.description),
    )
    expect(demo.map((w: { state: string }) => w.state).sort()).toEqual(['confirmed', 'open'])
    expect(fengpu.items.some((w: { claimedBy: string | null }) => w.claimedBy !== null)).toBe(true)
  })

  it('keeps rejected wishes and other needs off the wall', async () => {
    const other = await postWish('not a wish', { categoryCode: 'community.elderly' })
    const items = (await wall(`area=${FENGPU}`)).json().items as { id: number }[]
    expect(items.map((w) => w.id)).not.toContain(other)
  })
})
