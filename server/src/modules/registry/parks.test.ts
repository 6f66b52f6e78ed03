import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

// 奉城镇 has no demo data.
const FENGCHENG = '310120102'

let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

/** The language these tests read answers in unless one says otherwise. */
const zhCN = { lang: 'zh-CN' }

describe('parks are edited like every registry row', () => {
  it('rename with the version read; a stale save is 409 and keeps the newer name; history keeps both', async () => {
    const api = registryApi(t.app, admin)
    const { id } = await api.send('POST', '/api/parks', { areaCode: FENGCHENG, name: '奉城测试园区' })
    const read = await client(t.app, admin, zhCN).send('GET', `/api/parks/${id}`)
    expect(read.body).toMatchObject({
      id,
      version: 1,
      name: '奉城测试园区',
      areaCode: FENGCHENG,
      buildingCount: 0,
    })

    const renamed = await client(t.app, admin, zhCN).send('PUT', `/api/parks/${id}`, {
      areaCode: FENGCHENG,
      name: '奉城智造园',
      version: 1,
    })
    expect(renamed.status, renamed.text).toBe(200)
    expect(renamed.body).toMatchObject({ name: '奉城智造园', version: 2 })
    const stale = await client(t.app, admin, zhCN).send('PUT', `/api/parks/${id}`, {
      areaCode: FENGCHENG,
      name: '旧名字',
      version: 1,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('version_conflict')
    expect((await client(t.app, admin, zhCN).send('GET', `/api/parks/${id}`)).body.name).toBe('奉城智造园')

    const history = (await client(t.app, admin, zhCN).send('GET', `/api/parks/${id}/history`)).body
    expect(history.map((h: { op: string }) => h.op)).toEqual(['update', 'create'])
    expect(history[0].before).toMatchObject({ name: '奉城测试园区' })
  })

  it('refuses a second park of the same name in the street, and a park that still holds buildings', async () => {
    const api = registryApi(t.app, admin)
    const a = (await api.send('POST', '/api/parks', { areaCode: FENGCHENG, name: '奉城甲园' })).id
    const b = (await api.send('POST', '/api/parks', { areaCode: FENGCHENG, name: '奉城乙园' })).id
    const twin = await client(t.app, admin, zhCN).send('PUT', `/api/parks/${b}`, {
      areaCode: FENGCHENG,
      name: '奉城甲园',
      version: 1,
    })
    expect(twin.status).toBe(409)
    expect(twin.body.code).toBe('already_exists')

    const building = await api.building(FENGCHENG, '奉城甲园一号楼', 8, { parkId: a })
    const full = await client(t.app, admin, { lang: 'en-US' }).send(
      'DELETE',
      `/api/parks/${a}?version=1`,
      undefined,
    )
    expect(full.status).toBe(409)
    expect(full.body).toEqual({
      code: 'park_not_empty',
      message: 'This park still holds 1 buildings; move them out of the park before deleting it',
    })
    expect((await client(t.app, admin, zhCN).send('GET', `/api/parks/${a}`)).status).toBe(200)

    await api.send('DELETE', `/api/buildings/${building.id}?version=${building.version}`)
    const gone = await client(t.app, admin, zhCN).send('DELETE', `/api/parks/${a}?version=1`)
    expect(gone.status, gone.text).toBe(200)
    expect((await client(t.app, admin, zhCN).send('GET', `/api/parks/${a}`)).status).toBe(404)
    const listed = (await client(t.app, admin, zhCN).send('GET', `/api/parks?area=${FENGCHENG}`)).body.items
    expect(listed.map((p: { id: number }) => p.id)).not.toContain(a)
  })

  it('a street admin edits the parks of their street only', async () => {
    const api = registryApi(t.app, admin)
    const { id } = await api.send('POST', '/api/parks', { areaCode: FENGCHENG, name: '奉城丙园' })
    const fengpu = await login(t.app, 'fengpu_admin')
    const outside = await client(t.app, fengpu, zhCN).send('PUT', `/api/parks/${id}`, {
      areaCode: FENGCHENG,
      name: '改名',
      version: 1,
    })
    expect(outside.status).toBe(403)
    expect((await client(t.app, fengpu, zhCN).send('GET', `/api/parks/${id}`)).status).toBe(403)
    // Nor may they move a park of theirs into another street.
    const own = (
      await registryApi(t.app, fengpu).send('POST', '/api/parks', {
        areaCode: '310120002',
        name: '奉浦测试园',
      })
    ).id
    const moved = await client(t.app, fengpu, zhCN).send('PUT', `/api/parks/${own}`, {
      areaCode: FENGCHENG,
      name: '奉浦测试园',
      version: 1,
    })
    expect(moved.status).toBe(403)
    expect((await client(t.app, admin, zhCN).send('GET', `/api/parks/${own}`)).body.areaCode).toBe(
      '310120002',
    )
  })
})
