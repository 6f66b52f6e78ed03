import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { chooseOption, DEMO_PASSWORD, fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

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

describe('coordinating a point (desktop)', () => {
  test('a weekly series is previewed then created at once; finished sign-ups are approved together', async () => {
    // The point with the most finished sign-ups awaiting verification (the demo leaves the last days open).
    const mine = await call<Array<{ id: number; name: string }>>(
      coordinator,
      'GET',
      '/api/volunteers/points?mine=true',
    )
    let best = { point: mine[0]!, open: 0 }
    for (const p of mine) {
      const rows = await call<Array<{ minutes: number | null; verifiedAt: string | null }>>(
        coordinator,
        'GET',
        `/api/volunteers/points/${p.id}/signups?unverified=true`,
      )
      const open = rows.filter((r) => r.minutes !== null && r.verifiedAt === null).length
      if (open > best.open) best = { point: p, open }
    }
    expect(best.open).toBeGreaterThan(0)
    const ticked = Math.min(2, best.open)

    const { context, page, pageErrors } = await newPage(browser, baseURL, { width: 1280, height: 900 })
    try {
      await logIn(page, 'coordinator_demo')
      await page.goto('/volunteer-coordination')
      await chooseOption(page, page.getByTestId('coord-point'), best.point.name)
      await page.getByTestId('shift-mode').getByText('每周重复').click()
      await page.getByTestId('series-start').fill('18:00')
      await page.getByTestId('series-end').fill('19:30')
      await chooseOption(page, page.getByTestId('shift-role'))
      // Monday, Wednesday and Friday (the default) for 4 weeks from tomorrow: 12 evenings.
      await page.getByTestId('shift-submit').click()
      await waitForText(page.getByTestId('series-preview'), '将创建以下 12 个班次')
      await page.getByTestId('series-create').click()
      await waitForText(page.locator('.ant-message'), '已创建 12 个班次')
      await page.getByTestId('series-preview').waitFor({ state: 'detached' })

      // Hours awaiting verification: the ticked rows are approved as recorded in one go.
      const boxes = page.locator('.ant-table-row .ant-checkbox-input:not([disabled])')
      await boxes.nth(best.open - 1).waitFor()
      for (let i = 0; i < ticked; i++) await boxes.nth(i).check()
      await waitForText(page.getByTestId('batch-approve'), `（${ticked}）`)
      await page.getByTestId('batch-approve').click()
      await waitForText(page.locator('.ant-message'), `已处理 ${ticked} 条`)
      await page.waitForFunction(
        (n) => document.querySelectorAll('.ant-table-row .ant-checkbox-input:not([disabled])').length === n,
        best.open - ticked,
      )
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
