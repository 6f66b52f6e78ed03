import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { idNumberWithCheck } from '../../lib/ids.ts'

/**
 * Personal data and scope for every demo role. Four people with a phone and an ID number are registered
 * where the roles' grants differ: in 奉浦街道, in the chief's building (南桥镇), in the secretary's joint
 * branch (凤创谷, 南桥镇) and in 闵行区 (outside 奉贤区).
 */
export const MINHANG_XINZHUANG = '310112101'
export type Place = 'fengpu' | 'chief' | 'secretary' | 'minhang'
export const PLACES: Place[] = ['fengpu', 'chief', 'secretary', 'minhang']

// One app per test file (each file is its own module instance): set by startMaskingApp.
let t: TestApp
let admin: Session
export const sessions: Record<string, Session> = {}
export const buildings = {} as Record<Exclude<Place, 'secretary'>, number>
export const units = {} as Record<Place, number>
export const orgs = {} as Record<Place, number>
export const people = {} as Record<Place, { id: number; phone: string; idNumber: string }>

const idByName = async (table: 'building' | 'party_org', name: string) =>
  (await t.ctx.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

/** The app with the four places' people registered; `committee` is the secretary's committee. */
export async function startMaskingApp(): Promise<{ t: TestApp; admin: Session; committee: number }> {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  for (const u of [
    'fengxian_admin',
    'fengpu_admin',
    'chief_demo',
    'secretary_demo',
    'provider_demo',
    'member_demo',
  ])
    sessions[u] = await login(t.app, u)
  sessions.admin = admin
  const api = registryApi(t.app, admin)
  buildings.fengpu = await idByName('building', '奉浦大厦')
  buildings.chief = await idByName('building', '绿地翡翠国际广场')
  buildings.minhang = (await api.building(MINHANG_XINZHUANG, '莘庄掩码测试楼', 12)).id
  orgs.fengpu = await idByName('party_org', '中共奉浦街道商务楼宇综合委员会')
  orgs.chief = await idByName('party_org', '中共南桥镇商务楼宇综合委员会')
  orgs.secretary = await idByName('party_org', '中共凤创谷第一联合支部委员会')
  orgs.minhang = (await api.org('中共莘庄掩码测试支部委员会', 'branch', MINHANG_XINZHUANG)).id
  const committee = await idByName('party_org', '中共上海市工业综合开发区委员会')
  units.fengpu = (await api.unit(buildings.fengpu, '奉浦掩码测试有限公司')).id
  units.chief = (await api.unit(buildings.chief, '翡翠掩码测试有限公司')).id
  units.minhang = (await api.unit(buildings.minhang, '莘庄掩码测试有限公司')).id
  units.secretary = (
    await t.ctx.db
      .selectFrom('party_org_coverage')
      .select('unit_id')
      .where('party_org_id', '=', orgs.secretary)
      .orderBy('unit_id')
      .executeTakeFirstOrThrow()
  ).unit_id!
  const names: Record<Place, string> = {
    fengpu: '掩码甲',
    chief: '掩码乙',
    secretary: '掩码丙',
    minhang: '掩码丁',
  }
  let n = 0
  for (const place of PLACES) {
    n++
    const phone = `1391234567${n}`
    const idNumber = idNumberWithCheck(`310120196103${String(10 + n)}91${n}`)
    const p = await api.send('POST', '/api/people', {
      name: names[place],
      phone,
      idNumber,
      unitId: units[place],
      membership: { partyOrgId: orgs[place], status: 'formal' },
    })
    people[place] = { id: p.id, phone, idNumber }
  }
  return { t, admin, committee }
}

export const get = (url: string, s: Session) => t.app.inject({ url, headers: s.headers })
export const piiReads = async (username: string) =>
  (
    await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_ids'])
      .where('action', '=', 'pii.read')
      .where('username', '=', username)
      .orderBy('id')
      .execute()
  ).map((r) => `${r.entity}:${r.entity_ids.join(',')}`)
export const maskedPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`
// The last two characters only: neither the place of birth nor the 后四位 (see id-oracle.test.ts).
export const maskedId = (id: string) => `${'*'.repeat(16)}${id.slice(-2)}`
export const birthDateOf = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`

export type Seen = 'full' | 'masked' | 'denied'
/** What each staff role gets for the person registered at each place, worked out from its grant. */
export const PERSON_DETAIL: Record<string, Record<Place, Seen>> = {
  admin: { fengpu: 'full', chief: 'full', secretary: 'full', minhang: 'full' },
  // district_admin of 奉贤区: everything in 奉贤区 in full, 闵行区 not at all.
  fengxian_admin: { fengpu: 'full', chief: 'full', secretary: 'full', minhang: 'denied' },
  // street_admin of 奉浦街道
  fengpu_admin: { fengpu: 'full', chief: 'denied', secretary: 'denied', minhang: 'denied' },
  // building_chief of 绿地翡翠国际广场: no person.pii, so masked even in their own building.
  chief_demo: { fengpu: 'denied', chief: 'masked', secretary: 'denied', minhang: 'denied' },
  // secretary of the 开发区 committee: the joint branch below it, in full.
  secretary_demo: { fengpu: 'denied', chief: 'denied', secretary: 'full', minhang: 'denied' },
}
