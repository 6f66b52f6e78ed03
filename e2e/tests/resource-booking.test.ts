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
/** Set to a directory to keep screenshots of the booking pages (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS
// The demo's meeting room of the 杨妈妈 platform: weekdays 09:00–18:00, on approval by provider_demo.
const ROOM = '“杨妈妈”众创空间会议室'
const PURPOSE = '楼宇青年党员读书会（E2E）'

/** A weekday about two weeks ahead in Shanghai, clear of the demo's bookings on the next working days. */
function bookingDay() {
  const day = new Date(Date.now() + 8 * 3_600_000 + 14 * 86_400_000)
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}
const DAY = bookingDay()

/** Books the room through the API as member_demo (a slot the layout test's form then collides with). */
async function holdSlot(from: string, to: string) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'member_demo', password: DEMO_PASSWORD }),
  })
  const me = (await login.json()) as { csrfToken: string }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const headers = { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }
  const list = (await (
    await fetch(`${baseURL}/api/offerings?list=resource&bookable=true&limit=100`, { headers })
  ).json()) as { items: { id: number; name: string }[] }
  const room = list.items.find((o) => o.name === ROOM)
  if (!room) throw new Error(`${ROOM} is not bookable in the demo`)
  const booked = await fetch(`${baseURL}/api/offerings/${room.id}/bookings`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      purpose: '版面检查占用的时段（E2E）',
      startsAt: new Date(`${DAY}T${from}:00+08:00`).toISOString(),
      endsAt: new Date(`${DAY}T${to}:00+08:00`).toISOString(),
    }),
  })
  if (booked.status !== 201) throw new Error(`holding ${from}–${to}: ${booked.status} ${await booked.text()}`)
}

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** A whole page, or only the viewport for a dialog (a full-page shot moves the fixed header over it). */
async function shot(page: Page, name: string, fullPage = true) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage })
}

async function expectFits(page: Page, what: string) {
  const size = await fitsViewport(page)
  expect(size.scrollWidth, what).toBeLessThanOrEqual(size.innerWidth)
}

/** Opens the room's booking form and sends a booking of `from`–`to` on DAY. */
async function bookRoom(page: Page, from: string, to: string) {
  await page.getByTestId('bookable-resource').filter({ hasText: ROOM }).getByTestId('resource-book').click()
  await page.getByTestId('booking-day').fill(DAY)
  await page.getByTestId('booking-start').fill(from)
  await page.getByTestId('booking-end').fill(to)
  await page.getByTestId('booking-purpose').fill(PURPOSE)
  await page.getByTestId('booking-submit').click()
}

const myCard = (page: Page) =>
  page.getByTestId('my-bookings').getByTestId('booking-card').filter({ hasText: PURPOSE })

describe('booking a shared resource (资源预约, issue 17)', () => {
  test('a member books the room on approval, an overlapping booking is refused on the form, the owner approves, the member sees it approved', async () => {
    const booker = await newPage(browser, baseURL, { width: 1440, height: 900 })
    const owner = await newPage(browser, baseURL, { width: 1440, height: 900 })
    try {
      // ---- member_demo: 资源预约 → the room → 15:00–16:00, sent for approval.
      const { page } = booker
      await logIn(page, 'member_demo')
      await (await navEntry(page, 'resourceBookings')).click()
      await waitForPath(page, '/resource-bookings')
      await bookRoom(page, '15:00', '16:00')
      await page.getByText('已提交，等待提供方审批').waitFor()
      await page.getByTestId('booking-tab-mine').click()
      await waitForText(myCard(page).getByTestId('booking-status'), '待审批')

      // ---- a second booking of 15:30–16:30 meets the pending one: refused, the reason on the form.
      await page.getByTestId('booking-tab-resources').click()
      await bookRoom(page, '15:30', '16:30')
      await waitForText(page.getByTestId('booking-error'), '该时段资源已被预约')
      await waitForText(page.getByTestId('booking-taken'), '待审批')
      await page.keyboard.press('Escape')
      await page.getByTestId('booking-tab-mine').click()
      expect(await myCard(page).count()).toBe(1)
      expect(booker.pageErrors).toEqual([])

      // ---- provider_demo, the room's owner: the request waits in the queue; approve it.
      const desk = owner.page
      await logIn(desk, 'provider_demo')
      await (await navEntry(desk, 'resourceBookings')).click()
      await waitForPath(desk, '/resource-bookings')
      await desk.getByTestId('booking-tab-queue').click()
      const request = desk
        .getByTestId('booking-queue')
        .getByTestId('booking-card')
        .filter({ hasText: PURPOSE })
      await waitForText(request, '王小青')
      await request.getByTestId('booking-decision-note').fill('请提前十分钟到前台领取门卡')
      await request.getByTestId('booking-approve').click()
      await request.waitFor({ state: 'detached' })
      expect(owner.pageErrors).toEqual([])

      // ---- the member sees it approved, with the owner's note.
      await page.reload()
      await waitForText(myCard(page).getByTestId('booking-status'), '已确认')
      expect(await myCard(page).getByTestId('booking-status').getAttribute('data-status')).toBe('approved')
      await waitForText(myCard(page).getByTestId('booking-note'), '请提前十分钟到前台领取门卡')
      expect(booker.pageErrors).toEqual([])
    } finally {
      await booker.context.close()
      await owner.context.close()
    }
  })

  test('the pages fit a phone and a desktop in both languages', async () => {
    await holdSlot('10:00', '11:00')
    for (const size of [
      { width: 390, height: 844, phone: true },
      { width: 1440, height: 900, phone: false },
    ]) {
      const booker = await newPage(browser, baseURL, size)
      const owner = await newPage(browser, baseURL, size)
      try {
        await logIn(booker.page, 'member_demo')
        await logIn(owner.page, 'provider_demo')
        for (const lang of ['zh-CN', 'en-US'] as const) {
          const tag = `${size.width}-${lang === 'zh-CN' ? 'zh' : 'en'}`
          const { page } = booker
          await page.evaluate((l) => localStorage.setItem('tongxin.lang', l), lang)
          await page.goto('/resource-bookings')
          await page.getByTestId('bookable-resource').filter({ hasText: ROOM }).waitFor()
          await expectFits(page, `resources ${tag}`)
          await shot(page, `resource-booking-list-${tag}`)
          // The refusal in the page's language.
          await bookRoom(page, '10:00', '11:00')
          await waitForText(
            page.getByTestId('booking-error'),
            lang === 'zh-CN' ? '该时段资源已被预约' : 'The resource is already booked',
          )
          await shot(page, `resource-booking-form-${tag}`, false)
          await page.keyboard.press('Escape')
          await page.getByTestId('booking-tab-mine').click()
          await page.getByTestId('my-bookings').getByTestId('booking-card').first().waitFor()
          await expectFits(page, `mine ${tag}`)
          await shot(page, `resource-booking-mine-${tag}`)

          const desk = owner.page
          await desk.evaluate((l) => localStorage.setItem('tongxin.lang', l), lang)
          await desk.goto('/resource-bookings?tab=queue')
          await desk.getByTestId('booking-queue').waitFor()
          await expectFits(desk, `queue ${tag}`)
          // All three tabs in view: antd folds tabs that do not fit into a "…" menu rather than overflowing.
          expect(
            await desk.locator('.ant-tabs-nav-operations:not(.ant-tabs-nav-operations-hidden)').count(),
            `tabs folded ${tag}`,
          ).toBe(0)
          await shot(desk, `resource-booking-queue-${tag}`)
        }
        expect(booker.pageErrors).toEqual([])
        expect(owner.pageErrors).toEqual([])
      } finally {
        await booker.context.close()
        await owner.context.close()
      }
    }
  })

  test('the member cancels the approved booking from my bookings, and the slot can be booked again', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'member_demo')
      await page.goto('/resource-bookings?tab=mine')
      const card = myCard(page).filter({ has: page.locator('[data-status="approved"]') })
      await card.getByTestId('booking-cancel').click()
      await page.locator('.ant-popconfirm .ant-btn-primary').click()
      await waitForText(myCard(page).getByTestId('booking-status'), '已取消')
      await page.getByTestId('booking-tab-resources').click()
      await bookRoom(page, '15:00', '16:00')
      await page.getByText('已提交，等待提供方审批').waitFor()
      await page.getByTestId('booking-tab-mine').click()
      await myCard(page)
        .filter({ has: page.locator('[data-status="pending"]') })
        .waitFor()
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
