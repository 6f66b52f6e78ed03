import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { DAY, FENGPU, FIVE, surveyBody, surveyCalls } from './surveys.fixtures.ts'

// Survey API, part 3: identified surveys (login, audience, masking and audit in the raw export), a survey
// closing, and a party organisation's own survey. The closing test moves the clock forward and the last one
// moves it back, so they stay together and in this order.

let t: TestApp
let fengpu: Session
let nanqiao: Session
let member: Session
const { answer, responseCount, answerFive } = surveyCalls(() => t)

let anon: { id: number; slug: string; version: number }

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
  // The closing test checks that the five stored responses stay five.
  await answerFive(anon.slug)
})
afterAll(() => t.close())

describe('identified surveys', () => {
  let ident: { id: number; slug: string }
  beforeAll(async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/surveys',
      headers: fengpu.headers,
      payload: surveyBody(t.clock.now(), { anonymous: false, title: '实名调查（测试）' }),
    })
    expect(res.statusCode, res.body).toBe(201)
    ident = res.json()
  })

  it('needs a login, one response per person, inside the audience', async () => {
    const pub = await answer(ident.slug, FIVE[0]!)
    expect(pub.status).toBe(401)
    expect(pub.body.code).toBe('survey_login_required')
    const form = await t.app.inject({ method: 'GET', url: `/api/public/surveys/${ident.slug}` })
    expect(form.json()).toMatchObject({ loginRequired: true, questions: [] })
    const outside = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/answer/${ident.slug}`,
      headers: nanqiao.headers,
      payload: { answers: FIVE[0] },
    })
    expect(outside.statusCode).toBe(403)
    expect(outside.json().code).toBe('survey_not_in_audience')
    const twice = await Promise.all(
      [0, 1].map(() =>
        t.app.inject({
          method: 'POST',
          url: `/api/surveys/answer/${ident.slug}`,
          headers: member.headers,
          payload: { answers: FIVE[2] },
        }),
      ),
    )
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409])
    expect(await responseCount(ident.id)).toBe(1)
    // The respondent's area comes from the registry (their grant), so the cross-tab names the street.
    const x = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${ident.id}/crosstab?question=needs&by=area`,
      headers: fengpu.headers,
    })
    expect(x.json().rows).toEqual([
      { key: FENGPU, label: '奉浦街道', respondents: 1, counts: [1, 0, 1, 1], shares: [1, 0, 1, 1] },
    ])
  })

  it('masks respondents in the raw export unless the caller may see them, and audits an unmasked one', async () => {
    const raw = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${ident.id}/export/raw`,
      headers: fengpu.headers,
    })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer)
    expect(wb.getWorksheet('答卷')!.getRow(2).getCell(3).value).toBe('王小青')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'survey.export_raw_unmasked')
      .execute()
    expect(audit.length).toBe(1)
  })

  it('refuses answers once the survey is closed, and stores nothing', async () => {
    t.clock.advance(8 * DAY)
    member = await login(t.app, 'member_demo')
    const res = await answer(anon.slug, FIVE[0]!)
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('survey_not_open')
    expect(res.body.message).toContain('已截止')
    expect(await responseCount(anon.id)).toBe(5)
  })
})

describe('surveys of a party organisation', () => {
  it('lets its secretary answer and analyse it, with respondents masked in the raw export', async () => {
    t.clock.advance(-8 * DAY)
    const admin = await login(t.app, 'admin')
    fengpu = await login(t.app, 'fengpu_admin')
    const org = await t.ctx.db
      .selectFrom('party_org')
      .select('id')
      .where('name', '=', '中共奉浦街道楼宇联合总支部委员会')
      .executeTakeFirstOrThrow()
    const acc = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: admin.headers,
      payload: {
        username: 'org_survey_secretary',
        displayName: '李书记',
        password: 'secretary-password',
        grants: [{ role: 'secretary', scopeType: 'party_org', scopeId: String(org.id) }],
      },
    })
    expect(acc.statusCode, acc.body).toBe(201)
    const sec = await login(t.app, 'org_survey_secretary', 'secretary-password')
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/surveys',
      headers: sec.headers,
      payload: surveyBody(t.clock.now(), {
        anonymous: false,
        title: '支部党员需求',
        audience: { kind: 'orgs', ids: [org.id] },
      }),
    })
    expect(created.statusCode, created.body).toBe(201)
    const s = created.json()
    const ans = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/answer/${s.slug}`,
      headers: sec.headers,
      payload: { answers: FIVE[4] },
    })
    expect(ans.statusCode, ans.body).toBe(201)
    const notMember = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/answer/${s.slug}`,
      headers: member.headers,
      payload: { answers: FIVE[4] },
    })
    expect(notMember.json().code).toBe('survey_not_in_audience')
    const read = async (who: Session) => {
      const raw = await t.app.inject({
        method: 'GET',
        url: `/api/surveys/${s.id}/export/raw`,
        headers: who.headers,
      })
      expect(raw.statusCode).toBe(200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer)
      return wb.getWorksheet('答卷')!.getRow(2).getCell(3).value
    }
    expect(await read(sec)).toBe('李**')
    expect(await read(fengpu)).toBe('李书记')
    // Another street's staff do not see it at all.
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${s.id}`,
      headers: await login(t.app, 'nanqiao_admin').then((x) => x.headers),
    })
    expect(other.statusCode).toBe(404)
  })
})
