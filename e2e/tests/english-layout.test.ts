import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { fitsViewport, logIn, newPage } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep the screenshots (dashboard, workbench, menu; 390 and 1440 px; both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/**
 * Text the page cuts short with no way to read it whole: an element drawn with an ellipsis whose content is
 * wider than its box, with no title on it, inside it or around it. Issue 13 item 7: "Organisation c…",
 * "Relation not tr…" on the dashboard's figures, menu labels cut in English.
 */
function cutShort(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el)
      if (style.textOverflow !== 'ellipsis' || style.display === 'none') continue
      if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue
      if (el.closest('[title]') || el.querySelector('[title]')) continue
      out.push((el.textContent ?? '').trim())
    }
    return out
  })
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

const SIZES = [
  { width: 1440, height: 900, phone: false },
  { width: 390, height: 844, phone: true },
] as const

describe('both languages lay out whole (issue 13 item 7)', () => {
  for (const size of SIZES) {
    test(`${size.width} px: the dashboard, the workbench and the menu cut no text without its full form`, async () => {
      const { context, page, pageErrors } = await newPage(browser, baseURL, size)
      try {
        await logIn(page, 'fengpu_admin')
        for (const lang of ['zh-CN', 'en-US'] as const) {
          await page.evaluate((l) => localStorage.setItem('tongxin.lang', l), lang)
          const tag = `${size.width}-${lang === 'zh-CN' ? 'zh' : 'en'}`

          await page.goto('/coverage')
          await page.getByTestId('figure-notTransferred').waitFor()
          await page.getByTestId('category-chart').locator('canvas').waitFor()
          await page.waitForLoadState('networkidle')
          expect(await cutShort(page), `coverage ${tag}`).toEqual([])
          expect((await fitsViewport(page)).scrollWidth, `coverage ${tag}`).toBeLessThanOrEqual(size.width)
          await shot(page, `coverage-${tag}`)

          await page.goto('/')
          await page.getByTestId('workbench-figures').waitFor()
          await page.waitForLoadState('networkidle')
          expect(await cutShort(page), `workbench ${tag}`).toEqual([])
          await shot(page, `workbench-${tag}`)

          // The menu with its longest group open (on a phone, in the drawer).
          if (size.phone) await page.getByTestId('nav-toggle').click()
          const root = page.locator(size.phone ? '.ant-drawer-section' : '.ant-layout-sider')
          const group = root.locator('[data-testid="nav-group-volunteering"]')
          await group.click()
          await root.getByTestId('nav-wasteDemo').waitFor()
          await page.waitForFunction(() => !document.querySelector('.ant-motion-collapse'))
          expect(await cutShort(page), `menu ${tag}`).toEqual([])
          await shot(page, `menu-${tag}`)
        }
        expect(pageErrors).toEqual([])
      } finally {
        await context.close()
      }
    })
  }
})
