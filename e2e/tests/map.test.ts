import { mkdir } from 'node:fs/promises'
import type { MapAnswer } from '@tongxin/contracts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { fitsViewport, logIn, newPage, waitForPath } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep screenshots of the map page (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS
const HONGMEI = '310104012'

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const drawn = async (page: Page) => Number(await page.getByTestId('area-map').getAttribute('data-drawn'))
const answer = (page: Page, area: string) =>
  page.evaluate(async (a) => (await fetch(`/api/map?area=${a}`)).json(), area) as Promise<MapAnswer>
/** Waits until the map has its outline and draws `n` points. */
const drawing = (page: Page, n: number) =>
  page.locator(`[data-testid="area-map"][data-ready="true"][data-drawn="${n}"]`).waitFor()

describe('the building map', () => {
  test('draws what the API answers, a layer toggled off disappears, a point opens its building', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, { width: 1440, height: 900 })
    try {
      await logIn(page, 'hongmei_admin')
      await page.goto(`/map?area=${HONGMEI}`)
      const api = await answer(page, HONGMEI)
      const of = (layer: string) => api.points.filter((p) => p.layer === layer).length
      expect(of('buildings')).toBe(28)
      await drawing(page, api.points.length)
      expect(await drawn(page)).toBe(api.points.length)

      // The duty points off: the map draws the rest, the list below counts the same.
      await page.getByTestId('map-layer-dutyPoints').click()
      await drawing(page, api.points.length - of('dutyPoints'))
      await page.waitForURL((u) => !u.searchParams.get('layers')?.includes('dutyPoints'))

      // Only the buildings, then a click on one of them, where the map draws it, opens its page.
      await page.goto(`/map?area=${HONGMEI}&layers=buildings`)
      await drawing(page, of('buildings'))
      const target = api.points.find((p) => p.layer === 'buildings')!
      const box = (await page.getByTestId('area-map').boundingBox())!
      // The chart draws after its outline arrives; wait for the pixel to be known, then click like a user.
      const [x, y] = await page
        .getByTestId('area-map')
        .evaluate(
          (el, [lng, lat]) =>
            (el as unknown as { pixelOf: (a: number, b: number) => number[] }).pixelOf(lng!, lat!),
          [target.lng, target.lat],
        )
      await page.mouse.click(box.x + x!, box.y + y!)
      await waitForPath(page, `/buildings/${target.id}`)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('on a phone (390 px) the map and its list fit the screen, and the list opens a duty point', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'hongmei_admin')
      await page.goto(`/map?area=${HONGMEI}&layers=dutyPoints`)
      const api = await answer(page, HONGMEI)
      await drawing(page, api.points.filter((p) => p.layer === 'dutyPoints').length)
      const { scrollWidth, innerWidth } = await fitsViewport(page)
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
      await page.getByTestId('map-list').locator('a').first().click()
      await page.waitForURL((u) => /^\/volunteer-coordination\/points\/\d+\/qr$/.test(u.pathname))
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})

describe.runIf(SHOTS)('screenshots', () => {
  for (const width of [390, 1440])
    for (const lang of ['zh', 'en'] as const)
      test(`map page at ${width} px (${lang})`, async () => {
        const { context, page } = await newPage(browser, baseURL, {
          width,
          height: width === 390 ? 844 : 900,
          phone: width === 390,
        })
        try {
          await logIn(page, 'fengpu_admin')
          if (lang === 'en') await page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
          await page.goto('/map?area=310120002')
          await page.locator('[data-testid="area-map"][data-ready="true"]').waitFor()
          await page.getByTestId('map-unplaced').waitFor()
          await mkdir(SHOTS!, { recursive: true })
          await page.screenshot({ path: `${SHOTS}/map-${width}-${lang}.png`, fullPage: true })
        } finally {
          await context.close()
        }
      })
})
