import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../test/helpers.ts'

/**
 * A scoped caller asking for an id outside their places must not learn whether it exists: a missing record
 * and another street's record get the same answer. Only a city-wide caller is told "not found".
 */
let t: TestApp
let fengpu: Session
let admin: Session
const other = {} as Record<'buildings' | 'units' | 'party-orgs', number>

beforeAll(async () => {
  t = await startTestApp()
  fengpu = await login(t.app, 'fengpu_admin')
  admin = await login(t.app, 'admin')
  const db = t.ctx.db
  // Records in 虹梅路街道, outside 奉浦.
  const inHongmei = (table: 'building' | 'unit' | 'party_org') =>
    db
      .selectFrom(table)
      .select('id')
      .where('area_code', '=', '310104012')
      .orderBy('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id)
  other.buildings = await inHongmei('building')
  other.units = await inHongmei('unit')
  other['party-orgs'] = await inHongmei('party_org')
})
afterAll(() => t.close())

describe('ids cannot be probed across scope', () => {
  for (const kind of ['buildings', 'units', 'party-orgs'] as const) {
    it(`${kind}: a missing id is refused like another street’s, and only the city hears "not found"`, async () => {
      const get = async (s: Session, id: number) => {
        const res = await request(t.app, s, 'GET', `/api/${kind}/${id}`)
        return [res.status, res.body.code]
      }
      const outside = await get(fengpu, other[kind])
      expect(outside).toEqual([403, 'forbidden_scope'])
      expect(await get(fengpu, 987_654_321)).toEqual(outside)
      expect(await get(admin, 987_654_321)).toEqual([404, 'not_found'])
    })
  }
})
