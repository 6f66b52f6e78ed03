import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

// A service project's results are computed from the rows linked to it — events held, their attendance, its
// content items' plays and the responses to the surveys it cites — never typed in.

const FENGPU = '310120002'
const HOUR = 3_600_000

let t: TestApp
let fengpu: Session
let surveyId: number
/** People to register, each used once, so no one registers twice for an event. */
let people: number[] = []

beforeAll(async () => {
  t = await startTestApp()
  fengpu = await login(t.app, 'fengpu_admin')
  const now = t.clock.now().getTime()
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: fengpu.headers,
    payload: {
      areaCode: FENGPU,
      title: '成效计算测试问卷',
      anonymous: true,
      audience: { kind: 'area_residents' },
      questions: [
        {
          key: 'needs',
          type: 'single',
          title: '需要',
          required: true,
          options: [
            { key: 'a', label: '甲' },
            { key: 'b', label: '乙' },
          ],
        },
      ],
      opensAt: new Date(now - 24 * HOUR).toISOString(),
      closesAt: new Date(now + 24 * HOUR).toISOString(),
    },
  })
  expect(res.statusCode, res.body).toBe(201)
  surveyId = res.json().id
  people = (await t.ctx.db.selectFrom('person').select('id').orderBy('id').limit(60).execute()).map((p) =>
    Number(p.id),
  )
  for (let i = 0; i < 2; i++) {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${res.json().slug}/responses`,
      payload: { answers: { needs: 'a' } },
    })
    expect(r.statusCode, r.body).toBe(201)
  }
})
afterAll(() => t.close())

/** An event `hoursFromNow` hours away (negative: over), with `attended` people who came. */
async function event(
  hoursFromNow: number,
  attended: number,
  status: 'scheduled' | 'cancelled' = 'scheduled',
) {
  const starts = new Date(t.clock.now().getTime() + hoursFromNow * HOUR)
  const { id } = await t.ctx.db
    .insertInto('event')
    .values({
      kind: 'activity',
      theme: 'health',
      title: `成效测试活动 ${hoursFromNow}`,
      area_code: FENGPU,
      starts_at: starts,
      ends_at: new Date(starts.getTime() + HOUR),
      capacity: 50,
      audience: 'all',
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await attend(id, attended)
  return Number(id)
}

async function attend(eventId: number, n: number, status = 'attended') {
  for (let i = 0; i < n; i++) {
    await t.ctx.db
      .insertInto('event_registration')
      .values({
        event_id: eventId,
        person_id: people.shift()!,
        name: `参加者${i}`,
        status,
        registered_at: new Date(t.clock.now().getTime() - 48 * HOUR),
        attended_at: status === 'attended' ? t.clock.now() : null,
      })
      .execute()
  }
}

const body = (name: string, eventIds: number[]) => ({
  areaCode: FENGPU,
  name,
  description: '',
  findings: [{ surveyId, questionKey: 'needs', optionKey: 'a' }],
  offeringIds: [],
  eventIds,
})

async function create(name: string, eventIds: number[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/service-projects',
    headers: fengpu.headers,
    payload: body(name, eventIds),
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as number
}

const totals = async (id: number) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/service-projects/${id}`,
    headers: fengpu.headers,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().totals
}
const listed = async (id: number) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/service-projects', headers: fengpu.headers })
  return res.json().items.find((p: { id: number }) => p.id === id)
}

describe('computed project results', () => {
  it('counts held events, their attendance, plays and responses; other projects and future events do not count', async () => {
    const held = await event(-48, 3)
    // Registered and no-show people did not take part.
    await attend(held, 2, 'no_show')
    await attend(held, 1, 'registered')
    const coming = await event(48, 0)
    await attend(coming, 4, 'registered')
    const cancelled = await event(-24, 0, 'cancelled')
    const elsewhere = await event(-72, 5)
    const id = await create('成效计算项目', [held, coming, cancelled])
    const other = await create('别的项目', [elsewhere])

    expect(await totals(id)).toMatchObject({ eventsHeld: 1, participants: 3, plays: 0, responses: 2 })
    expect(await listed(id)).toMatchObject({ eventsHeld: 1, participants: 3 })

    // Someone else comes to the held event: the figure moves; attendance in another project does not.
    await attend(held, 1)
    await attend(elsewhere, 2)
    expect(await totals(id)).toMatchObject({ eventsHeld: 1, participants: 4 })
    expect(await totals(other)).toMatchObject({ eventsHeld: 1, participants: 7 })

    // Linking another event that took place adds it and its attendance.
    const version = (
      await t.app.inject({ method: 'GET', url: `/api/service-projects/${id}`, headers: fengpu.headers })
    ).json().version
    const more = await event(-5, 6)
    const upd = await t.app.inject({
      method: 'PUT',
      url: `/api/service-projects/${id}`,
      headers: fengpu.headers,
      payload: { ...body('成效计算项目', [held, coming, cancelled, more]), version },
    })
    expect(upd.statusCode, upd.body).toBe(200)
    expect(await totals(id)).toMatchObject({ eventsHeld: 2, participants: 10 })

    // A play of one of its content items counts as soon as it is played.
    const slug = 'resultsplay01'
    await t.ctx.db
      .insertInto('qr_content')
      .values({ slug, area_code: FENGPU, project_id: id, kind: 'text', title: '测试内容', body: '正文' })
      .execute()
    const play = await t.app.inject({ method: 'POST', url: `/api/public/qr/${slug}/plays` })
    expect(play.statusCode, play.body).toBe(200)
    expect(await totals(id)).toMatchObject({ plays: 1 })
    expect(await totals(other)).toMatchObject({ plays: 0, responses: 2 })
  })

  it('no longer accepts typed participant counts on a session', async () => {
    const id = await create('评分项目', [])
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/service-projects/${id}/results`,
      headers: fengpu.headers,
      payload: { heldOn: '2026-03-01', title: '第一讲', participants: 160, ratingAvg: 4.5, ratingCount: 20 },
    })
    expect(res.statusCode).toBe(400)
    expect(await totals(id)).toMatchObject({ eventsHeld: 0, participants: 0 })
  })
})
