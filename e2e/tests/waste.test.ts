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

// Records what the page asks the browser to say, instead of sound: headless browsers have no voices.
const RECORD_SPEECH = () => {
  const said: { text: string; lang: string }[] = []
  Object.defineProperty(window, '__said', { value: said })
  const fake = {
    speak: (u: SpeechSynthesisUtterance) => said.push({ text: u.text, lang: u.lang }),
    cancel: () => {},
    getVoices: () => [],
  }
  Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true })
}

// antd puts the test id on the <input> itself or on its wrapper, depending on the component's version.
const numberInput = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first()

describe('waste sorting', () => {
  test('the kiosk answers 奶茶杯 without login, in colour and aloud, and stays silent when muted', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, { width: 1024, height: 768 })
    try {
      await page.addInitScript(RECORD_SPEECH)
      await page.goto('/kiosk/waste')
      await page.getByTestId('waste-kiosk-input').fill('奶茶杯')
      const answer = page.getByTestId('waste-answer')
      await waitForText(answer, '干垃圾')
      expect(await answer.getAttribute('data-category')).toBe('dry')
      // The colour block itself says "dry" to someone who cannot read: Shanghai's black/grey.
      const bg = await answer.evaluate((el) => getComputedStyle(el).backgroundColor)
      expect(bg).toBe('rgb(43, 43, 43)')
      await page.waitForFunction(() => (window as unknown as { __said: unknown[] }).__said.length > 0)
      const said = await page.evaluate(
        () => (window as unknown as { __said: { text: string; lang: string }[] }).__said,
      )
      expect(said[0]!.lang).toBe('zh-CN')
      expect(said[0]!.text).toContain('干垃圾')

      // Muted, the next answer is shown but not spoken; an unknown item's guess is labelled with its confidence.
      await page.getByTestId('waste-mute').click()
      await page.getByTestId('waste-kiosk-input').fill('量子咖啡渣面膜')
      await waitForText(page.getByTestId('waste-guess-badge'), /猜测 · 把握 \d+%/)
      await page.waitForTimeout(800)
      const after = await page.evaluate(() => (window as unknown as { __said: unknown[] }).__said.length)
      expect(after).toBe(said.length)

      // The bin tiles name what goes in them; a tap lists more, and each item opens its answer.
      await page.getByTestId('waste-kiosk-input').fill('')
      const tile = page.getByTestId('bin-tile-hazardous')
      await waitForText(tile, /^.*有害垃圾如 .+…$/)
      await tile.click()
      expect(await tile.getAttribute('aria-expanded')).toBe('true')
      const list = page.getByTestId('bin-examples')
      await waitForText(list, '有害垃圾包括')
      expect(await list.getAttribute('data-category')).toBe('hazardous')
      await list.getByRole('button').first().click()
      await waitForText(answer, '有害垃圾')
      expect(await answer.getAttribute('data-category')).toBe('hazardous')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('a volunteer records a floor of the noon patrol on a phone', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'siic_volunteer')
      await page.goto('/waste-patrol')
      const floor = page.getByTestId('waste-floor-3')
      await waitForText(floor, '3 层')
      await floor.getByRole('button').click()
      const form = page.getByTestId('waste-patrol-form')
      await form.waitFor()
      const { scrollWidth, innerWidth } = await fitsViewport(page)
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)

      // More right than checked is caught before sending.
      await numberInput(page, 'waste-bags-checked').fill('12')
      await numberInput(page, 'waste-bags-right').fill('13')
      await page.getByTestId('waste-patrol-submit').click()
      await waitForText(form, '正确袋数不能多于检查袋数')

      await numberInput(page, 'waste-bags-right').fill('11')
      await numberInput(page, 'waste-mistake-wet').fill('1')
      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().endsWith('/api/waste/patrols') && r.request().method() === 'POST',
        ),
        page.getByTestId('waste-patrol-submit').click(),
      ])
      expect(response.status()).toBe(201)
      const saved = await response.json()
      expect(saved).toMatchObject({ floor: 3, bagsChecked: 12, bagsRight: 11, mistakes: { wet: 1 } })
      await waitForText(page.getByTestId('waste-floor-3'), '正确 11 / 检查 12 袋')

      // The building's public star board lists the floor, with no login.
      const board = await context.newPage()
      await board.goto(`/board/waste/${saved.buildingId}`)
      await waitForText(board.getByTestId('waste-board'), '楼层示范分类星级榜')
      await waitForText(board.getByTestId('waste-star-list'), '38 层')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
