import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { DEMO_PASSWORD, fitsViewport, logIn, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

async function apiGet<T>(username: string, path: string): Promise<T> {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const res = await fetch(`${baseURL}${path}`, { headers: { cookie } })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('enterprise services', () => {
  test('district staff open a firm’s policy matches and see what it lacks for a near miss', async () => {
    // A demo firm one condition short of the incubator rent subsidy (found through the API, as staff would
    // from the policy's "units" panel).
    const policies = await apiGet<{ items: { id: number; title: string }[] }>(
      'fengxian_admin',
      '/api/enterprise/policies?inEffect=true',
    )
    const rent = policies.items.find((p) => p.title === '孵化器入驻企业房租补贴')!
    const units = await apiGet<{ nearlyQualified: { unitId: number; name: string; missing: string[] }[] }>(
      'fengxian_admin',
      `/api/enterprise/policies/${rent.id}/units`,
    )
    const near = units.nearlyQualified[0]!
    expect(near.missing[0]).toMatch(/^需满足：/)

    const { page, pageErrors } = await newPage(browser, baseURL)
    await logIn(page, 'fengxian_admin')
    await page.goto(`/enterprise/matches/${near.unitId}`)
    await waitForText(page.getByTestId('match-unit'), near.name)
    const nearCard = page.getByTestId('match-near')
    await waitForText(nearCard, '孵化器入驻企业房租补贴')
    await waitForText(nearCard, near.missing[0]!)

    // The policy library explains the same rule in plain Chinese; the editor checks a contradiction live.
    await page.goto('/enterprise/policies')
    await waitForText(page.getByTestId('policy-list'), '孵化状态为在孵，且从业人数不超过50人')
    await page.getByRole('button', { name: '新增政策' }).click()
    await waitForText(page.getByTestId('rule-explanation'), '从业人数不少于10人')
    expect(pageErrors).toEqual([])
  })

  test('anyone can open a published brand page on a phone', async () => {
    const brands = await apiGet<{ items: { id: number; name: string }[] }>(
      'fengxian_admin',
      '/api/enterprise/brands',
    )
    const brand = brands.items.find((b) => b.name.includes('晋心'))!
    const { page, pageErrors } = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    await page.goto(`/brand/${brand.id}`)
    await waitForText(page.getByTestId('brand-name'), brand.name)
    const { scrollWidth, innerWidth } = await fitsViewport(page)
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
    expect(pageErrors).toEqual([])
  })
})
