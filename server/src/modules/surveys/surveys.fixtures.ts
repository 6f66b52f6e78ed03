import { expect } from 'vitest'
import type { TestApp } from '../../../test/helpers.ts'

// What the survey API test files share: one questionnaire, the five hand-counted respondents and the
// calls that answer and count. Each test file still starts its own app (and database) and creates its own
// surveys, so no file depends on another's state.

export const FENGPU = '310120002'
export const DAY = 86_400_000

export const questions = [
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

export function surveyBody(now: Date, extra: Record<string, unknown> = {}) {
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

// Five respondents; every figure in surveys.reports.test.ts is counted by hand from these.
export const FIVE = [
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

/** The public answering calls, bound to the test file's app (read when called: it starts in beforeAll). */
export function surveyCalls(app: () => TestApp) {
  /** Answers through the public route; a fresh device unless a cookie is given. Returns status, body, cookie. */
  async function answer(slug: string, answers: Record<string, unknown>, cookie?: string) {
    const res = await app().app.inject({
      method: 'POST',
      url: `/api/public/surveys/${slug}/responses`,
      headers: cookie ? { cookie } : {},
      payload: { answers },
    })
    const set = res.cookies.find((c) => c.name === 'tx_survey_device')
    return {
      status: res.statusCode,
      body: res.json(),
      cookie: set ? `tx_survey_device=${set.value}` : cookie,
    }
  }

  async function responseCount(id: number) {
    const r = await app()
      .ctx.db.selectFrom('survey_response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', id)
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  /** Stores the five respondents in order, each from a fresh device: what the analysis figures count. */
  async function answerFive(slug: string) {
    for (const a of FIVE) {
      const res = await answer(slug, a)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
  }

  return { answer, responseCount, answerFive }
}
