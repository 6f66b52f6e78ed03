import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep screenshots of the census page and the visit form (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS
const FENGPU = '310120002'

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function shot(page: Page, name: string) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

const figure = async (page: Page, key: string) => {
  const text = await page
    .getByTestId(`census-figure-${key}`)
    .locator('.ant-statistic-content-value')
    .textContent()
  return Number((text ?? '').replace(/,/g, ''))
}

describe('census visits on a phone (390 px)', () => {
  test('a visit recorded on a phone turns a stale part clear', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'fengpu_admin')
      await page.goto(`/census?area=${FENGPU}&stale=true`)
      await page
        .getByTestId('census-plan')
        .locator('tbody tr a[data-testid^="plan-visit-"]')
        .first()
        .waitFor()
      const before = await figure(page, 'staleParts')
      expect(before).toBeGreaterThan(0)
      const { scrollWidth, innerWidth } = await fitsViewport(page)
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)

      // The first building of the plan has a stale part; its link opens the form with the building chosen.
      await page.getByTestId('census-plan').locator('a[data-testid^="plan-visit-"]').first().click()
      const stale = page.locator('[data-testid^="part-state-"][data-state="stale"]').first()
      await stale.waitFor()
      const key = (await stale.getAttribute('data-testid'))!.replace('part-state-', '')
      const fits = await fitsViewport(page)
      expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)

      // Today, a 微信扫楼, every part found as registered (the switches start on): one tap to save.
      await page.getByTestId('visit-submit').click()
      await page.getByTestId('visit-saved').waitFor()
      await page.locator(`[data-testid="part-state-${key}"][data-state="clear"]`).waitFor()

      await page.goto(`/census?area=${FENGPU}`)
      await page.getByTestId('census-plan').locator('tbody tr.ant-table-row').first().waitFor()
      await waitForText(page.getByTestId('census-figure-staleParts'), /\d/)
      await expect.poll(() => figure(page, 'staleParts')).toBeLessThan(before)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})

describe.runIf(SHOTS)('screenshots', () => {
  for (const width of [390, 1440])
    for (const lang of ['zh', 'en'] as const)
      test(`census page and visit form at ${width} px (${lang})`, async () => {
        const { context, page } = await newPage(browser, baseURL, {
          width,
          height: width === 390 ? 844 : 900,
          phone: width === 390,
        })
        try {
          await logIn(page, 'fengpu_admin')
          if (lang === 'en') await page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
          await page.goto(`/census?area=${FENGPU}`)
          await page.getByTestId('census-plan').locator('tbody tr.ant-table-row').first().waitFor()
          await page.getByTestId('census-followups').waitFor()
          await shot(page, `census-${width}-${lang}`)
          await page.getByTestId('census-part-orgs').click()
          await page.getByTestId('census-plan').locator('tbody tr.ant-table-row').first().waitFor()
          await shot(page, `census-drill-orgs-${width}-${lang}`)
          await page.getByTestId('census-plan').locator('a[data-testid^="plan-visit-"]').first().click()
          await page.locator('[data-testid^="part-state-"]').first().waitFor()
          await page
            .getByTestId('visit-kind')
            .getByText(lang === 'zh' ? '联合走访' : 'Joint visit')
            .click()
          await shot(page, `visit-form-${width}-${lang}`)
        } finally {
          await context.close()
        }
      })
})
