import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../../test/helpers.ts'
import { newUscc } from '../../../test/registry-fixtures.ts'
import {
  birthDateOf,
  buildings,
  get,
  maskedId,
  maskedPhone,
  orgs,
  PERSON_DETAIL,
  PLACES,
  type Place,
  people,
  piiReads,
  sessions,
  startMaskingApp,
  units,
} from './masking.fixtures.ts'

// Personal data and scope for every demo role over the four places of masking.fixtures.ts: what each
// role reads and reaches.

let t: TestApp
beforeAll(async () => {
  ;({ t } = await startMaskingApp())
})
afterAll(() => t.close())

describe('personal data per role: GET /api/people/:id', () => {
  it.each(Object.keys(PERSON_DETAIL))('%s gets each person in full, masked or refused', async (username) => {
    const s = sessions[username]!
    for (const place of PLACES) {
      const expected = PERSON_DETAIL[username]![place]
      const before = await piiReads(username)
      const res = await get(`/api/people/${people[place].id}`, s)
      const after = await piiReads(username)
      if (expected === 'denied') {
        expect(res.statusCode, `${username} → ${place}`).toBe(403)
        expect(res.json().code).toBe('forbidden_scope')
        expect(after).toEqual(before)
        continue
      }
      expect(res.statusCode, `${username} → ${place}: ${res.body}`).toBe(200)
      const body = res.json()
      if (expected === 'full') {
        expect(body).toMatchObject({
          masked: false,
          phone: people[place].phone,
          idNumber: people[place].idNumber,
          birthDate: birthDateOf(people[place].idNumber),
          birthYear: 1961,
        })
        // Exactly one pii.read row for this person, in the reader's name.
        expect(after).toEqual([...before, `person:${people[place].id}`])
      } else {
        // The birth year only: with the date, the masked number left about three candidates.
        expect(body).toMatchObject({
          masked: true,
          phone: maskedPhone(people[place].phone),
          idNumber: maskedId(people[place].idNumber),
          birthDate: null,
          birthYear: 1961,
        })
        expect(after).toEqual(before)
      }
    }
  })

  it.each(['provider_demo', 'member_demo'])(
    '%s holds no registry permission: refused everywhere, nothing read',
    async (username) => {
      const s = sessions[username]!
      for (const place of PLACES) {
        const res = await get(`/api/people/${people[place].id}`, s)
        expect(res.statusCode).toBe(403)
        expect(res.json().code).toBe('forbidden')
      }
      const list = await get('/api/people?q=掩码', s)
      expect(list.statusCode).toBe(403)
      expect(list.json().code).toBe('forbidden')
      expect(await piiReads(username)).toEqual([])
    },
  )
})

describe('personal data per role: GET /api/people', () => {
  it.each(Object.keys(PERSON_DETAIL))(
    '%s lists exactly the people in scope, every one masked, and no pii.read is written',
    async (username) => {
      const s = sessions[username]!
      const before = await piiReads(username)
      const res = await get(`/api/people?q=${encodeURIComponent('掩码')}&limit=200`, s)
      expect(res.statusCode, res.body).toBe(200)
      const items = res.json().items as Array<{
        id: number
        phone: string
        idNumber: string
        birthDate: string | null
        birthYear: number | null
      }>
      const visible = PLACES.filter((p) => PERSON_DETAIL[username]![p] !== 'denied')
      expect(items.map((i) => i.id).sort()).toEqual(visible.map((p) => people[p].id).sort())
      for (const place of visible) {
        const row = items.find((i) => i.id === people[place].id)!
        expect(row.phone).toBe(maskedPhone(people[place].phone))
        expect(row.idNumber).toBe(maskedId(people[place].idNumber))
        expect(row).toMatchObject({ birthDate: null, birthYear: 1961 })
      }
      expect(await piiReads(username)).toEqual(before)
    },
  )
})

describe('scope of buildings, units and organisations per role', () => {
  const ok = 200
  const no = 403
  const cases: Array<[string, Record<string, Partial<Record<Place, number>>>]> = [
    [
      'admin',
      {
        building: { fengpu: ok, chief: ok, minhang: ok },
        unit: { fengpu: ok, chief: ok, secretary: ok, minhang: ok },
        org: { fengpu: ok, chief: ok, secretary: ok, minhang: ok },
      },
    ],
    [
      'fengxian_admin',
      {
        building: { fengpu: ok, chief: ok, minhang: no },
        unit: { fengpu: ok, chief: ok, secretary: ok, minhang: no },
        org: { fengpu: ok, chief: ok, secretary: ok, minhang: no },
      },
    ],
    [
      'fengpu_admin',
      {
        building: { fengpu: ok, chief: no, minhang: no },
        unit: { fengpu: ok, chief: no, secretary: no, minhang: no },
        org: { fengpu: ok, chief: no, secretary: no, minhang: no },
      },
    ],
    [
      'chief_demo',
      {
        building: { fengpu: no, chief: ok, minhang: no },
        unit: { fengpu: no, chief: ok, secretary: no, minhang: no },
        org: { fengpu: no, secretary: no, minhang: no },
      },
    ],
    [
      'secretary_demo',
      {
        building: { fengpu: no, chief: no, minhang: no },
        unit: { fengpu: no, chief: no, secretary: ok, minhang: no },
        org: { fengpu: no, chief: no, secretary: ok, minhang: no },
      },
    ],
  ]
  it.each(cases)('%s opens what is theirs and gets forbidden_scope elsewhere', async (username, table) => {
    const s = sessions[username]!
    const url = { building: '/api/buildings', unit: '/api/units', org: '/api/party-orgs' }
    const ids = { building: buildings, unit: units, org: orgs } as Record<
      string,
      Partial<Record<Place, number>>
    >
    for (const [kind, expected] of Object.entries(table)) {
      for (const [place, status] of Object.entries(expected)) {
        const res = await get(`${url[kind as keyof typeof url]}/${ids[kind]![place as Place]}`, s)
        expect(res.statusCode, `${username} ${kind} ${place}: ${res.body}`).toBe(status)
        if (status === no) expect(res.json().code).toBe('forbidden_scope')
      }
    }
  })

  it('a street admin cannot register a unit or a person in another street', async () => {
    const fengpu = sessions.fengpu_admin!
    const unit = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: fengpu.headers,
      payload: { uscc: newUscc(), name: '越界公司', kind: 'private', buildingId: buildings.chief },
    })
    expect(unit.statusCode).toBe(403)
    expect(unit.json().code).toBe('forbidden_scope')
    const person = await t.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: fengpu.headers,
      payload: { name: '越界人员', unitId: units.chief },
    })
    expect(person.json().code).toBe('forbidden_scope')
    expect(await t.ctx.db.selectFrom('person').select('id').where('name', '=', '越界人员').execute()).toEqual(
      [],
    )
  })
})
