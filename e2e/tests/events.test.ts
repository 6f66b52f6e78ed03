import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { DEMO_PASSWORD, fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
const FENGPU = '310120002'
const TITLE = '党课：学习贯彻全会精神（E2E）'
let browser: Browser
let eventId: number
let staff: Awaited<ReturnType<typeof apiSession>>

const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)

async function apiSession(username: string) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`)
  const me = (await login.json()) as { csrfToken: string }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' } }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseURL}${path}`, {
    method,
    headers: staff.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** The street office schedules a lecture that starts in ten minutes: check-in is already open. */
async function scheduleLecture(title: string, capacity = 30) {
  const start = Date.now() + 10 * 60_000
  const created = await call<{ first: { id: number } }>('POST', '/api/events', {
    kind: 'lecture',
    theme: 'policy',
    title,
    areaCode: FENGPU,
    location: '奉浦大厦 3楼会议室',
    capacity,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 90 * 60_000).toISOString(),
  })
  return created.first.id
}

beforeAll(async () => {
  browser = await launchBrowser()
  staff = await apiSession('fengpu_admin')
  eventId = await scheduleLecture(TITLE)
})

afterAll(async () => {
  await browser?.close()
})

describe('events: register → QR check-in → participation', () => {
  test('a member registers on the phone, the organiser enters the code, attendance shows in the coverage', async () => {
    // 1. member_demo (a member working in 奉浦大厦) registers on a phone and gets the check-in code.
    const phone = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    let code: string
    try {
      await logIn(phone.page, 'member_demo')
      await phone.page.goto('/events')
      await phone.page.getByTestId(`event-card-${eventId}`).waitFor()
      await phone.page.getByTestId(`event-card-${eventId}`).click()
      await waitForText(phone.page.getByTestId('event-title'), TITLE)
      await phone.page.getByTestId('register').click()
      await waitForText(phone.page.getByTestId('my-status'), '已报名')
      // The QR's content is its image's text alternative; the organiser's scanner would read it.
      code = (await phone.page.getByTestId('my-qr').getAttribute('alt'))?.trim() ?? ''
      expect(code).toMatch(/^TX1\.R\./)
      const { scrollWidth, innerWidth } = await fitsViewport(phone.page)
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
      expect(phone.pageErrors).toEqual([])
    } finally {
      await phone.context.close()
    }

    // 2. The organiser opens the scanner and, the camera being unavailable here, types the code.
    const desk = await newPage(browser, baseURL)
    try {
      await logIn(desk.page, 'fengpu_admin')
      const today = shanghaiDay(Date.now())
      const tomorrow = shanghaiDay(Date.now() + 86_400_000)
      const coverage = `/participation?area=${FENGPU}&from=${today}&to=${tomorrow}&kind=lecture`
      await desk.page.goto(coverage)
      await desk.page.getByTestId('reached').waitFor()
      const shown = await desk.page
        .getByTestId('reached')
        .locator('.ant-statistic-content-value')
        .textContent()
      const before = Number((shown ?? '').replace(/\D/g, ''))

      await desk.page.goto(`/events/${eventId}/scan`)
      await desk.page.getByTestId('manual-code').fill(code)
      await desk.page.getByTestId('manual-submit').click()
      await waitForText(desk.page.getByTestId('scan-results'), '入场成功')
      // The same code again is a replay: refused as already inside, nothing counted twice.
      await desk.page.getByTestId('manual-code').fill(code)
      await desk.page.getByTestId('manual-submit').click()
      await waitForText(desk.page.getByTestId('scan-results'), '已签到入场')

      // 3. The coverage page counts the member as reached.
      await desk.page.goto(coverage)
      await waitForText(desk.page.getByTestId('reached'), String(before + 1))
      expect(desk.pageErrors).toEqual([])
    } finally {
      await desk.context.close()
    }
  })
})

const statistic = (page: Page, id: string) =>
  page.getByTestId(id).locator('.ant-statistic-content-value').first()

describe('events: check-in without a scanner', () => {
  test('the organiser finds a registrant by name at the desk and checks them in with one tap; the counter follows', async () => {
    const deskEvent = await scheduleLecture('读书会：社区治理（签到台 E2E）', 20)
    // Three members of the street, registered by the organiser (as at a sign-up sheet).
    const people = await call<{ items: Array<{ id: number; name: string }> }>(
      'GET',
      '/api/people?members=true&limit=50',
    )
    const names = new Set<string>()
    const chosen = people.items.filter((p) => {
      // Names that do not contain one another, so a search for one finds only that one.
      if ([...names].some((n) => n.includes(p.name) || p.name.includes(n)) || names.size >= 3) return false
      names.add(p.name)
      return true
    })
    expect(chosen).toHaveLength(3)
    for (const p of chosen) {
      await call('POST', `/api/events/${deskEvent}/registrations`, { personId: p.id })
    }
    const target = chosen[1]!

    const desk = await newPage(browser, baseURL)
    try {
      await logIn(desk.page, 'fengpu_admin')
      await desk.page.goto(`/events/${deskEvent}`)
      // The organiser's first action on their event is managing it, not registering.
      await desk.page.getByTestId('organiser-tools').waitFor()
      expect(await desk.page.getByTestId('register').getAttribute('class')).not.toContain('ant-btn-primary')
      // The organiser edits the event in the page: more places.
      await desk.page.getByTestId('edit-event').click()
      await desk.page
        .getByTestId('edit-capacity')
        .locator('input')
        .or(desk.page.locator('input[data-testid="edit-capacity"]'))
        .first()
        .fill('25')
      await desk.page.getByTestId('edit-submit').click()
      await desk.page.waitForURL((url) => url.pathname === `/events/${deskEvent}`)
      await desk.page.getByTestId('open-desk').click()
      await desk.page.getByTestId('checkin-counter').waitFor()
      await waitForText(statistic(desk.page, 'count-registered'), '3')
      await waitForText(statistic(desk.page, 'count-capacity'), '25')
      await waitForText(statistic(desk.page, 'count-checked-in'), '0')

      await desk.page.getByTestId('desk-search').fill(target.name)
      const rows = desk.page.getByTestId('desk-list').locator('[data-testid^="desk-row-"]')
      await desk.page.waitForFunction((name) => {
        const found = [...document.querySelectorAll('[data-testid^="desk-row-"]')]
        return found.length === 1 && found[0]!.textContent?.includes(name)
      }, target.name)
      const rowId = (await rows.first().getAttribute('data-testid'))!.replace('desk-row-', '')
      await desk.page.getByTestId(`desk-tap-${rowId}`).click()
      await waitForText(statistic(desk.page, 'count-checked-in'), '1')
      // The same row now offers the way out, and says the person is inside.
      await waitForText(desk.page.getByTestId(`desk-tap-${rowId}`), /签\s?退/)
      await waitForText(desk.page.getByTestId(`desk-row-${rowId}`), '已签到')

      // A name nobody registered with says what to do instead of an empty table.
      await desk.page.getByTestId('desk-search').fill('查无此人')
      await waitForText(desk.page.getByTestId('desk-empty'), '没有找到“查无此人”')

      // The list exports as a workbook.
      const exported = await desk.page.request.get(`/api/events/${deskEvent}/registrations/export`)
      expect(exported.status()).toBe(200)
      expect(exported.headers()['content-type']).toContain('spreadsheet')
      expect(desk.pageErrors).toEqual([])
    } finally {
      await desk.context.close()
    }
  })

  test('a registrant types the short venue code on the phone; slips get a sentence in either language', async () => {
    const codeEvent = await scheduleLecture('主题党日：红色寻访（签到码 E2E）')
    const { code } = await call<{ code: string }>('GET', `/api/events/${codeEvent}/door-code`)
    expect(code).toMatch(/^[2-9A-Z]{8}$/)
    // Well formed, but not this event's code: one character changed.
    const wrong = (code[0] === 'K' ? 'M' : 'K') + code.slice(1)

    const phone = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    try {
      await logIn(phone.page, 'member_demo')
      await phone.page.goto(`/events/${codeEvent}`)
      await phone.page.getByTestId('register').click()
      await waitForText(phone.page.getByTestId('my-status'), '已报名')
      const input = phone.page.getByTestId('door-code-input')
      const problem = phone.page.getByTestId('door-code-problem')

      await input.fill('K7M4')
      await phone.page.getByTestId('door-code-submit').click()
      await waitForText(problem, '签到码是 8 位')
      await input.fill(wrong)
      await phone.page.getByTestId('door-code-submit').click()
      await waitForText(problem, '签到码不对')
      expect(await problem.textContent()).not.toMatch(/body|must NOT|请求内容不符合要求/)
      const { scrollWidth, innerWidth } = await fitsViewport(phone.page)
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)

      await phone.page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
      await phone.page.reload()
      await phone.page.getByTestId('door-code-input').fill('O0-1')
      await phone.page.getByTestId('door-code-submit').click()
      await waitForText(problem, 'A check-in code has 8 characters')
      await phone.page.getByTestId('door-code-input').fill(wrong)
      await phone.page.getByTestId('door-code-submit').click()
      await waitForText(problem, 'That is not the check-in code')
      expect(await problem.textContent()).not.toMatch(/body|must NOT/)

      // Read out as two groups of four and typed in lower case: still the code.
      await phone.page
        .getByTestId('door-code-input')
        .fill(`${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase())
      await phone.page.getByTestId('door-code-submit').click()
      await waitForText(phone.page.getByTestId('my-status'), 'Attended')
      expect(await phone.page.getByTestId('door-code-input').count()).toBe(0)
      expect(phone.pageErrors).toEqual([])
    } finally {
      await phone.context.close()
    }
    const board = await call<{ counts: { checkedIn: number } }>('GET', `/api/events/${codeEvent}/checkin`)
    expect(board.counts.checkedIn).toBe(1)
  })
})
