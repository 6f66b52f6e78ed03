import type { SurveySummary } from '@tongxin/contracts'
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

describe('surveys', () => {
  test('a resident answers on a phone without logging in; staff see the response in the analysis', async () => {
    const staff = await newPage(browser, baseURL)
    const phone = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    try {
      await logIn(staff.page, 'fengxian_admin')
      const list = await staff.page.evaluate(async () => (await fetch('/api/surveys')).json())
      const survey = (list.items as SurveySummary[]).find((s) => s.title === '金海街道社区居民公益需求调研')!
      expect(survey.state).toBe('open')

      await phone.page.goto(`/survey/${survey.slug}`)
      await waitForText(phone.page.locator('h3'), '金海街道社区居民公益需求调研')
      await expectNoSidewaysScroll(phone.page)
      const q = (key: string) => phone.page.getByTestId(`survey-q-${key}`)
      await q('community').locator('.ant-radio-wrapper').first().click()
      await q('age').getByText('60岁及以上').click()
      await q('welfare').getByText('为老助餐与上门照护').click()
      await q('welfare').getByText('文体活动').click()
      // "How many hours" is shown only to those willing to volunteer.
      expect(await q('hours').count()).toBe(0)
      await q('volunteer').getByText('愿意', { exact: true }).click()
      await q('hours').waitFor()
      await q('hours').locator('input').fill('6')
      await q('volunteer').getByText('暂不').click()
      await q('hours').waitFor({ state: 'detached' })
      await q('ideas').locator('textarea').fill('希望社区多办老年合唱活动')
      await expectNoSidewaysScroll(phone.page)
      await phone.page.getByTestId('survey-submit').click()
      await phone.page.getByTestId('survey-done').waitFor()

      // The same phone cannot answer twice.
      await phone.page.reload()
      await waitForText(phone.page.getByTestId('survey-answered'), '您已经提交过这份问卷')

      await staff.page.goto(`/surveys/${survey.id}`)
      await waitForText(staff.page.getByTestId('analysis-respondents'), `答卷 ${survey.responses + 1} 份`)
      await staff.page.getByTestId('analysis-q-welfare').waitFor()
      await staff.page.getByTestId('crosstab-table').waitFor()

      // Staff write a new questionnaire in the editor; the server checks it and the analysis page opens.
      await staff.page.goto('/surveys/new')
      await staff.page.getByTestId('editor-title').fill('楼宇午餐需求小调查')
      await staff.page.getByPlaceholder('题目').fill('您通常在哪里吃午餐？')
      await staff.page.getByPlaceholder('选项，每行一个').fill('食堂\n外卖\n自带')
      await staff.page.getByTestId('editor-save').click()
      await waitForText(staff.page.locator('h3'), '楼宇午餐需求小调查')
      await waitForText(staff.page.getByTestId('analysis-respondents'), '答卷 0 份')
      expect(phone.pageErrors).toEqual([])
      expect(staff.pageErrors).toEqual([])
    } finally {
      await phone.context.close()
      await staff.context.close()
    }
  })
  test('on a phone, a required question left blank is marked where it is and scrolled to; numbers skip hidden questions', async () => {
    const staff = await newPage(browser, baseURL)
    const phone = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    try {
      await logIn(staff.page, 'fengxian_admin')
      const list = await staff.page.evaluate(async () => (await fetch('/api/surveys')).json())
      const survey = (list.items as SurveySummary[]).find((s) => s.title === '金海街道社区居民公益需求调研')!

      await phone.page.goto(`/survey/${survey.slug}`)
      const q = (key: string) => phone.page.getByTestId(`survey-q-${key}`)
      await q('community').locator('.ant-radio-wrapper').first().click()
      await q('age').getByText('60岁及以上').click()
      // Welfare (question 3, required) is left blank. Not volunteering hides "how many hours" (5th of 6),
      // so the last question is numbered 5, not 6.
      await q('volunteer').getByText('暂不').click()
      await waitForText(q('ideas'), /^5\. /)
      await phone.page.getByTestId('survey-submit').scrollIntoViewIfNeeded()
      await phone.page.getByTestId('survey-submit').click()

      await waitForText(q('welfare').getByTestId('survey-q-error'), '这道题必须回答')
      expect(await q('welfare').getAttribute('data-missing')).toBe('true')
      expect(await phone.page.getByTestId('survey-q-error').count()).toBe(1)
      // The marked question is on screen, not somewhere above or below it.
      await phone.page.waitForFunction(() => {
        const box = document.querySelector('[data-testid="survey-q-welfare"]')!.getBoundingClientRect()
        return box.top >= 0 && box.bottom <= window.innerHeight
      })
      await expectNoSidewaysScroll(phone.page)

      // Answering it clears the mark; the survey then goes in.
      await q('welfare').getByText('法律咨询').click()
      expect(await phone.page.getByTestId('survey-q-error').count()).toBe(0)
      await phone.page.getByTestId('survey-submit').click()
      await phone.page.getByTestId('survey-done').waitFor()
      expect(phone.pageErrors).toEqual([])
    } finally {
      await phone.context.close()
      await staff.context.close()
    }
  })
})
