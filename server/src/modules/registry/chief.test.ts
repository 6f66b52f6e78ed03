import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
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

const put = (building: number, body: object, lang = 'zh-CN') =>
  request(t.app, admin, 'PUT', `/api/buildings/${building}/chief`, body, { lang })
const chiefRow = (building: number) =>
  t.ctx.db.selectFrom('building_chief').selectAll().where('building_id', '=', building).executeTakeFirst()

describe('building chief assignments are versioned like every other edit', () => {
  it('a second office assigning a chief it did not see gets 409 and changes nothing', async () => {
    const api = registryApi(t.app, admin)
    const b = (await api.building(FENGCHENG, '奉城楼长测试楼', 12)).id
    const first = (await api.unit(b, '奉城楼长甲物业有限公司')).id
    const second = (await api.unit(b, '奉城楼长乙物业有限公司')).id

    // Both offices open the page with no chief; the first saves.
    const saved = await put(b, { unitId: first, version: null })
    expect(saved.status, saved.text).toBe(200)
    expect(saved.body.chief).toMatchObject({ kind: 'unit', id: first, version: 1 })
    // The second saves its own choice, still believing there is none: refused, the first choice stands.
    const stale = await put(b, { unitId: second, version: null }, 'en-US')
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('version_conflict')
    expect(stale.body.message).toMatch(/changed/i)
    expect(await chiefRow(b)).toMatchObject({ unit_id: first, version: 1 })

    // With the version it now sees, the change goes through; the old version is refused from then on.
    const changed = await put(b, { unitId: second, version: 1 })
    expect(changed.body.chief).toMatchObject({ id: second, version: 2 })
    expect((await put(b, { unitId: first, version: 1 })).status).toBe(409)
    expect(await chiefRow(b)).toMatchObject({ unit_id: second, version: 2 })

    // Removal names the version too.
    const staleRemove = await request(t.app, admin, 'DELETE', `/api/buildings/${b}/chief?version=1`)
    expect(staleRemove.status).toBe(409)
    expect(await chiefRow(b)).toBeTruthy()
    const removed = await request(t.app, admin, 'DELETE', `/api/buildings/${b}/chief?version=2`)
    expect(removed.status, removed.text).toBe(200)
    expect(removed.body.chief).toBeNull()
    expect(await chiefRow(b)).toBeUndefined()
  })

  it('a version is required: a body without one is refused before anything is written', async () => {
    const api = registryApi(t.app, admin)
    const b = (await api.building(FENGCHENG, '奉城楼长测试二号楼', 9)).id
    const unit = (await api.unit(b, '奉城楼长丙物业有限公司')).id
    const res = await put(b, { unitId: unit })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    expect(await chiefRow(b)).toBeUndefined()
  })
})
