import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { idNumberWithCheck } from '../../lib/ids.ts'
import { kindBook, upload } from '../imports/test-kit.ts'

/**
 * The ID-number rebuilding attack, played for every demo role through the API.
 *
 * An attacker learns what the system shows of a person (birth date or year, gender, the masked ID number)
 * and counts the 18-character numbers consistent with it: a district code of the city (from the area
 * table: a strong prior, the person may be born anywhere in China), a birth date, a 3-digit sequence whose
 * last digit is odd for men, and the GB 11643 check character. Then they look for an oracle: a write that
 * answers differently for a number registered somewhere (POST or PUT of a person, a members import dry run)
 * than for one that is not. A role that sees a number in full holds person.pii there and needs no attack.
 * For every other person, the role must be left with at least 1,000 candidates, or with no oracle.
 */
const ROLES = [
  'admin',
  'fengxian_admin',
  'fengpu_admin',
  'nanqiao_admin',
  'hongmei_admin',
  'chief_demo',
  'secretary_demo',
  'provider_demo',
  'member_demo',
  // Not a demo account: a chief of 绿地翡翠国际广场 who is also the 开发区 secretary, so it sees people of the
  // building masked while holding person.pii (and so the duplicate answer) through the organisation.
  'chief_and_secretary',
] as const
type Role = (typeof ROLES)[number]
type Place = 'chief' | 'secretary' | 'fengpu' | 'hongmei'
const PLACES: Place[] = ['chief', 'secretary', 'fengpu', 'hongmei']
const ENOUGH = 1_000
const CAP = 1_000_000

let t: TestApp
const sessions = {} as Record<Role, Session>
let districts: string[] = []
const units = {} as Record<Place, number>
const orgs = {} as Record<Place | 'committee', { id: number; name: string }>
const victims = {} as Record<Place, { id: number; name: string; idNumber: string }>

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** What a role learned of one person: every field it was shown, from the list and from the detail. */
interface View {
  idNumber: string | null
  birthDate: string | null
  birthYear: number | null
  gender: string | null
}

function* days(from: number, to: number) {
  for (let d = new Date(Date.UTC(from, 0, 1)); d.getUTCFullYear() <= to; d.setUTCDate(d.getUTCDate() + 1))
    yield d.toISOString().slice(0, 10).replaceAll('-', '')
}

/** The ID numbers consistent with a view, counted up to CAP. */
function candidates(view: View | null): number {
  const shown = view?.idNumber ?? '*'.repeat(18)
  const known = (i: number) => (shown.length === 18 && shown[i] !== '*' ? shown[i]! : null)
  const fits = (text: string, at: number) =>
    [...text].every((c, i) => known(at + i) === null || known(at + i) === c)
  const year = view?.birthDate ? Number(view.birthDate.slice(0, 4)) : view?.birthYear
  const dates = view?.birthDate
    ? [view.birthDate.replaceAll('-', '')]
    : year
      ? days(year, year)
      : days(1900, 2010)
  const codes = districts.filter((d) => fits(d, 0))
  let n = 0
  for (const date of dates) {
    if (!fits(date, 6)) continue
    for (const code of codes) {
      const head = code + date
      let sum = 0
      for (let i = 0; i < 14; i++) sum += Number(head[i]) * ID_WEIGHTS[i]!
      for (let seq = 0; seq < 1000; seq++) {
        const s = String(seq).padStart(3, '0')
        if (!fits(s, 14)) continue
        if (view?.gender === 'male' && seq % 2 === 0) continue
        if (view?.gender === 'female' && seq % 2 === 1) continue
        const check = ID_CHECK[(sum + Number(s[0]) * 8 + Number(s[1]) * 4 + Number(s[2]) * 2) % 11]!
        if (known(17) !== null && known(17) !== check) continue
        if (++n >= CAP) return n
      }
    }
  }
  return n
}

/** Everything the role is shown of a person: the list row (found by name) and the detail, merged. */
async function viewOf(role: Role, victim: { id: number; name: string }): Promise<View | null> {
  const s = sessions[role]
  const shown: Array<Partial<View>> = []
  const list = await t.app.inject({
    url: `/api/people?q=${encodeURIComponent(victim.name)}`,
    headers: s.headers,
  })
  if (list.statusCode === 200)
    shown.push(
      ...(list.json().items as Array<Partial<View> & { id: number }>).filter((p) => p.id === victim.id),
    )
  const one = await t.app.inject({ url: `/api/people/${victim.id}`, headers: s.headers })
  if (one.statusCode === 200) shown.push(one.json())
  if (shown.length === 0) return null
  const pick = <K extends keyof View>(k: K) => (shown.find((v) => v[k] != null)?.[k] ?? null) as View[K]
  // The least masked ID number shown (fewest asterisks).
  const ids = shown.map((v) => v.idNumber).filter((x): x is string => typeof x === 'string')
  ids.sort((a, b) => a.split('*').length - b.split('*').length)
  return {
    idNumber: ids[0] ?? null,
    birthDate: pick('birthDate'),
    birthYear: pick('birthYear'),
    gender: pick('gender'),
  }
}

let fresh = 0
/** A valid number with the victim's birth date that no one holds (a wrong guess). */
const wrongGuess = (idNumber: string) =>
  idNumberWithCheck(`${idNumber.slice(0, 14)}${String(500 + ++fresh).padStart(3, '0')}`)

/** Where each role may register a person: a unit of theirs, or (a secretary) their committee. */
const placement = (role: Role) => {
  if (role === 'secretary_demo' || role === 'chief_and_secretary')
    return { membership: { partyOrgId: orgs.committee.id, status: 'formal' } }
  const place: Place =
    role === 'chief_demo' || role === 'nanqiao_admin'
      ? 'chief'
      : role === 'hongmei_admin'
        ? 'hongmei'
        : 'fengpu'
  return { unitId: units[place] }
}
const importOrg = (role: Role) =>
  role === 'nanqiao_admin' ? orgs.chief : role === 'hongmei_admin' ? orgs.hongmei : orgs.fengpu

const signature = (res: {
  statusCode: number
  json(): { code?: string; status?: string; errors?: unknown }
}) => {
  const body = res.json()
  return JSON.stringify([res.statusCode, body.code ?? null, body.status ?? null, body.errors ?? null])
}

/** Does any write answer differently for the victim's real number than for a wrong guess? */
async function oracle(role: Role, idNumber: string, probe: number): Promise<string[]> {
  const s = sessions[role]
  const found: string[] = []
  const post = (n: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: s.headers,
      payload: { name: '探测', idNumber: n, ...placement(role) },
    })
  const [real, wrong] = [await post(idNumber), await post(wrongGuess(idNumber))]
  if (signature(real) !== signature(wrong)) found.push(`POST ${real.statusCode}/${wrong.statusCode}`)

  const put = async (n: string) => {
    const version = (
      await t.ctx.db.selectFrom('person').select('version').where('id', '=', probe).executeTakeFirstOrThrow()
    ).version
    return t.app.inject({
      method: 'PUT',
      url: `/api/people/${probe}`,
      headers: s.headers,
      payload: { name: '探测', idNumber: n, ...placement(role), version },
    })
  }
  const [realPut, wrongPut] = [await put(idNumber), await put(wrongGuess(idNumber))]
  if (signature(realPut) !== signature(wrongPut))
    found.push(`PUT ${realPut.statusCode}/${wrongPut.statusCode}`)

  const dry = async (n: string) =>
    upload(
      t,
      s,
      'members',
      await kindBook('members', [
        { name: '探测', idNumber: n, org: importOrg(role).name, status: '正式党员' },
      ]),
    )
  const [realDry, wrongDry] = [await dry(idNumber), await dry(wrongGuess(idNumber))]
  if (signature(realDry) !== signature(wrongDry))
    found.push(`import ${realDry.statusCode}/${wrongDry.statusCode}`)
  return found
}

beforeAll(async () => {
  t = await startTestApp()
  const db = t.ctx.db
  const admin = await login(t.app, 'admin')
  const both = await t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: admin.headers,
    payload: {
      username: 'chief_and_secretary',
      displayName: '楼长兼书记',
      password: 'long-enough-password',
      grants: [
        {
          role: 'building_chief',
          scopeType: 'building',
          scopeId: String(
            (
              await db
                .selectFrom('building')
                .select('id')
                .where('name', '=', '绿地翡翠国际广场')
                .executeTakeFirstOrThrow()
            ).id,
          ),
        },
        {
          role: 'secretary',
          scopeType: 'party_org',
          scopeId: String(
            (
              await db
                .selectFrom('party_org')
                .select('id')
                .where('name', '=', '中共上海市工业综合开发区委员会')
                .executeTakeFirstOrThrow()
            ).id,
          ),
        },
      ],
    },
  })
  expect(both.statusCode, both.body).toBe(201)
  for (const r of ROLES)
    sessions[r] =
      r === 'chief_and_secretary' ? await login(t.app, r, 'long-enough-password') : await login(t.app, r)
  districts = (
    await db.selectFrom('area').select('code').where('level', '=', 'district').orderBy('code').execute()
  ).map((a) => a.code)
  const unitIn = async (building: string) =>
    (
      await db
        .selectFrom('unit')
        .innerJoin('building', 'building.id', 'unit.building_id')
        .select('unit.id')
        .where('building.name', '=', building)
        .where('unit.deleted_at', 'is', null)
        .orderBy('unit.id')
        .executeTakeFirstOrThrow()
    ).id
  const orgNamed = async (name: string) =>
    db.selectFrom('party_org').select(['id', 'name']).where('name', '=', name).executeTakeFirstOrThrow()
  units.chief = await unitIn('绿地翡翠国际广场')
  units.fengpu = await unitIn('奉浦大厦')
  units.hongmei = (
    await db
      .selectFrom('unit')
      .select('id')
      .where('area_code', 'like', '310104012%')
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id
  orgs.committee = await orgNamed('中共上海市工业综合开发区委员会')
  orgs.secretary = await orgNamed('中共凤创谷第一联合支部委员会')
  orgs.chief = await orgNamed('中共南桥镇商务楼宇综合委员会')
  orgs.fengpu = await orgNamed('中共奉浦街道商务楼宇综合委员会')
  orgs.hongmei = await db
    .selectFrom('party_org')
    .select(['id', 'name'])
    .where('area_code', 'like', '310104012%')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow()

  const at: Record<Place, object> = {
    chief: { unitId: units.chief },
    secretary: { membership: { partyOrgId: orgs.secretary.id, status: 'formal' } },
    fengpu: { unitId: units.fengpu },
    hongmei: { unitId: units.hongmei },
  }
  const first17: Record<Place, string> = {
    chief: '31012019870615067',
    secretary: '31012019910302145',
    fengpu: '31012019830909212',
    hongmei: '31010419951124338',
  }
  for (const place of PLACES) {
    const idNumber = idNumberWithCheck(first17[place])
    const name = `重建测试${place}`
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: sessions.admin.headers,
      payload: { name, idNumber, phone: '13912340000', ...at[place] },
    })
    expect(res.statusCode, res.body).toBe(201)
    victims[place] = { id: res.json().id, name, idNumber }
  }
})
afterAll(() => t.close())

describe('rebuilding an ID number from what a role is shown', () => {
  it.each(ROLES)(
    '%s: every person it may not see in full leaves ≥ 1,000 candidates or no oracle',
    async (role) => {
      // A person of the role's own place to probe PUT with (registered by the admin).
      const probe = await t.app.inject({
        method: 'POST',
        url: '/api/people',
        headers: sessions.admin.headers,
        payload: { name: `探测对象${role}`, ...placement(role) },
      })
      expect(probe.statusCode, probe.body).toBe(201)
      const lines: string[] = []
      const weak: string[] = []
      for (const place of PLACES) {
        const victim = victims[place]
        const view = await viewOf(role, victim)
        if (view?.idNumber === victim.idNumber) {
          lines.push(`${place}: shown in full (person.pii)`)
          continue
        }
        const count = candidates(view)
        const channels = await oracle(role, victim.idNumber, probe.json().id)
        const shown = view
          ? `${view.idNumber ?? '-'} ${view.birthDate ?? view.birthYear ?? '-'} ${view.gender ?? '-'}`
          : 'nothing'
        lines.push(
          `${place}: shown ${shown} → ${count >= CAP ? `≥${CAP}` : count} candidates; oracle: ${channels.join(', ') || 'none'}`,
        )
        if (count < ENOUGH && channels.length > 0) weak.push(place)
      }
      console.log(`[id-oracle] ${role}\n  ${lines.join('\n  ')}`)
      expect(weak, lines.join('\n')).toEqual([])
    },
  )
})
