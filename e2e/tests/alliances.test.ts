import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { fitsViewport, logIn, navEntry, newPage, waitForPath, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep screenshots of the alliances page (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS
const HONGMEI = '310104012'

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

describe('alliances (db/demo/alliances.ts)', () => {
  test('虹梅’s street admin sees its alliances, the 分会’s parent and the federation’s member branches', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await logIn(page, 'hongmei_admin')
      await (await navEntry(page, 'alliances')).click()
      await waitForPath(page, '/alliances')
      const hongmei = page.locator(`[data-testid="alliance-area"][data-area="${HONGMEI}"]`)
      await hongmei.getByTestId('alliance-card').first().waitFor()
      const card = (name: string) => hongmei.locator(`[data-testid="alliance-card"][data-alliance="${name}"]`)
      // Both alliances of the street and its federation, each with its kind.
      await waitForText(card('“虹梅庭”企业社会责任联盟').getByTestId('alliance-kind'), '联盟')
      await waitForText(card('徐汇区区域化党建促进会虹梅分会').getByTestId('alliance-kind'), '分会')
      await waitForText(
        card('徐汇区区域化党建促进会虹梅分会').getByTestId('alliance-parent'),
        '徐汇区区域化党建促进会',
      )
      const federation = card('虹梅路街道园区楼宇联合会')
      await waitForText(federation.getByTestId('alliance-kind'), '联合会')
      // The federation stands over a general branch and a joint branch, each shown with its type.
      const members = federation.getByTestId('alliance-card-member')
      await waitForText(members, '中共海博园区楼宇联合总支部委员会')
      expect(
        await members
          .filter({ hasText: '中共海博园区楼宇联合总支部委员会' })
          .getByTestId('member-org-type')
          .textContent(),
      ).toBe('党总支')
      expect(
        await members
          .filter({ hasText: '中共普天科技园楼宇联合支部委员会' })
          .getByTestId('member-org-type')
          .textContent(),
      ).toBe('联合党支部')
      // 虹梅庭's own three lists: 2 services, 1 resource, 2 activities.
      expect(
        await card('“虹梅庭”企业社会责任联盟').getByTestId('alliance-list-service').textContent(),
      ).toContain('2')
      // On a phone the cards stack and nothing runs off the side.
      await page.setViewportSize({ width: 390, height: 844 })
      await federation.getByTestId('alliance-card-member').first().waitFor()
      const fits = await fitsViewport(page)
      expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)

      // The federation's page lists its branches; the 分会's page links up to its parent.
      await federation.getByTestId('alliance-link').click()
      await waitForText(page.getByTestId('alliance-title'), '虹梅路街道园区楼宇联合会')
      expect(await page.getByTestId('alliance-member-org').count()).toBe(2)
      await waitForText(page.getByTestId('alliance-lead'), '中共虹梅路街道园区楼宇综合委员会')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})

describe.runIf(SHOTS)('screenshots', () => {
  for (const width of [390, 1440])
    for (const lang of ['zh', 'en'] as const)
      test(`alliances page at ${width} px (${lang})`, async () => {
        const { context, page } = await newPage(browser, baseURL, {
          width,
          height: width === 390 ? 844 : 900,
          phone: width === 390,
        })
        try {
          await logIn(page, 'hongmei_admin')
          if (lang === 'en') await page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
          await page.goto('/alliances')
          await page.getByTestId('alliance-card').first().waitFor()
          await shot(page, `alliances-${width}-${lang}`)
          await page
            .locator('[data-testid="alliance-card"][data-alliance="虹梅路街道园区楼宇联合会"]')
            .getByTestId('alliance-link')
            .click()
          await page.getByTestId('alliance-title').waitFor()
          await shot(page, `alliance-federation-${width}-${lang}`)
        } finally {
          await context.close()
        }
      })
})
