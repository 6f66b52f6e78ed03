import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

const FENGPU = '310120002'
const DAY = 86_400_000

let t: TestApp
let fengpu: Session
let nanqiao: Session
let member: Session

const questions = [
  {
    key: 'age',
    type: 'single',
    title: '您的年龄',
    required: true,
    attribute: 'age_band',
    options: [
      { key: 'under_25', label: '25岁以下' },
      { key: '25_34', label: '25–34岁' },
      { key: '35_44', label: '35–44岁' },
    ],
  },
  {
    key: 'needs',
    type: 'multiple',
    title: '您需要哪些服务',
    required: true,
    options: [
      { key: 'fitness', label: '健身' },
      { key: 'health', label: '养生' },
      { key: 'parenting', label: '亲子' },
      { key: 'culture', label: '文化' },
    ],
  },
  {
    key: 'kids',
    type: 'single',
    title: '孩子多大',
    required: true,
    showIf: { question: 'needs', anyOf: ['parenting'] },
    options: [
      { key: 'kid', label: '12岁以下' },
      { key: 'teen', label: '12岁以上' },
    ],
  },
  { key: 'sat', type: 'rating', title: '对现有服务的满意度', required: true, scale: 5 },
  {
    key: 'rank',
    type: 'ranking',
    title: '时间偏好排序',
    required: false,
    options: [
      { key: 'noon', label: '午休' },
      { key: 'evening', label: '下班后' },
      { key: 'weekend', label: '周末' },
    ],
  },
  { key: 'hours', type: 'number', title: '每周可参加几小时', required: false, min: 0, max: 40 },
  { key: 'ideas', type: 'text', title: '其他建议', required: false },
]

function surveyBody(now: Date, extra: Record<string, unknown> = {}) {
  return {
    areaCode: FENGPU,
    title: '白领需求调查（测试）',
    anonymous: true,
    audience: { kind: 'area_workers' },
    questions,
    opensAt: new Date(now.getTime() - 3_600_000).toISOString(),
    closesAt: new Date(now.getTime() + 7 * DAY).toISOString(),
    ...extra,
  }
}

/** Answers through the public route; a fresh device unless a cookie is given. Returns status, body, cookie. */
async function answer(slug: string, answers: Record<string, unknown>, cookie?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${slug}/responses`,
    headers: cookie ? { cookie } : {},
    payload: { answers },
  })
  const set = res.cookies.find((c) => c.name === 'tx_survey_device')
  return { status: res.statusCode, body: res.json(), cookie: set ? `tx_survey_device=${set.value}` : cookie }
}

async function responseCount(id: number) {
  const r = await t.ctx.db
    .selectFrom('survey_response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', id)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

// Five respondents; every figure below is counted by hand from these.
const FIVE = [
  {
    age: 'under_25',
    needs: ['fitness', 'health'],
    sat: 4,
    ideas: '希望开设瑜伽课和中医养生讲座',
    rank: ['evening', 'noon', 'weekend'],
  },
  { age: 'under_25', needs: ['parenting'], kids: 'kid', sat: 5, ideas: '周末亲子活动，带孩子参加', hours: 4 },
  {
    age: '25_34',
    needs: ['fitness', 'parenting', 'culture'],
    kids: 'teen',
    sat: 3,
    ideas: '瑜伽和书法',
    hours: 2,
  },
  { age: '25_34', needs: ['health'], sat: 2, rank: ['noon', 'evening', 'weekend'] },
  { age: '35_44', needs: ['fitness'], sat: 5, ideas: '下班后想练瑜伽' },
]

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

describe('analysis (hand-counted from the five responses)', () => {
  it('counts multiple choice per respondent, not per tick', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/analysis`,
      headers: fengpu.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    const a = res.json()
    expect(a.respondents).toBe(5)
    const q = (k: string) => a.questions.find((x: { key: string }) => x.key === k)
    // 8 ticks by 5 respondents: fitness 3/5 (not 3/8), health 2/5, parenting 2/5, culture 1/5.
    expect(q('needs').options.map((o: { count: number; share: number }) => [o.count, o.share])).toEqual([
      [3, 0.6],
      [2, 0.4],
      [2, 0.4],
      [1, 0.2],
    ])
    expect(q('age').options.map((o: { count: number }) => o.count)).toEqual([2, 2, 1])
    expect(q('kids').answered).toBe(2)
    expect(q('kids').options.map((o: { share: number }) => o.share)).toEqual([0.5, 0.5])
    expect(q('sat').average).toBe(3.8)
    expect(q('sat').distribution).toEqual([0, 1, 1, 1, 2])
    expect(q('hours').average).toBe(3)
    expect(q('rank').meanRank.map((m: { mean: number }) => m.mean)).toEqual([1.5, 1.5, 3])
  })

  it('cross-tabulates multiple choice by age band', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/crosstab?question=needs&by=age_band`,
      headers: fengpu.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    const x = res.json()
    expect(x.columns.map((c: { key: string }) => c.key)).toEqual([
      'fitness',
      'health',
      'parenting',
      'culture',
    ])
    expect(
      x.rows.map(
        (r: { key: string; label: string; respondents: number; counts: number[]; shares: number[] }) => [
          r.key,
          r.label,
          r.respondents,
          r.counts,
          r.shares,
        ],
      ),
    ).toEqual([
      ['25_34', '25–34岁', 2, [1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]],
      ['35_44', '35–44岁', 1, [1, 0, 0, 0], [1, 0, 0, 0]],
      ['under_25', '25岁以下', 2, [1, 1, 1, 0], [0.5, 0.5, 0.5, 0]],
    ])
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/crosstab?question=ideas&by=age_band`,
      headers: fengpu.headers,
    })
    expect(bad.json().code).toBe('survey_question_not_analysable')
  })

  it('finds free-text themes by word segmentation, with the answers behind them', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/themes?question=ideas`,
      headers: fengpu.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    const th = res.json()
    expect(th.answered).toBe(4)
    expect(th.terms[0]).toEqual({
      term: '瑜伽',
      count: 3,
      answers: ['希望开设瑜伽课和中医养生讲座', '瑜伽和书法', '下班后想练瑜伽'],
    })
    const terms = th.terms.map((x: { term: string }) => x.term)
    expect(terms).toContain('书法')
    expect(terms).not.toContain('希望')
    expect(terms).not.toContain('和')
  })

  it('exports the report and the raw answers to Excel', async () => {
    const rep = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/export/report`,
      headers: fengpu.headers,
    })
    expect(rep.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(rep.rawPayload as unknown as ArrayBuffer)
    const rows = wb.getWorksheet('统计')!.getSheetValues().filter(Boolean) as unknown[][]
    expect(rows.some((r) => r.includes('健身') && r.includes(3) && r.includes(0.6))).toBe(true)
    const raw = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${anon.id}/export/raw`,
      headers: fengpu.headers,
    })
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(raw.rawPayload as unknown as ArrayBuffer)
    const sheet = wb2.getWorksheet('答卷')!
    expect(sheet.rowCount).toBe(6)
    expect(sheet.getRow(2).getCell(3).value).toBe('匿名')
    expect(sheet.getRow(2).getCell(10).value).toBe('健身；养生')
  })
})

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
    expect(wb.getWorksheet('答卷')!.getRow(2).getCell(3).value).toBe('王小青（党员）')
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
        username: 'branch_secretary',
        displayName: '李书记',
        password: 'secretary-password',
        grants: [{ role: 'secretary', scopeType: 'party_org', scopeId: String(org.id) }],
      },
    })
    expect(acc.statusCode, acc.body).toBe(201)
    const sec = await login(t.app, 'branch_secretary', 'secretary-password')
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
