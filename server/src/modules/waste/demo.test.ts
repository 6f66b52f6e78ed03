import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

let t: TestApp
let chief: Session
let siicId: number

beforeAll(async () => {
  t = await startTestApp()
  chief = await login(t.app, 'siic_chief')
  siicId = (
    await t.ctx.db
      .selectFrom('building')
      .select('id')
      .where('name', '=', '上海实业大厦')
      .executeTakeFirstOrThrow()
  ).id
})
afterAll(() => t.close())

describe('waste demo (上实大厦)', () => {
  it('has two patrol routes over floors 3–38 with three months of noon patrols and every floor at 4★ or more', async () => {
    const routes = (
      await t.app.inject({ method: 'GET', url: '/api/waste/routes', headers: chief.headers })
    ).json()
    expect(routes.map((r: { name: string }) => r.name)).toEqual(['午间巡查·低区', '午间巡查·高区'])
    const stars = (
      await t.app.inject({
        method: 'GET',
        url: `/api/waste/buildings/${siicId}/stars`,
        headers: chief.headers,
      })
    ).json()
    expect(stars.floors).toHaveLength(36)
    for (const f of stars.floors) {
      expect(f.patrols).toBeGreaterThan(55)
      expect(f.stars, `floor ${f.floor}`).toBeGreaterThanOrEqual(4)
    }
    expect(stars.demonstration).not.toBeNull()
  })
})
