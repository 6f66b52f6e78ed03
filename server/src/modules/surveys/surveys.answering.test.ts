import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { FIVE, questions, surveyBody, surveyCalls } from './surveys.fixtures.ts'

// Survey API, part 1: what a questionnaire may contain, who may create one, and how answers are taken or
// refused. Reports are in surveys.reports.test.ts, identified surveys in surveys.identified.test.ts.

let t: TestApp
let fengpu: Session
let nanqiao: Session
let member: Session
const { answer, responseCount } = surveyCalls(() => t)

let anon: { id: number; slug: string; version: number }
let firstCookie: string

beforeAll(async () => {
  t = await startTestApp()
  fengpu = await login(t.app, 'fengpu_admin')
  nanqiao = await login(t.app, 'nanqiao_admin')
  member = await login(t.app, 'member_demo')
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: fengpu.headers,
    payload: surveyBody(t.clock.now()),
  })
  expect(res.statusCode, res.body).toBe(201)
  anon = res.json()
})
afterAll(() => t.close())

describe('questionnaire validation', () => {
  it('refuses branching on a later or a missing question, and stores nothing', async () => {
    const before = await t.ctx.db.selectFrom('survey').select('id').execute()
    const later = structuredClone(questions)
    later[1] = { ...later[1]!, showIf: { question: 'kids', anyOf: ['kid'] } } as (typeof later)[number]
    const missing = structuredClone(questions)
    missing[2] = { ...missing[2]!, showIf: { question: 'nope', anyOf: ['x'] } } as (typeof missing)[number]
    const badOption = structuredClone(questions)
    badOption[2] = {
      ...badOption[2]!,
      showIf: { question: 'needs', anyOf: ['sleep'] },
    } as (typeof badOption)[number]
    const onRating = structuredClone(questions)
    onRating[4] = { ...onRating[4]!, showIf: { question: 'sat', anyOf: ['5'] } } as (typeof onRating)[number]
    for (const qs of [later, missing, badOption, onRating]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/surveys',
        headers: fengpu.headers,
        payload: surveyBody(t.clock.now(), { questions: qs }),
      })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().code).toBe('survey_branch_invalid')
    }
    const dupKey = [...questions, { ...questions[3]! }]
    const oneOption = [
      { key: 'x', type: 'single', title: 'x', required: true, options: [{ key: 'a', label: 'a' }] },
    ]
    for (const qs of [dupKey, oneOption]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/surveys',
        headers: fengpu.headers,
        payload: surveyBody(t.clock.now(), { questions: qs }),
      })
      expect(res.json().code).toBe('survey_question_invalid')
    }
    const after = await t.ctx.db.selectFrom('survey').select('id').execute()
    expect(after.length).toBe(before.length)
  })

  it('keeps staff inside their scope', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/surveys',
      headers: nanqiao.headers,
      payload: surveyBody(t.clock.now()),
    })
    expect(res.statusCode).toBe(403)
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}`,
      headers: nanqiao.headers,
    })
    expect(get.statusCode).toBe(404)
    const list = await t.app.inject({ method: 'GET', url: '/api/surveys', headers: nanqiao.headers })
    expect(list.json().items.map((s: { id: number }) => s.id)).not.toContain(anon.id)
  })
})

describe('answering', () => {
  it('refuses answers that do not fit, and stores nothing', async () => {
    const ok = FIVE[0]!
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ok, kids: 'kid' }, 'survey_answer_hidden'],
      [{ ...ok, sat: undefined }, 'survey_answer_required'],
      [{ ...ok, needs: [] }, 'survey_answer_required'],
      [{ ...ok, needs: ['sleep'] }, 'survey_answer_invalid'],
      [{ ...ok, needs: ['fitness', 'fitness'] }, 'survey_answer_invalid'],
      [{ ...ok, needs: 'fitness' }, 'survey_answer_invalid'],
      [{ ...ok, age: 'old' }, 'survey_answer_invalid'],
      [{ ...ok, sat: 6 }, 'survey_answer_invalid'],
      [{ ...ok, sat: 3.5 }, 'survey_answer_invalid'],
      [{ ...ok, rank: ['noon', 'evening'] }, 'survey_answer_invalid'],
      [{ ...ok, hours: 41 }, 'survey_answer_invalid'],
      [{ ...ok, hours: '4' }, 'survey_answer_invalid'],
      [{ ...ok, extra: 'x' }, 'survey_unknown_question'],
      [{ ...ok, needs: ['parenting'] }, 'survey_answer_required'],
    ]
    for (const [answers, code] of cases) {
      const res = await answer(anon.slug, JSON.parse(JSON.stringify(answers)))
      expect(res.status, `${code}: ${JSON.stringify(res.body)}`).toBe(400)
      expect(res.body.code).toBe(code)
      expect(res.body.message).not.toMatch(/\{/)
    }
    expect(await responseCount(anon.id)).toBe(0)
  })

  it('takes one response per device, even when two arrive at once', async () => {
    const first = await answer(anon.slug, FIVE[0]!)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    firstCookie = first.cookie!
    const again = await answer(anon.slug, FIVE[0]!, firstCookie)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('survey_already_answered')
    const form = await t.app.inject({
      method: 'GET',
      url: `/api/public/surveys/${anon.slug}`,
      headers: { cookie: firstCookie },
    })
    expect(form.json().answered).toBe(true)
    // The database keeps only an HMAC of the device token.
    const row = await t.ctx.db
      .selectFrom('survey_response')
      .selectAll()
      .where('survey_id', '=', anon.id)
      .executeTakeFirstOrThrow()
    expect(row.device_hash).not.toBe(firstCookie.split('=')[1])
    expect(row.account_id).toBeNull()
    // Two submissions racing from one new device: exactly one is stored.
    const token = `tx_survey_device=${'A'.repeat(43)}`
    const raced = await Promise.all([answer(anon.slug, FIVE[1]!, token), answer(anon.slug, FIVE[1]!, token)])
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409])
    for (const a of FIVE.slice(2)) expect((await answer(anon.slug, a)).status).toBe(201)
    expect(await responseCount(anon.id)).toBe(5)
    const viaAccount = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/answer/${anon.slug}`,
      headers: member.headers,
      payload: { answers: FIVE[0] },
    })
    expect(viaAccount.statusCode).toBe(400)
    expect(await responseCount(anon.id)).toBe(5)
  })

  it('freezes the questionnaire once answered, and refuses a stale version', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/surveys/${anon.id}`,
      headers: fengpu.headers,
      payload: { ...surveyBody(t.clock.now()), version: anon.version },
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('survey_has_responses')
  })
})
