import { mkdir } from 'node:fs/promises'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
/** Set to a directory to keep screenshots of the rules page (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS
const NANQIAO = '310120101'
// The demo's branch secretary keeps 莱博药妆's branch; joint_secretary keeps 凤创谷's first joint branch.
const BRANCH = '中共莱博药妆支部委员会'
const JOINT = '中共凤创谷第一联合支部委员会'
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function text(locator: Locator): Promise<string> {
  await locator.waitFor()
  return (await locator.textContent())?.trim() ?? ''
}

/** The last whole number in a figure's text ("1,611", "达标/应开 588/649 · 已开次数 610"). */
async function lastNumber(locator: Locator): Promise<number> {
  const numbers = (await text(locator)).replaceAll(',', '').match(/\d+/g)
  if (!numbers) throw new Error(`no number in ${await locator.textContent()}`)
  return Number(numbers.at(-1))
}

/** The street's figures that a theme day held today moves: meetings held this year and 主题党日 held. */
async function streetFigures(page: Page) {
  await page.goto(`/orglife-compliance?area=${NANQIAO}`)
  await waitForText(page.getByTestId('compliance-title'), '南桥镇')
  return {
    meetings: await lastNumber(page.getByTestId('compliance-meetings').locator('.ant-statistic-content')),
    themeDays: await lastNumber(page.getByTestId('rule-theme_day_monthly')),
  }
}

async function pick(page: Page, testId: string, typed: string, option: string) {
  await page.getByTestId(testId).click()
  await page.keyboard.type(typed)
  await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click()
}

describe('organisational life', () => {
  test('a secretary records a meeting on a phone and the street sees it; a transfer out of one branch, accepted by another, clears the gap', async () => {
    const street = await newPage(browser, baseURL)
    const secretary = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    const receiver = await newPage(browser, baseURL)
    try {
      // ---- 南桥镇's street admin: this year's figures, and the member of 莱博药妆 whose relation is not here.
      await logIn(street.page, 'nanqiao_admin')
      const before = await streetFigures(street.page)
      await street.page.goto(`/gaps?area=${NANQIAO}&rule=member_not_transferred`)
      const gapRow = street.page
        .getByTestId('gaps-table')
        .locator('[data-row-key]')
        .filter({ hasText: BRANCH })
      const rowKey = await gapRow.first().getAttribute('data-row-key')
      expect(rowKey).toMatch(/^member_not_transferred-person-\d+$/)
      const gap = street.page.locator(`[data-row-key="${rowKey}"]`)
      // The action offers to start the transfer.
      await waitForText(gap.getByTestId('gap-link-member_not_transferred'), '发起转接')
      const subject = await text(gap.locator('td').nth(1).locator('.ant-typography').first())
      expect(subject.length).toBeGreaterThan(1)

      // ---- The branch secretary, on a phone: straight to their branch, records this month's 主题党日.
      const { page } = secretary
      await logIn(page, 'branch_secretary')
      await page.goto('/orglife')
      await waitForText(page.getByTestId('orglife-title'), BRANCH)
      await page.getByTestId('record-meeting').click()
      const roster = page.getByTestId('record-roster')
      await roster.waitFor()
      expect((await fitsViewport(page)).scrollWidth).toBeLessThanOrEqual(390)
      // The roster comes filled in: everyone present; one tap marks the one who is away.
      const people = roster.locator('[data-testid^="roster-"]')
      const total = await people.count()
      expect(total).toBeGreaterThan(5)
      await waitForText(page.locator('.ant-card-head'), `（${total}/${total} 到会）`)
      await people.first().getByTestId('mark-absent').click()
      await waitForText(page.locator('.ant-card-head'), `（${total - 1}/${total} 到会）`)
      await page.getByTestId('record-topic').fill('学习贯彻全会精神（手机记录）')
      await page.getByTestId('record-save').click()
      await page.waitForURL((url) => /^\/orglife\/orgs\/\d+$/.test(url.pathname))
      await waitForText(page.getByTestId('meeting-list'), '学习贯彻全会精神（手机记录）')

      // ---- The street's figures move by that one meeting.
      const after = await streetFigures(street.page)
      expect(after).toEqual({ meetings: before.meetings + 1, themeDays: before.themeDays + 1 })

      // ---- The secretary sends the member to 凤创谷's joint branch.
      await page.getByTestId('orglife-tab-transfers').click()
      await page.getByTestId('transfer-start').click()
      await pick(page, 'transfer-member', subject, subject)
      await pick(page, 'transfer-to-org', '凤创谷第一', JOINT)
      await page.getByTestId('transfer-reason').fill('到凤创谷企业工作')
      await page.getByTestId('transfer-submit').click()
      const sent = page.getByTestId('transfer-item').filter({ hasText: subject })
      await waitForText(sent, '办理中')
      expect((await fitsViewport(page)).scrollWidth).toBeLessThanOrEqual(390)

      // ---- The receiving secretary accepts it.
      await logIn(receiver.page, 'joint_secretary')
      await receiver.page.goto('/orglife')
      await waitForText(receiver.page.getByTestId('orglife-title'), JOINT)
      await receiver.page.getByTestId('orglife-tab-transfers').click()
      const incoming = receiver.page
        .getByTestId('transfer-item')
        .filter({ hasText: subject })
        .filter({ hasText: '办理中' })
      await incoming.getByTestId('transfer-accept').click()
      await receiver.page.locator('.ant-popconfirm .ant-btn-primary').click()
      await waitForText(receiver.page.getByTestId('transfer-item').filter({ hasText: subject }), '已办结')
      // The member is now on the receiving branch's roster.
      await receiver.page.getByTestId('orglife-tab-life').click()
      await receiver.page.getByTestId('record-meeting').click()
      await waitForText(receiver.page.getByTestId('record-roster'), subject)

      // ---- The sender sees it done; the street's gap list no longer lists the member.
      await page.reload()
      await waitForText(page.getByTestId('transfer-item').filter({ hasText: subject }), '已办结')
      await street.page.goto(`/gaps?area=${NANQIAO}&rule=member_not_transferred`)
      await street.page.getByTestId('gaps-table').locator('[data-row-key]').first().waitFor()
      expect(await street.page.locator(`[data-row-key="${rowKey}"]`).count()).toBe(0)

      expect([...street.pageErrors, ...secretary.pageErrors, ...receiver.pageErrors]).toEqual([])
    } finally {
      await street.context.close()
      await secretary.context.close()
      await receiver.context.close()
    }
  })
})

async function shot(page: Page, name: string) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('the rules page', () => {
  test('the city administrator changes a frequency rule, with validation in Chinese; a street reads it only', async () => {
    const admin = await newPage(browser, baseURL, { width: 1440, height: 900 })
    const street = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    try {
      const { page } = admin
      await logIn(page, 'admin')
      await page.goto('/orglife')
      await page.getByTestId('orglife-rules-link').click()
      await waitForText(page.getByTestId('rules-title'), '频次与积分规则')
      const row = page.getByTestId('rule-row-life_meeting_yearly')
      await waitForText(row.getByTestId('rule-frequency-life_meeting_yearly'), '每年至少 1 次')
      await row.getByTestId('rule-edit-life_meeting_yearly').click()
      const count = page.getByTestId('rule-min-count')
      await count.fill('0')
      await page.getByTestId('rule-save').click()
      await waitForText(page.locator('.ant-form-item-explain-error'), '次数须为 1–31 的整数')
      await count.fill('2')
      await page.getByTestId('rule-save').click()
      await waitForText(row.getByTestId('rule-frequency-life_meeting_yearly'), '每年至少 2 次')
      // And back, so the other journeys' figures stay as the demo made them.
      await row.getByTestId('rule-edit-life_meeting_yearly').click()
      await page.getByTestId('rule-min-count').fill('1')
      await page.getByTestId('rule-save').click()
      await waitForText(row.getByTestId('rule-frequency-life_meeting_yearly'), '每年至少 1 次')

      // A street's staff read the same rules on a phone, without the means to change them.
      await logIn(street.page, 'nanqiao_admin')
      await street.page.goto('/orglife/rules')
      await street.page.getByTestId('rules-read-only').waitFor()
      await waitForText(street.page.getByTestId('rule-frequency-theme_day_monthly'), '每月至少 1 次')
      expect(await street.page.getByTestId('rule-edit-theme_day_monthly').count()).toBe(0)
      expect(await street.page.getByTestId('rule-add').count()).toBe(0)
      const fits = await fitsViewport(street.page)
      expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
      expect([...admin.pageErrors, ...street.pageErrors]).toEqual([])
    } finally {
      await admin.context.close()
      await street.context.close()
    }
  })

  for (const lang of ['zh', 'en'] as const)
    for (const width of [1440, 390])
      test(`the rules page fits ${width} px and reads in ${lang}, its validation too`, async () => {
        const { context, page, pageErrors } = await newPage(browser, baseURL, {
          width,
          height: width === 390 ? 844 : 900,
          phone: width === 390,
        })
        try {
          await logIn(page, 'admin')
          if (lang === 'en') await page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
          await page.goto('/orglife/rules')
          await waitForText(
            page.getByTestId('rules-title'),
            lang === 'en' ? 'Meeting and points rules' : '频次与积分规则',
          )
          await page.getByTestId('points-row-meeting').waitFor()
          let fits = await fitsViewport(page)
          expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
          await shot(page, `orglife-rules-${width}-${lang}`)
          await page.getByTestId('rule-add').click()
          // Save only once the form's first field is there: in one CI run the save click brought no
          // validation at all, and a click before the form is mounted would do exactly that.
          await page.getByTestId('rule-code').waitFor()
          await page.getByTestId('rule-save').click()
          await waitForText(
            page.locator('.ant-form-item-explain-error'),
            lang === 'en' ? 'Enter a code' : '请填写规则代码',
          )
          fits = await fitsViewport(page)
          expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
          await shot(page, `orglife-rules-invalid-${width}-${lang}`)
          expect(pageErrors).toEqual([])
        } finally {
          await context.close()
        }
      })
})
