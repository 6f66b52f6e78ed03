import type { Me } from '@tongxin/contracts'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'

export const DEMO_PASSWORD = 'tongxin-demo'

export async function newPage(
  browser: Browser,
  baseURL: string,
  options: { width?: number; height?: number; phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  // A fresh context per journey: no cookies or stored language leak between users.
  const context = await browser.newContext({
    baseURL,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    isMobile: options.phone ?? false,
    hasTouch: options.phone ?? false,
    locale: 'zh-CN',
  })
  // Generous: a step waits only as long as the page needs, the limit matters only when it never comes.
  context.setDefaultTimeout(45_000)
  const page = await context.newPage()
  // Uncaught exceptions in the app fail the journey even when the screen happens to look right.
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  return { context, page, pageErrors }
}

/** Waits until the locator shows `text` (playwright-core has no auto-retrying `expect`). */
export async function waitForText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible' })
}

export async function pathname(page: Page): Promise<string> {
  return new URL(page.url()).pathname
}

export async function waitForPath(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname === path)
}

/** Fills and submits the login form; returns the server's answer to the login request. */
export async function submitLogin(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
    page.getByTestId('login-submit').click(),
  ])
  return response
}

export async function logIn(page: Page, username: string): Promise<Me> {
  await page.goto('/login')
  const response = await submitLogin(page, username, DEMO_PASSWORD)
  if (response.status() !== 200) {
    throw new Error(`login as ${username} failed: ${response.status()} ${await response.text()}`)
  }
  const me = (await response.json()) as Me
  await page.getByTestId('home-greeting').waitFor()
  return me
}

/** True when the page is no wider than the viewport (no sideways scrolling on phones). */
export async function fitsViewport(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }))
}

/**
 * The menu entry `key`, its group opened first: the menu is grouped with one group open at a time, and a
 * closed group's entries are not in the page (its heading lists them in `data-entries`).
 */
export async function navEntry(page: Page, key: string): Promise<Locator> {
  const link = page.getByTestId(`nav-${key}`)
  const group = page.locator(`[data-testid^="nav-group-"][data-entries~="${key}"]`)
  await link.or(group).first().waitFor()
  if (!(await link.isVisible())) await group.click()
  await link.waitFor()
  // A click that lands while the group is still unfolding can miss its entry (a registry journey lost its
  // way to /imports on a loaded machine); the entry is clicked only once the menu stands still.
  await page.waitForFunction(() => !document.querySelector('.ant-motion-collapse'))
  return link
}

/**
 * Opens the antd select `trigger` and clicks its option (the first, or the first containing `text`). A select
 * picked a moment before keeps its closing dropdown, still visible, for the length of its animation; an option
 * taken from it is detached mid-click. So this waits until no other dropdown is open before opening its own.
 */
export async function chooseOption(page: Page, trigger: Locator, text?: string | RegExp): Promise<void> {
  const open = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)'
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, open)
  await trigger.click()
  const options = page.locator(`${open} .ant-select-item-option`)
  await (text === undefined ? options : options.filter({ hasText: text })).first().click()
}
