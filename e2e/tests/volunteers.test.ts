import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { DEMO_PASSWORD, fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

/** Signs in through the API and returns a cookie + CSRF pair for scripted set-up calls. */
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

async function call<T>(s: { headers: Record<string, string> }, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseURL}${path}`, {
    method,
    headers: s.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

let coordinator: Awaited<ReturnType<typeof apiSession>>
let point: { id: number; name: string }
let shiftId: number

beforeAll(async () => {
  browser = await launchBrowser()
  // coordinator_demo (db/demo/volunteers.ts) schedules a painting shift at one of their points starting in
  // ten minutes — inside the check-in window, and clear of the demo's lunchtime shifts for volunteer_demo.
  coordinator = await apiSession('coordinator_demo')
  const mine = await call<Array<{ id: number; name: string }>>(
    coordinator,
    'GET',
    '/api/volunteers/points?mine=true',
  )
  point = mine[0]!
  const roles = await call<Array<{ id: number; code: string }>>(coordinator, 'GET', '/api/volunteers/roles')
  const painter = roles.find((r) => r.code === 'painter')!.id
  const start = Date.now() + 10 * 60_000
  const shift = await call<{ id: number }>(coordinator, 'POST', '/api/volunteers/shifts', {
    pointId: point.id,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 60 * 60_000).toISOString(),
    note: 'E2E 环保彩绘',
    needs: [{ roleId: painter, needed: 1 }],
  })
  shiftId = shift.id
})

afterAll(async () => {
  await browser?.close()
})

describe('volunteers on a phone (390×844)', () => {
  test('sign up for a shift, see it in my shifts, check in with the point’s code', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'volunteer_demo')
      await page.goto('/volunteer-shifts')
      const card = page.locator(`[data-testid="shift-card"][data-shift="${shiftId}"]`)
      await card.waitFor()
      await waitForText(card, point.name)
      const { scrollWidth, innerWidth } = await fitsViewport(page)
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
      await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes(`/api/volunteers/shifts/${shiftId}/signups`) && r.status() === 201,
        ),
        card.getByTestId('sign-up').click(),
      ])
      await card.getByTestId('cancel-signup').waitFor()

      await page.goto('/my-volunteering')
      const myShift = page.getByTestId('my-shift').filter({ hasText: point.name })
      await myShift.first().waitFor()
      const fits = await fitsViewport(page)
      expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
      // My own code opens as a QR image.
      await myShift.first().getByTestId('show-my-qr').click()
      await page.getByTestId('qr-image').waitFor()
      await page.keyboard.press('Escape')

      // The point's screen shows a rotating code; the phone's camera is stood in for by pasting it.
      const qr = await call<{ token: string }>(
        coordinator,
        'GET',
        `/api/volunteers/points/${point.id}/qr-token`,
      )
      const input = page.getByTestId('scan-box').locator('input:not([type="radio"])')
      await input.fill(qr.token)
      await input.press('Enter')
      await waitForText(page.getByTestId('scan-result'), '签到成功')
      await waitForText(page.getByTestId('my-shift').filter({ hasText: point.name }).first(), '已签到')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
