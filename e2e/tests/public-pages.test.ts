import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { demoSlug } from '../../db/demo/surveys.common.ts'
import { launchBrowser } from '../browser.ts'
import { DEMO_PASSWORD, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

// Issue 13: the budget of a page without login. scripts/check-bundle-budget.mjs holds the build to it; this
// holds what a real browser is sent by the real server, lazy loads included.
const PUBLIC_BUDGET_BYTES = 250_000
const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Every script the page fetched until `ready` showed, with what the server said about it. */
async function scriptsOf(page: Page, path: string, ready: string) {
  const scripts: Response[] = []
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r)
  })
  await page.goto(path)
  await page.locator(ready).first().waitFor()
  return Promise.all(
    scripts.map(async (r) => ({
      path: new URL(r.url()).pathname,
      headers: await r.allHeaders(),
      bytes: Number((await r.allHeaders())['content-length']),
    })),
  )
}

describe('pages without login on a phone', () => {
  test.each([
    ['kiosk', '/kiosk/waste', '[data-testid="waste-kiosk-input"]'],
    ['survey', `/survey/${demoSlug('jinhai-welfare')}`, '[data-testid="survey-submit"]'],
    ['login', '/login', '[data-testid="login-submit"]'],
    // Without an invitation in the link the page says so at once; its code is all loaded by then.
    ['sign-up', '/join', '[data-testid="signup-invalid"]'],
    // A letter number and signature that do not match: the server's answer is rendered with its messages.
    ['letter check', '/verify-letter?no=X-0&sig=0', '[data-testid="letter-invalid"]'],
  ])('%s: compressed, cached for good, within the budget, without the desk', async (_name, path, ready) => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      const scripts = await scriptsOf(page, path, ready)
      expect(scripts.length).toBeGreaterThan(0)
      for (const s of scripts) {
        expect(s.path, 'a hashed asset').toMatch(/^\/assets\/[\w.-]+\.js$/)
        // The build keeps no compressed twin of a file under 1 kB (web/build/precompress.ts).
        if (s.headers['content-encoding'] === undefined)
          expect(s.bytes, `${s.path} uncompressed`).toBeLessThan(1024)
        else expect(['br', 'gzip'], `${s.path} content-encoding`).toContain(s.headers['content-encoding'])
        expect(s.headers['cache-control'], s.path).toBe(IMMUTABLE)
        expect(s.headers.vary?.toLowerCase(), s.path).toContain('accept-encoding')
        // The signed-in desk (menu, layout, every module) and the charts are not for these pages.
        expect(s.path).not.toMatch(/\/(Desk|AppLayout|echarts|en-US)-/)
      }
      const total = scripts.reduce((sum, s) => sum + s.bytes, 0)
      expect(total, scripts.map((s) => `${s.path} ${s.bytes}`).join('\n')).toBeLessThanOrEqual(
        PUBLIC_BUDGET_BYTES,
      )
      // The page's messages came with it: no message key shown in place of its text.
      expect((await page.locator('body').textContent()) ?? '').not.toMatch(/\b[a-z]+\.[a-z]+\.[a-zA-Z]+\b/)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('index.html shows a skeleton before any script runs, and is revalidated on every visit', async () => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: 'zh-CN' })
    try {
      const page = await context.newPage()
      const response = await page.goto('/kiosk/waste')
      expect(response?.headers()['cache-control']).toBe('no-cache')
      await waitForText(page.getByTestId('boot-skeleton'), '加载中')
      await waitForText(page.getByTestId('boot-skeleton'), '同心 · 楼宇党建与社区服务平台')
    } finally {
      await context.close()
    }
  })

  test('login without a username or password says which is missing and sends nothing', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      let loginRequests = 0
      page.on('request', (r) => {
        if (r.url().endsWith('/api/auth/login')) loginRequests++
      })
      await page.goto('/login')
      await page.getByTestId('login-password').fill('something')
      await page.getByTestId('login-username').fill('   ')
      await page.getByTestId('login-submit').click()
      await waitForText(page.getByRole('alert'), '请输入用户名')
      expect(await page.getByRole('alert').filter({ hasText: '请输入密码' }).count()).toBe(0)
      expect(await page.getByTestId('login-username').getAttribute('aria-invalid')).toBe('true')

      // Typing clears the message; an empty password is caught on the next submit.
      await page.getByTestId('login-username').fill('admin')
      await page.getByRole('alert').filter({ hasText: '请输入用户名' }).waitFor({ state: 'detached' })
      await page.getByTestId('login-password').fill('')
      await page.getByTestId('login-submit').click()
      await waitForText(page.getByRole('alert'), '请输入密码')
      expect(loginRequests).toBe(0)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('sign-up says which fields are wrong, in words, before sending anything', async () => {
    const login = await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    })
    expect(login.status).toBe(200)
    const { csrfToken } = (await login.json()) as { csrfToken: string }
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const created = await fetch(`${baseURL}/api/invitations`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        role: 'member',
        scopeType: 'area',
        scopeId: '310120002',
        maxUses: 1,
        expiresInDays: 1,
      }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const { url } = (await created.json()) as { url: string }

    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      let sent = 0
      page.on('request', (r) => {
        if (r.url().endsWith('/api/signup')) sent++
      })
      await page.goto(`/join${url.slice(url.indexOf('#'))}`)
      await page.getByTestId('signup-info').waitFor()
      await page.getByTestId('signup-username').fill('Not A Name!')
      await page.getByTestId('signup-phone').fill('12345')
      await page.getByTestId('new-password').fill('a-long-enough-password')
      await page.getByTestId('confirm-password').fill('something else')
      await page.getByTestId('signup-submit').click()
      const alerts = page.getByRole('alert')
      await waitForText(alerts, '3–32 位小写字母、数字或 _ . -')
      await waitForText(alerts, '必填') // the name
      await waitForText(alerts, '请输入 11 位手机号')
      await waitForText(alerts, '两次输入的新密码不一致')
      expect(await alerts.count()).toBe(4)
      expect(await page.getByTestId('signup-phone').getAttribute('aria-invalid')).toBe('true')

      // Fixing a field clears its message.
      await page.getByTestId('signup-phone').fill('')
      await alerts.filter({ hasText: '请输入 11 位手机号' }).waitFor({ state: 'detached' })
      expect(sent).toBe(0)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('a visitor who chose English gets English on a public page, fetched on demand', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await context.addInitScript(() => localStorage.setItem('tongxin.lang', 'en-US'))
      const english = page.waitForResponse((r) => /\/assets\/en-US-[\w-]+\.js$/.test(r.url()))
      await page.goto('/login')
      await english
      await waitForText(page.locator('h3'), 'Tongxin · Building Party-Building & Community Services')
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
