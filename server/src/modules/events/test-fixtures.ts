import { expect } from 'vitest'
import { login, type Session, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { insertAccount } from '../accounts/bootstrap.ts'

// Shared by the events module's test files only.

export const FENGPU = '310120002'
export const HOUR = 3_600_000
const PASSWORD = 'events-test-pw'

/** A building in 奉浦 with one firm, a branch and `n` members: the registry made through its API. */
export async function memberFixture(t: TestApp, admin: Session, label: string, n: number) {
  const api = registryApi(t.app, admin)
  const building = await api.building(FENGPU, `${label}大厦`, 12)
  const unit = await api.unit(building.id, `${label}科技有限公司`)
  const org = await api.org(`中共${label}科技有限公司支部`, 'branch', FENGPU)
  const people: number[] = []
  for (let i = 0; i < n; i++) people.push((await api.member(unit.id, org.id)).id)
  return { buildingId: building.id as number, unitId: unit.id as number, orgId: org.id as number, people }
}

/** A member's phone account linked to their person record, signed in. */
export async function memberAccount(t: TestApp, username: string, personId: number | null): Promise<Session> {
  const accountId = await insertAccount(t.ctx.db, {
    username,
    displayName: username,
    password: PASSWORD,
    grants: [{ role: 'member', scopeType: 'area', scopeId: FENGPU, areaCode: FENGPU }],
  })
  if (personId !== null) {
    await t.ctx.db
      .insertInto('account_person_link')
      .values({ account_id: accountId, person_id: personId })
      .execute()
  }
  return login(t.app, username, PASSWORD)
}

function parse(text: string) {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function api(t: TestApp) {
  return async (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await t.app.inject({ method, url, headers: s.headers, payload: payload as object })
    // biome-ignore lint/suspicious/noExplicitAny: test bodies are read field by field.
    return { status: res.statusCode, body: (res.body ? parse(res.body) : null) as any, raw: res }
  }
}

/** Creates an event (or a series) and returns the answer's body. */
export async function createEvent(t: TestApp, s: Session, input: Record<string, unknown>) {
  const res = await api(t)(s, 'POST', '/api/events', {
    kind: 'lecture',
    theme: 'policy',
    title: '党课：新质生产力',
    areaCode: FENGPU,
    capacity: 10,
    ...input,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { ids: number[]; first: { id: number; version: number } }
}

export const iso = (ms: number) => new Date(ms).toISOString()
