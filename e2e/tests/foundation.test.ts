import type { ErrorBody } from '@tongxin/contracts'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { logIn, navEntry, newPage, pathname, submitLogin, waitForPath, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('foundation journey', () => {
  test('admin signs in, switches language, meets a 404 and signs out', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await page.goto('/')
      await waitForPath(page, '/login')
      // Chinese first, whatever else the browser prefers.
      await waitForText(page.locator('h3'), '同心 · 楼宇党建与社区服务平台')

      const failed = await submitLogin(page, 'admin', 'not-the-password')
      expect(failed.status()).toBe(401)
      expect(failed.request().headers()['accept-language']).toBe('zh-CN')
      const body = (await failed.json()) as ErrorBody
      expect(body.message).toBeTruthy()
      await waitForText(page.getByTestId('login-error'), body.message)
      expect(await pathname(page)).toBe('/login')

      const me = await logIn(page, 'admin')
      expect(await pathname(page)).toBe('/')
      await waitForText(page.getByTestId('home-greeting'), me.account.displayName)
      await waitForText(page.getByTestId('nav-home'), '首页')
      await waitForText(await navEntry(page, 'accounts'), '账号管理')
      await waitForText(await navEntry(page, 'audit'), '审计日志')

      // The accounts list comes from the API and includes the demo accounts.
      await (await navEntry(page, 'accounts')).click()
      await waitForPath(page, '/accounts')
      await waitForText(page.getByTestId('accounts-table').locator('tr[data-row-key]'), 'member_demo')
      await (await navEntry(page, 'audit')).click()
      // The action in words, its code beneath.
      const signIns = page
        .getByTestId('audit-table')
        .locator('tr[data-row-key]')
        .filter({ hasText: 'auth.login' })
      await waitForText(signIns, '登录')
      await page.getByTestId('nav-home').click()
      await waitForPath(page, '/')

      await page.getByTestId('lang-option-en-US').click()
      await waitForText(page.getByTestId('nav-home'), 'Home')
      await waitForText(page.getByTestId('home-greeting'), `Hello, ${me.account.displayName}`)
      expect(await page.evaluate(() => localStorage.getItem('tongxin.lang'))).toBe('en-US')

      // The choice survives a reload, and API calls now ask for English.
      const [meRequest] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/api/auth/me')),
        page.reload(),
      ])
      expect(meRequest.headers()['accept-language']).toBe('en-US')
      await waitForText(page.getByTestId('nav-home'), 'Home')
      await waitForText(await navEntry(page, 'accounts'), 'Accounts')
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US')

      await page.goto('/no-such-page')
      await waitForText(page.getByTestId('not-found'), 'Page not found')
      await page.getByTestId('not-found').getByRole('button').click()
      await waitForPath(page, '/')

      await page.getByTestId('logout').click()
      await waitForPath(page, '/login')
      await page.goto('/')
      await waitForPath(page, '/login')
      // Signed out on the server too, not only in the page.
      const after = await page.request.get('/api/auth/me')
      expect(after.status()).toBe(401)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('login errors come in the chosen language', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await page.goto('/login')
      await page.getByTestId('lang-option-en-US').click()
      await waitForText(page.getByTestId('login-submit'), 'Sign in')
      const failed = await submitLogin(page, 'nobody', 'not-the-password')
      expect(failed.status()).toBe(401)
      expect(failed.request().headers()['accept-language']).toBe('en-US')
      const body = (await failed.json()) as ErrorBody
      // The server localises by Accept-Language: no Chinese left in the English message.
      expect(body.message).not.toMatch(/[\u4e00-\u9fff]/)
      await waitForText(page.getByTestId('login-error'), body.message)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('menu follows permissions: member_demo has no 账号管理, admin does', async () => {
    const member = await newPage(browser, baseURL)
    try {
      await logIn(member.page, 'member_demo')
      await waitForText(member.page.getByTestId('nav-home'), '首页')
      expect(await member.page.getByTestId('nav-accounts').count()).toBe(0)
      expect(await member.page.getByText('账号管理').count()).toBe(0)
      expect(await member.page.getByTestId('nav-audit').count()).toBe(0)
      // Typing the address does not get around the menu.
      await member.page.goto('/accounts')
      await member.page.getByTestId('forbidden').waitFor()
      expect(member.pageErrors).toEqual([])
    } finally {
      await member.context.close()
    }

    const admin = await newPage(browser, baseURL)
    try {
      await logIn(admin.page, 'admin')
      await waitForText(await navEntry(admin.page, 'accounts'), '账号管理')
    } finally {
      await admin.context.close()
    }
  })
})
