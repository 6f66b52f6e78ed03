import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

const FENGPU = '310120002'
const NANQIAO = '310120101'
let t: TestApp
let admin: Session
let fengpu: Session
const ids = {} as { a: number; b: number; social: number; provider: number; alliance: number }

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  const api = registryApi(t.app, fengpu)
  ids.a = (await api.building(FENGPU, '联盟测试甲楼', 12)).id
  ids.b = (await api.building(FENGPU, '联盟测试乙楼', 9)).id
  ids.social = (await api.unit(null, '贤韵公益服务中心', { kind: 'social_org', areaCode: FENGPU })).id
  const chiefUnit = (await api.unit(ids.a, '甲楼物业有限公司')).id
  await api.send('PUT', `/api/buildings/${ids.a}/chief`, { unitId: chiefUnit, version: null })
})
afterAll(() => t.close())

describe('alliance', () => {
  it('is formed by street staff with a lead, coordinating units and member buildings, and shows each chief', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/alliances',
      headers: fengpu.headers,
      payload: { name: '奉浦测试楼宇党建联盟', areaCode: FENGPU, foundedOn: '2018-10-01' },
    })
    expect(res.statusCode, res.body).toBe(201)
    ids.alliance = res.json().id
    const add = (payload: object, s = fengpu) =>
      t.app.inject({
        method: 'POST',
        url: `/api/alliances/${ids.alliance}/members`,
        headers: s.headers,
        payload,
      })
    expect((await add({ unitId: ids.social, role: 'lead' })).statusCode).toBe(200)
    expect((await add({ buildingId: ids.a, role: 'member' })).statusCode).toBe(200)
    expect((await add({ buildingId: ids.b, role: 'member' })).statusCode).toBe(200)
    expect((await add({ buildingId: ids.b, role: 'member' })).json().code).toBe('alliance_member_exists')
    const nanqiao = await login(t.app, 'nanqiao_admin')
    expect((await add({ buildingId: ids.a, role: 'coordinating' }, nanqiao)).json().code).toBe(
      'forbidden_scope',
    )
    const detail = (
      await t.app.inject({ url: `/api/alliances/${ids.alliance}`, headers: fengpu.headers })
    ).json()
    expect(
      detail.members.map((m: { role: string; name: string; chief: string | null }) => [
        m.role,
        m.name,
        m.chief,
      ]),
    ).toEqual([
      ['lead', '贤韵公益服务中心', null],
      ['member', '联盟测试甲楼', '甲楼物业有限公司'],
      ['member', '联盟测试乙楼', null],
    ])
    expect(detail.figures).toMatchObject({ members: 3, buildingMembers: 2, buildingsWithChief: 1 })
  })

  it('counts its three lists and refuses bad offerings', async () => {
    const offer = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/offerings', headers: fengpu.headers, payload })
    const base = {
      providerUnitId: ids.social,
      allianceId: ids.alliance,
      categoryCode: 'workers.wellbeing',
      areaCodes: [FENGPU],
    }
    expect(
      (
        await offer({
          ...base,
          list: 'service',
          name: '贤韵修身堂',
          openingHours: [{ day: 3, opens: '12:00', closes: '13:00' }],
        })
      ).statusCode,
    ).toBe(201)
    expect((await offer({ ...base, list: 'service', name: '贤韵养生堂' })).statusCode).toBe(201)
    expect(
      (await offer({ ...base, list: 'resource', name: '会议室共享', categoryCode: 'party.venue' }))
        .statusCode,
    ).toBe(201)
    expect(
      (
        await offer({
          ...base,
          list: 'activity',
          name: '贤韵亲子汇',
          categoryCode: 'community.childcare',
          eligibility: { audiences: ['workers'] },
        })
      ).statusCode,
    ).toBe(201)
    expect(
      (await offer({ ...base, list: 'service', name: '坏类别', categoryCode: 'nope' })).json().code,
    ).toBe('unknown_category')
    expect(
      (
        await offer({
          ...base,
          list: 'service',
          name: '坏时段',
          openingHours: [{ day: 1, opens: '18:00', closes: '09:00' }],
        })
      ).json().code,
    ).toBe('invalid_dates')
    expect(
      (await offer({ ...base, list: 'service', name: '坏资格', eligibility: { audiences: ['aliens'] } }))
        .statusCode,
    ).toBe(400)
    const detail = (
      await t.app.inject({ url: `/api/alliances/${ids.alliance}`, headers: fengpu.headers })
    ).json()
    expect(detail.figures.offerings).toEqual({ service: 2, resource: 1, activity: 1 })
  })

  it('is searchable as a catalogue: pinyin, list, category, area served', async () => {
    const search = async (q: string) =>
      (await t.app.inject({ url: `/api/offerings?${q}`, headers: admin.headers }))
        .json()
        .items.map((o: { name: string }) => o.name)
    expect(await search('q=xianyun')).toEqual(
      expect.arrayContaining(['贤韵修身堂', '贤韵养生堂', '贤韵亲子汇']),
    )
    expect(await search('q=xyxst')).toEqual(['贤韵修身堂'])
    expect(await search(`list=resource&alliance=${ids.alliance}`)).toEqual(['会议室共享'])
    expect(await search(`category=workers&alliance=${ids.alliance}`)).toEqual(['贤韵修身堂', '贤韵养生堂'])
    expect(await search(`area=${NANQIAO}&alliance=${ids.alliance}`)).toEqual([])
    expect((await search(`area=310120002001&alliance=${ids.alliance}`)).length).toBe(4)
  })

  it('keeps providers to their own unit and saves with the version', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: admin.headers,
      payload: {
        username: 'xianyun_provider',
        displayName: '贤韵',
        password: 'provider-password',
        grants: [{ role: 'provider', scopeType: 'unit', scopeId: String(ids.social) }],
      },
    })
    expect(created.statusCode).toBe(201)
    const provider = await login(t.app, 'xianyun_provider', 'provider-password')
    const other = (await registryApi(t.app, admin).unit(null, '别家公司', { areaCode: FENGPU })).id
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/offerings',
      headers: provider.headers,
      payload: { providerUnitId: other, list: 'service', categoryCode: 'workers.life', name: '代别人发布' },
    })
    expect(foreign.json().code).toBe('forbidden_scope')
    const mine = (
      await t.app.inject({
        url: `/api/offerings?provider=${ids.social}&list=resource`,
        headers: provider.headers,
      })
    ).json().items[0]
    const body = {
      providerUnitId: ids.social,
      list: 'resource',
      categoryCode: 'party.venue',
      name: '会议室共享（周末）',
      version: mine.version,
    }
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/offerings/${mine.id}`,
          headers: provider.headers,
          payload: body,
        })
      ).statusCode,
    ).toBe(200)
    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/offerings/${mine.id}`,
      headers: provider.headers,
      payload: body,
    })
    expect(stale.json().code).toBe('version_conflict')
  })
})

describe('HSDS export', () => {
  it('packages the lists as CSV files', async () => {
    const res = await t.app.inject({ url: '/api/exports/offerings-hsds.zip', headers: admin.headers })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    const zip = await JSZip.loadAsync(res.rawPayload)
    expect(Object.keys(zip.files).sort()).toEqual(
      [
        'eligibility.csv',
        'locations.csv',
        'organizations.csv',
        'regular_schedule.csv',
        'service_area.csv',
        'service_at_location.csv',
        'services.csv',
      ].sort(),
    )
    const services = await zip.file('services.csv')!.async('string')
    expect(services.split('\r\n')[0]).toBe(
      'id,organization_id,name,description,status,program,category,category_name,capacity,contact,last_verified',
    )
    expect(services).toContain('贤韵修身堂')
    expect(await zip.file('regular_schedule.csv')!.async('string')).toContain(',3,12:00,13:00')
  })
})
