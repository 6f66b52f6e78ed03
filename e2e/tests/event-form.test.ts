import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/** `YYYY-MM-DDTHH:mm` in Shanghai time, `days` from now at `hour`, for a datetime-local input. */
const localAt = (days: number, hour: number) =>
  `${new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`

describe('a branch secretary publishes an event for their own members', () => {
  test('the form names their organisation as organiser; members-only limits the audience to it', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, { width: 1280, height: 900 })
    try {
      const me = await logIn(page, 'secretary_demo')
      const org = me.grants.find((g) => g.scopeType === 'party_org')
      expect(org?.scopeId).toBeTruthy()
      await page.goto('/events/new')
      await page.getByTestId('event-name').fill('支部主题党日（E2E）')
      // The organiser is preset to the secretary's organisation, which opens the members-only choice.
      await page.getByTestId('event-members-only').click()
      await page.getByTestId('event-start').fill(localAt(20, 14))
      await page.getByTestId('event-end').fill(localAt(20, 16))
      await page.getByTestId('event-submit').click()
      await page.waitForURL(/\/events\/\d+$/)
      const id = Number(new URL(page.url()).pathname.split('/').pop())
      const event = await page.evaluate(async (eventId) => {
        const res = await fetch(`/api/events/${eventId}`)
        return (await res.json()) as { audience: string; audienceIds: number[]; canManage: boolean }
      }, id)
      expect(event).toMatchObject({ audience: 'orgs', audienceIds: [Number(org!.scopeId)], canManage: true })
      await waitForText(page.locator('main'), '支部主题党日（E2E）')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
