import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import {
  DEMO_PASSWORD,
  fitsViewport,
  logIn,
  newPage,
  submitLogin,
  waitForPath,
  waitForText,
} from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser
/** Set to a directory to keep screenshots of the account pages (390 and 1440 px, both languages). */
const SHOTS = process.env.TONGXIN_SCREENSHOTS

const NANQIAO = '310120101'
const BUILDING = '南桥金融大厦'
const CHIEF = 'jinrong_chief'
const CHIEF_PASSWORD = 'wutong-jiangfeng-lantern-7'
const NEW_PASSWORD = 'osmanthus-harbour-kite-31'
const NEED = '金融大厦员工需要劳动合同法律咨询（账号 E2E）'

async function shot(page: Page, name: string) {
  if (!SHOTS) return
  await mkdir(SHOTS, { recursive: true })
  // Drawers and modals slide in: the picture is taken once their animations end, not halfway.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))))
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

async function apiSession(username: string) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`)
  const me = (await login.json()) as { csrfToken: string; grants: { scopeType: string; scopeId: string }[] }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { me, headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' } }
}

/** The page's own session posts, as the app would (CSRF token from the readable cookie). */
async function postAs(page: Page, url: string, data: object) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tx_csrf')?.value ?? ''
  return page.request.post(url, { data, headers: { 'x-csrf-token': csrf } })
}

let provider: Awaited<ReturnType<typeof apiSession>>
let inviteUrl = ''

beforeAll(async () => {
  browser = await launchBrowser()
  // provider_demo offers legal advice in 南桥镇, so it can take the new chief's need.
  provider = await apiSession('provider_demo')
  const unit = provider.me.grants.find((g) => g.scopeType === 'unit')
  const offering = await fetch(`${baseURL}/api/offerings`, {
    method: 'POST',
    headers: provider.headers,
    body: JSON.stringify({
      providerUnitId: Number(unit?.scopeId),
      list: 'service',
      categoryCode: 'community.legal',
      name: '劳动法律咨询（账号 E2E）',
      areaCodes: [NANQIAO],
      capacityConcurrent: 10,
    }),
  })
  expect(offering.status, await offering.clone().text()).toBe(201)
})

afterAll(async () => {
  await browser?.close()
})

describe('accounts', () => {
  test('a street admin invites a chief by link; the chief signs up on a phone and opens a claimed need from the bell', async () => {
    const admin = await newPage(browser, baseURL, { width: 1440, height: 900 })
    try {
      await logIn(admin.page, 'nanqiao_admin')
      await admin.page.goto('/invitations')
      await admin.page.getByTestId('invite-create').click()
      // Staff start with "a role on a place", role 楼长: pick the building.
      const scope = admin.page.getByTestId('scope-building')
      await scope.click()
      await admin.page.keyboard.type(BUILDING)
      await admin.page.locator('.ant-select-item-option').filter({ hasText: BUILDING }).first().click()
      await admin.page.getByTestId('invite-submit').click()
      const url = admin.page.getByTestId('invite-url')
      await url.waitFor()
      inviteUrl = await url.inputValue()
      expect(inviteUrl).toMatch(/\/join#[A-Za-z0-9_-]{32}$/)
      await admin.page.getByTestId('invite-qr').waitFor()
      await shot(admin.page, 'invitation-link-1440-zh')
      expect(admin.pageErrors).toEqual([])
    } finally {
      await admin.context.close()
    }

    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await page.goto(inviteUrl)
      await waitForText(page.getByTestId('signup-info'), BUILDING)
      await waitForText(page.getByTestId('signup-info'), '楼长')
      await page.getByTestId('signup-username').fill(CHIEF)
      await page.getByTestId('signup-name').fill('金融大厦楼长')
      await page.getByTestId('signup-phone').fill('13912340001')
      // A weak password is called weak as it is typed.
      await page.getByTestId('new-password').fill('password123')
      await page.getByTestId('password-hint').waitFor()
      await page.getByTestId('new-password').fill(CHIEF_PASSWORD)
      await page.getByTestId('confirm-password').fill(CHIEF_PASSWORD)
      await waitForText(page.getByTestId('password-strength-label'), /强/)
      const fits = await fitsViewport(page)
      expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
      await shot(page, 'signup-390-zh')
      await page.getByTestId('signup-submit').click()
      await page.getByTestId('home-greeting').waitFor()
      await waitForText(page.getByTestId('home-greeting'), '金融大厦楼长')

      // The chief posts a need for the building; the provider takes it.
      const me = (await (await page.request.get('/api/auth/me')).json()) as {
        grants: { scopeType: string; scopeId: string }[]
      }
      const building = me.grants.find((g) => g.scopeType === 'building')
      const posted = await postAs(page, '/api/needs', {
        categoryCode: 'community.legal',
        description: NEED,
        buildingId: Number(building?.scopeId),
      })
      expect(posted.status(), await posted.text()).toBe(201)
      const needId = ((await posted.json()) as { id: number }).id
      const claim = await fetch(`${baseURL}/api/needs/${needId}/actions`, {
        method: 'POST',
        headers: provider.headers,
        body: JSON.stringify({ action: 'claim' }),
      })
      expect(claim.status, await claim.clone().text()).toBe(200)

      await page.reload()
      await waitForText(page.getByTestId('notify-count'), '1')
      await page.getByTestId('notify-bell').click()
      await waitForPath(page, '/notifications')
      const notice = page.locator('[data-testid^="notice-"]').filter({ hasText: NEED }).first()
      await waitForText(notice, '需求已被接单')
      await notice.click()
      await waitForPath(page, `/my-needs/${needId}`)
      await waitForText(page.getByTestId('need-state'), '已接单')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('an admin resets a forgotten password; the first login must set a new one', async () => {
    const admin = await newPage(browser, baseURL, { width: 1440, height: 900 })
    let temporary = ''
    try {
      await logIn(admin.page, 'nanqiao_admin')
      // The street admin who sent the invitation heard that the chief took it, and the notice leads to accounts.
      await admin.page.getByTestId('notify-bell').click()
      await waitForPath(admin.page, '/notifications')
      const accepted = admin.page
        .locator('[data-testid^="notice-"]')
        .filter({ hasText: '邀请已接受' })
        .filter({ hasText: '金融大厦楼长' })
        .first()
      await accepted.click()
      await waitForPath(admin.page, '/accounts')
      await admin.page.goto(`/accounts?q=${CHIEF}`)
      await admin.page
        .getByTestId('accounts-table')
        .locator('tbody tr')
        .filter({ hasText: CHIEF })
        .first()
        .click()
      await admin.page.getByTestId('account-reset').click()
      await admin.page.getByTestId('reset-confirm').click()
      const code = admin.page.getByTestId('reset-password')
      await code.waitFor()
      temporary = (await code.textContent())?.trim() ?? ''
      expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
      await shot(admin.page, 'account-reset-1440-zh')
      expect(admin.pageErrors).toEqual([])
    } finally {
      await admin.context.close()
    }

    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await page.goto('/login')
      expect((await submitLogin(page, CHIEF, CHIEF_PASSWORD)).status()).toBe(401)
      expect((await submitLogin(page, CHIEF, temporary)).status()).toBe(200)
      await page.getByTestId('forced-password').waitFor()
      // The server holds the line too, not only this page.
      expect((await page.request.get('/api/notifications/unread-count')).status()).toBe(403)
      await shot(page, 'forced-password-390-zh')
      await page.getByTestId('new-password').fill(NEW_PASSWORD)
      await page.getByTestId('confirm-password').fill(NEW_PASSWORD)
      await page.getByTestId('password-submit').click()
      await page.getByTestId('home-greeting').waitFor()
      expect((await page.request.get('/api/notifications/unread-count')).status()).toBe(200)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  // The pages a newcomer sees before the shell: the sign-up form and the forced change of password. Their
  // invitations stay open, so the invitation list below has rows in its pictures.
  for (const lang of ['zh', 'en'] as const) {
    for (const width of [1440, 390]) {
      test(`the sign-up and forced-change pages fit ${width} px and read in ${lang}`, async () => {
        const admin = await apiSession('nanqiao_admin')
        const invited = await fetch(`${baseURL}/api/invitations`, {
          method: 'POST',
          headers: admin.headers,
          body: JSON.stringify({
            role: 'member',
            scopeType: 'area',
            scopeId: NANQIAO,
            maxUses: 1,
            expiresInDays: 7,
          }),
        })
        expect(invited.status, await invited.clone().text()).toBe(201)
        const token = ((await invited.json()) as { url: string }).url.split('#')[1]
        const username = `shot_${lang}_${width}`
        const created = await fetch(`${baseURL}/api/accounts`, {
          method: 'POST',
          headers: admin.headers,
          body: JSON.stringify({
            username,
            displayName: '截图用户',
            grants: [{ role: 'member', scopeType: 'area', scopeId: NANQIAO }],
          }),
        })
        expect(created.status, await created.clone().text()).toBe(201)
        const temporary = ((await created.json()) as { temporary: { temporaryPassword: string } }).temporary
          .temporaryPassword

        const { context, page, pageErrors } = await newPage(browser, baseURL, {
          width,
          height: width === 390 ? 844 : 900,
          phone: width === 390,
        })
        try {
          await page.goto('/login')
          if (lang === 'en') await page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
          await page.goto(`/join#${token}`)
          await waitForText(page.getByTestId('signup-info'), lang === 'en' ? 'Member' : '党员')
          let fits = await fitsViewport(page)
          expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
          await shot(page, `join-${width}-${lang}`)
          await page.goto('/login')
          expect((await submitLogin(page, username, temporary)).status()).toBe(200)
          await page.getByTestId('forced-password').waitFor()
          fits = await fitsViewport(page)
          expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
          await shot(page, `forced-${width}-${lang}`)
          expect(pageErrors).toEqual([])
        } finally {
          await context.close()
        }
      })
    }
  }

  // One test per language and width: twenty-odd pages and drawers in one test outran its time on a busy machine.
  for (const lang of ['zh', 'en'] as const) {
    for (const width of [1440, 390]) {
      test(`the account pages fit ${width} px and read in ${lang}`, async () => {
        const { context, page, pageErrors } = await newPage(browser, baseURL, {
          width,
          height: width === 390 ? 844 : 900,
        })
        try {
          await logIn(page, 'nanqiao_admin')
          if (lang === 'en') await page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
          await page.goto('/accounts')
          await page.getByTestId('accounts-table').locator('tbody tr.ant-table-row').first().waitFor()
          await waitForText(page.getByTestId('account-create'), lang === 'en' ? 'New account' : '新建账号')
          await shot(page, `accounts-${width}-${lang}`)
          await page.getByTestId('account-create').click()
          await page.getByTestId('create-username').waitFor()
          await shot(page, `account-create-${width}-${lang}`)
          await page.keyboard.press('Escape')
          await page.getByTestId('account-import-open').click()
          await page.getByTestId('account-import').waitFor()
          await shot(page, `account-import-${width}-${lang}`)
          await page.keyboard.press('Escape')
          await page.goto('/invitations')
          await page.getByTestId('invite-create').waitFor()
          await page.waitForLoadState('networkidle')
          const fits = await fitsViewport(page)
          expect(fits.scrollWidth).toBeLessThanOrEqual(fits.innerWidth)
          await shot(page, `invitations-${width}-${lang}`)
          await page.getByTestId('invite-create').click()
          await page.getByTestId('invite-submit').waitFor()
          await shot(page, `invitation-create-${width}-${lang}`)
          await page.keyboard.press('Escape')
          await page.goto('/password')
          await page.getByTestId('password-submit').waitFor()
          await shot(page, `password-${width}-${lang}`)
          expect(pageErrors).toEqual([])
        } finally {
          await context.close()
        }
      })
    }
  }

  test('a link that is not an invitation says so', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await page.goto('/login')
      await page.evaluate(() => localStorage.setItem('tongxin.lang', 'en-US'))
      await page.goto('/join#not-a-real-token-at-all-000000')
      await page.getByTestId('signup-invalid').waitFor()
      await waitForText(page.getByTestId('signup-invalid'), /invalid or has expired/)
      await shot(page, 'signup-invalid-390-en')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
