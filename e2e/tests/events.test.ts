import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { DEMO_PASSWORD, fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
const FENGPU = '310120002'
const TITLE = '党课：学习贯彻全会精神（E2E）'
let browser: Browser
let eventId: number

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

beforeAll(async () => {
  browser = await launchBrowser()
  // The street office schedules a lecture that starts in ten minutes: check-in is already open.
  const staff = await apiSession('fengpu_admin')
  const start = Date.now() + 10 * 60_000
  const res = await fetch(`${baseURL}/api/events`, {
    method: 'POST',
    headers: staff.headers,
    body: JSON.stringify({
      kind: 'lecture',
      theme: 'policy',
      title: TITLE,
      areaCode: FENGPU,
      location: '奉浦大厦 3楼会议室',
      capacity: 30,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 90 * 60_000).toISOString(),
    }),
  })
  if (res.status !== 201) throw new Error(`creating the lecture: ${res.status} ${await res.text()}`)
  eventId = ((await res.json()) as { first: { id: number } }).first.id
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
      await phone.page.getByTestId('my-qr').waitFor()
      code = (await phone.page.getByTestId('my-qr-code').textContent())?.trim() ?? ''
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
