import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await fitsViewport(page)
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
}

describe('phone viewport (390×844)', () => {
  test('login and home fit the screen; the menu opens from a button', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await page.goto('/login')
      await page.getByTestId('login-submit').waitFor()
      await expectNoSidewaysScroll(page)

      const me = await logIn(page, 'fengpu_admin')
      await waitForText(page.getByTestId('home-greeting'), me.account.displayName)
      await expectNoSidewaysScroll(page)

      // No sider on a phone: navigation lives in a drawer behind the menu button.
      await page.getByTestId('nav-toggle').click()
      await waitForText(page.getByTestId('nav-home'), '首页')
      await expectNoSidewaysScroll(page)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('the gap list, the import wizard and the unit list fit the screen', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'fengpu_admin')
      await page.goto('/gaps?area=310120002')
      await page.getByTestId('gap-rule-text').first().waitFor()
      await page.getByTestId('gaps-export').waitFor()
      await expectNoSidewaysScroll(page)

      await page.goto('/imports')
      await page.getByTestId('import-template').waitFor()
      await expectNoSidewaysScroll(page)
      await page.getByTestId('import-next').click()
      await page.locator('.ant-upload-drag').waitFor()
      await expectNoSidewaysScroll(page)

      await page.goto('/units?area=310120002')
      await page
        .getByRole('link', { name: /有限公司|中心|协会/ })
        .first()
        .waitFor()
      await expectNoSidewaysScroll(page)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
