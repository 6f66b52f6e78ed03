import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { DEMO_PASSWORD, fitsViewport, logIn, newPage, waitForPath, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep screenshots of the notification pages (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS

const NANQIAO = '310120101'
const NEED = '楼内员工需要劳动合同法律咨询（通知 E2E）'

async function apiSession(username: string) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`)
  const me = (await login.json()) as { csrfToken: string; grants: { scopeType: string; scopeId: string }[] }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { me, headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' } }
}

async function unreadCount(page: Page): Promise<number> {
  const res = await page.request.get('/api/notifications/unread-count')
  return ((await res.json()) as { count: number }).count
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

let needId: number

beforeAll(async () => {
  browser = await launchBrowser()
  // provider_demo offers legal advice in 南桥镇, where chief_demo's building stands; the chief posts a need
  // for the building and the provider takes it (both through the API: the journey is the chief's).
  const provider = await apiSession('provider_demo')
  const unit = provider.me.grants.find((g) => g.scopeType === 'unit')
  const offering = await fetch(`${baseURL}/api/offerings`, {
    method: 'POST',
    headers: provider.headers,
    body: JSON.stringify({
      providerUnitId: Number(unit?.scopeId),
      list: 'service',
      categoryCode: 'community.legal',
      name: '劳动法律咨询（通知 E2E）',
      areaCodes: [NANQIAO],
      capacityConcurrent: 10,
    }),
  })
  expect(offering.status, await offering.clone().text()).toBe(201)
  const chief = await apiSession('chief_demo')
  const building = chief.me.grants.find((g) => g.scopeType === 'building')
  const posted = await fetch(`${baseURL}/api/needs`, {
    method: 'POST',
    headers: chief.headers,
    body: JSON.stringify({
      categoryCode: 'community.legal',
      description: NEED,
      buildingId: Number(building?.scopeId),
    }),
  })
  expect(posted.status, await posted.clone().text()).toBe(201)
  needId = ((await posted.json()) as { id: number }).id
  const claim = await fetch(`${baseURL}/api/needs/${needId}/actions`, {
    method: 'POST',
    headers: provider.headers,
    body: JSON.stringify({ action: 'claim' }),
  })
  expect(claim.status, await claim.clone().text()).toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

describe('notifications', () => {
  test('a chief sees the bell count when a need in their building is claimed, and opens it from the bell', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'chief_demo')
      const before = await unreadCount(page)
      expect(before).toBeGreaterThanOrEqual(1)
      await waitForText(page.getByTestId('notify-count'), String(before))
      await shot(page, 'home-bell-390-zh')
      await page.getByTestId('notify-bell').click()
      await waitForPath(page, '/notifications')
      const notice = page.locator('[data-testid^="notice-"]').filter({ hasText: NEED }).first()
      await waitForText(notice, '需求已被接单')
      expect(await notice.getAttribute('data-unread')).toBe('true')
      const fits = await fitsViewport(page)
      expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
      await shot(page, 'inbox-390-zh')
      await notice.click()
      await waitForPath(page, `/my-needs/${needId}`)
      await waitForText(page.getByTestId('need-state'), '已接单')
      // Opening it read it: the bell counts one less.
      await page.waitForFunction(async (n) => {
        const r = await fetch('/api/notifications/unread-count')
        return ((await r.json()) as { count: number }).count === n
      }, before - 1)
      await page.goto('/notifications')
      const read = page.locator('[data-testid^="notice-"]').filter({ hasText: NEED }).first()
      await read.waitFor()
      expect(await read.getAttribute('data-unread')).toBe('false')
      // Settings fit a phone too.
      await page.getByTestId('notify-settings').click()
      await waitForPath(page, '/notifications/settings')
      // The table of kinds, loaded, must fit a phone too.
      await page.locator('[data-testid="notify-kinds"] tbody tr').nth(14).waitFor()
      const settingsFit = await fitsViewport(page)
      expect(settingsFit.scrollWidth).toBeLessThanOrEqual(settingsFit.innerWidth)
      await shot(page, 'settings-390-zh')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('staff see the channels switched off and the outbox', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, { width: 1440, height: 900 })
    try {
      await logIn(page, 'nanqiao_admin')
      await page.goto('/notify-admin')
      // npm start without a mail server: in-app only, and the page says so.
      await waitForText(page.getByTestId('channel-email'), '未开通')
      await waitForText(page.getByTestId('channel-inapp'), '已开通')
      await shot(page, 'deliveries-1440-zh')
      await page.goto('/notify-channels')
      await page.getByTestId('endpoints-off').waitFor()
      await shot(page, 'channels-1440-zh')
      if (SHOTS) {
        await page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
        for (const [path, name] of [
          ['/notify-admin', 'deliveries-1440-en'],
          ['/notify-channels', 'channels-1440-en'],
          ['/notifications', 'inbox-1440-en'],
          ['/notifications/settings', 'settings-1440-en'],
        ] as const) {
          await page.goto(path)
          await page.waitForLoadState('networkidle')
          await shot(page, name)
        }
        await page.setViewportSize({ width: 390, height: 844 })
        await page.goto('/notifications')
        await page.waitForLoadState('networkidle')
        await shot(page, 'inbox-390-en')
      }
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
