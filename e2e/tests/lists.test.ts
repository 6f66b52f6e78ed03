import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { chooseOption, fitsViewport, logIn, newPage } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep the screenshots (units and gap lists; 390 and 1440 px; both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS
const FENGPU = '310120002'

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function apiJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url)
  expect(res.status(), await res.text()).toBe(200)
  return (await res.json()) as T
}

type UnitPage = { items: Array<{ id: number }>; total: number }

const firstRowKey = (page: Page) =>
  page.locator('[data-testid="units-table"] tbody tr.ant-table-row').first().getAttribute('data-row-key')

async function shoot(page: Page, name: string) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('lists as their users meet them (issue 13 item 6)', () => {
  test('at 1440 px: the unit list says its total, sorts on the server, and the gap list counts each rule', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, { width: 1440, height: 900 })
    try {
      await logIn(page, 'fengpu_admin')
      const api = await apiJson<UnitPage>(page, `/api/units?area=${FENGPU}&limit=1`)
      expect(api.total).toBeGreaterThan(1)
      await page.goto(`/units?area=${FENGPU}`)
      const total = page.getByTestId('list-total')
      await total.filter({ hasText: `共 ${api.total.toLocaleString('zh-CN')} 条` }).waitFor()

      // A header click asks the server for its order: the first row is the API's first row under that sort.
      const header = page.locator('[data-testid="units-table"] th', { hasText: '从业人数' })
      for (const sort of ['employees', '-employees']) {
        const expected = await apiJson<UnitPage>(page, `/api/units?area=${FENGPU}&limit=1&sort=${sort}`)
        await header.click()
        await page.waitForURL((url) => url.searchParams.get('sort') === sort)
        await expect.poll(() => firstRowKey(page), { timeout: 30_000 }).toBe(String(expected.items[0]!.id))
      }
      // The total is the filter's, not the page's.
      await total.filter({ hasText: `共 ${api.total.toLocaleString('zh-CN')} 条` }).waitFor()

      const counts = await apiJson<{ total: number; rules: Array<{ rule: string; count: number }> }>(
        page,
        `/api/gaps/counts?area=${FENGPU}`,
      )
      await page.goto(`/gaps?area=${FENGPU}`)
      await page.getByTestId('gap-rule-text').first().waitFor()
      await page
        .getByTestId('list-total')
        .filter({ hasText: `共 ${counts.total.toLocaleString('zh-CN')} 条` })
        .waitFor()
      const withGaps = counts.rules.find((r) => r.count > 0)!
      await page.getByTestId('gap-rule-filter').click()
      for (const { rule, count } of counts.rules)
        expect(await page.getByTestId(`gap-count-${rule}`).last().textContent()).toBe(
          count.toLocaleString('zh-CN'),
        )
      await page.keyboard.press('Escape')
      await chooseOption(page, page.getByTestId('gap-rule-filter'), new RegExp(`${withGaps.count}$`))
      await page
        .getByTestId('list-total')
        .filter({ hasText: `共 ${withGaps.count.toLocaleString('zh-CN')} 条` })
        .waitFor()
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('people, needs, accounts and invitations say the total the API gives the same user', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, { width: 1440, height: 900 })
    try {
      await logIn(page, 'fengpu_admin')
      const org = (await apiJson<UnitPage>(page, `/api/party-orgs?area=${FENGPU}&sort=-members&limit=1`))
        .items[0]!.id
      for (const [path, api] of [
        [`/party-orgs/${org}`, `/api/people?org=${org}`],
        ['/needs', '/api/needs'],
        ['/accounts', '/api/accounts'],
        ['/invitations', '/api/invitations?status=active'],
      ] as const) {
        const { total } = await apiJson<UnitPage>(page, `${api}${api.includes('?') ? '&' : '?'}limit=1`)
        await page.goto(path)
        await page
          .getByTestId('list-total')
          .filter({ hasText: `共 ${total.toLocaleString('zh-CN')} 条` })
          .first()
          .waitFor()
      }
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('at 390 px: the unit list is cards with floor and headcount, and nothing scrolls sideways', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'fengpu_admin')
      await page.goto(`/units?area=${FENGPU}`)
      const card = page.locator('[data-testid="units-table"] .ant-list-item').first()
      await card.waitFor()
      for (const label of ['楼层', '从业人数', '党员（正式/预备）'])
        await card.getByTestId('card-fact').filter({ hasText: label }).first().waitFor({ state: 'visible' })
      // The label says 楼层 / Floors once; the value is the numbers, not "8 层" / "Floor 8" again.
      const floor = await card.getByTestId('card-fact').filter({ hasText: '楼层' }).first().textContent()
      expect((floor ?? '').trim()).toMatch(/^楼层\s+(—|-?\d+(–-?\d+)?)$/)
      await page.getByTestId('list-total').waitFor()
      await page.getByTestId('load-more').waitFor()
      const { scrollWidth, innerWidth } = await fitsViewport(page)
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
      for (const path of ['/buildings', '/party-orgs']) {
        await page.goto(`${path}?area=${FENGPU}`)
        await page.locator('.ant-list-item [data-testid="card-fact"]').first().waitFor()
        const fit = await fitsViewport(page)
        expect(fit.scrollWidth, path).toBeLessThanOrEqual(fit.innerWidth)
      }
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test.runIf(SHOTS)('screenshots: units and gaps, 390 and 1440 px, both languages', async () => {
    for (const width of [390, 1440]) {
      const { context, page } = await newPage(browser, baseURL, { width, height: 900, phone: width < 500 })
      try {
        await logIn(page, 'fengpu_admin')
        for (const lang of ['zh-CN', 'en-US'] as const) {
          await page.evaluate((l) => localStorage.setItem('tongxin.lang', l), lang)
          const tag = `${width}-${lang === 'zh-CN' ? 'zh' : 'en'}`
          await page.goto(`/units?area=${FENGPU}`)
          await page.getByTestId('list-total').waitFor()
          await page.locator('[data-testid="units-table"] [data-row-key]').first().waitFor()
          await shoot(page, `units-${tag}`)
          await page.goto(`/gaps?area=${FENGPU}`)
          await page.getByTestId('list-total').waitFor()
          await page.getByTestId('gap-rule-text').first().waitFor()
          await shoot(page, `gaps-${tag}`)
        }
      } finally {
        await context.close()
      }
    }
  })
})
