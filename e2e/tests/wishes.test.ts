import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import {
  DEMO_PASSWORD,
  fitsViewport,
  logIn,
  navEntry,
  newPage,
  waitForPath,
  waitForText,
} from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep screenshots of the wish wall (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS
const FENGPU = '310120002'
const WISH = '想给楼里独居的李阿姨找一台旧收音机（E2E）'
const CLAIMER = 'wish_e2e_member'

async function apiSession(username: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`)
  const me = (await login.json()) as { csrfToken: string }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }
}

beforeAll(async () => {
  browser = await launchBrowser()
  // A second party member of 奉浦 to take the wish (the demo's own member is the wisher).
  const created = await fetch(`${baseURL}/api/accounts`, {
    method: 'POST',
    headers: await apiSession('admin'),
    body: JSON.stringify({
      username: CLAIMER,
      displayName: '赵志愿（党员）',
      password: DEMO_PASSWORD,
      grants: [{ role: 'member', scopeType: 'area', scopeId: FENGPU }],
    }),
  })
  if (created.status !== 201)
    throw new Error(`the claimer's account: ${created.status} ${await created.text()}`)
})
afterAll(async () => {
  await browser?.close()
})

async function shot(page: Page, name: string) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

async function expectFits(page: Page) {
  const size = await fitsViewport(page)
  expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth)
}

describe('small wishes (微心愿)', () => {
  test('a member wishes on a phone, another member claims and delivers, the wisher confirms, the wall shows it', async () => {
    const wisher = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    const claimer = await newPage(browser, baseURL)
    try {
      // ---- member_demo, on a phone: 认领心愿 → 许个微心愿, told the text is public.
      const { page } = wisher
      await logIn(page, 'member_demo')
      await page.getByTestId('nav-toggle').click()
      await (await navEntry(page, 'wishes')).click()
      await waitForPath(page, '/wishes')
      await page.getByRole('link', { name: /许个微心愿/ }).click()
      await waitForPath(page, '/my-needs/new')
      await page.getByTestId('wish-public-note').waitFor()
      await page.getByTestId('need-form-description').fill(WISH)
      await page.getByTestId('need-form-address').fill('奉浦大厦一楼大堂')
      await page.getByTestId('need-form-phone').fill('13800000006')
      await expectFits(page)
      await page.getByTestId('need-form-submit').click()
      await page.waitForURL((url) => /^\/my-needs\/\d+$/.test(url.pathname))
      const needPath = new URL(page.url()).pathname
      const needId = needPath.split('/').at(-1)!
      await waitForText(page.getByTestId('need-state'), '已提交')

      // ---- the claimer's desk: the wish is open with the contact masked; claim, then deliver.
      const desk = claimer.page
      await logIn(desk, CLAIMER)
      await (await navEntry(desk, 'wishes')).click()
      await waitForPath(desk, '/wishes')
      const open = desk.getByTestId('wish-desk-open').locator(`[data-need-id="${needId}"]`)
      await waitForText(open, WISH)
      expect(await open.textContent()).not.toContain('13800000006')
      await open.getByTestId('wish-claim').click()
      const held = desk.getByTestId('wish-desk-mine').locator(`[data-need-id="${needId}"]`)
      await waitForText(held.getByTestId('need-state'), '已接单')
      await held.getByTestId('wish-deliver').click()
      await waitForText(held.getByTestId('need-state'), '已交付')
      expect(claimer.pageErrors).toEqual([])

      // ---- member_demo confirms with five stars.
      await page.goto(needPath)
      await waitForText(page.getByTestId('need-state'), '已交付')
      await page.getByTestId('need-rate').locator('.ant-rate-star').nth(4).click()
      await page.getByTestId('need-close').click()
      await waitForText(page.getByTestId('need-state'), '已办结')
      expect(wisher.pageErrors).toEqual([])
    } finally {
      await wisher.context.close()
      await claimer.context.close()
    }

    // ---- the public wall, without login: the wish has come true; nothing names the wisher.
    for (const width of [390, 1440]) {
      const visitor = await newPage(browser, baseURL, { width, height: 900, phone: width === 390 })
      try {
        const { page } = visitor
        await page.goto(`/wishes/wall?area=${FENGPU}`)
        const card = page.getByTestId('wish-card').filter({ hasText: WISH })
        await card.waitFor()
        expect(await card.getByTestId('wish-state').getAttribute('data-state')).toBe('confirmed')
        await waitForText(card, '已圆梦')
        const wall = (await page.getByTestId('wish-wall').textContent()) ?? ''
        expect(wall).not.toContain('王小青')
        expect(wall).not.toContain('13800000006')
        await expectFits(page)
        await shot(page, `wish-wall-${width}-zh`)
        await page.getByTestId('lang-option-en-US').click()
        await waitForText(card, 'Come true')
        await waitForText(page.getByTestId('wish-counts'), 'Open')
        await expectFits(page)
        await shot(page, `wish-wall-${width}-en`)
        expect(visitor.pageErrors).toEqual([])
      } finally {
        await visitor.context.close()
      }
    }
  })
})
