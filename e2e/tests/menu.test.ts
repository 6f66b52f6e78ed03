import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { zhCNOrglife } from '../../web/src/i18n/zh-CN.orglife.ts'
import { zhCNShell } from '../../web/src/i18n/zh-CN.ts'
import { zhCNVolunteers } from '../../web/src/i18n/zh-CN.volunteers.ts'
import { launchBrowser } from '../browser.ts'
import { logIn, newPage, pathname } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/**
 * What a page says to someone it is not for. Issue 13: 点位协调 and 我的组织生活 sat in everyone's menu and
 * answered most with this; 午间巡查 and 楼层星级, a building's own tasks, in the menu of members of a whole
 * street (checked by `hidden` below: their page says only that no route is set up).
 */
const NOT_FOR_YOU = [
  zhCNShell.forbidden.title,
  zhCNShell.forbidden.subTitle,
  zhCNVolunteers.coord.none,
  zhCNOrglife.me.notLinked,
]

const SIDER = '.ant-layout-sider'
const DRAWER = '.ant-drawer-section'
const sider = (page: Page) => page.locator(SIDER)
const groupsIn = (page: Page, root = sider(page)) => root.locator('[data-testid^="nav-group-"]')

const isOpen = (group: Locator) =>
  group.evaluate(
    (el) => el.closest('.ant-menu-submenu')?.classList.contains('ant-menu-submenu-open') ?? false,
  )

/** Closes every group the menu shows open (the current page's group opens by itself). */
async function collapseAll(page: Page, rootSelector: string) {
  for (const g of await groupsIn(page, page.locator(rootSelector)).all()) {
    if (await isOpen(g)) await g.click()
  }
  // Until the closing animation has run: the height is measured after it.
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.querySelector('.ant-menu-sub:not(.ant-menu-hidden)') === null,
    rootSelector,
  )
}

/** Every entry the menu offers, opening each group in turn. */
async function entriesOf(page: Page): Promise<{ key: string; href: string }[]> {
  const out = new Map<string, string>()
  const collect = async () => {
    for (const link of await sider(page).locator('a[data-testid^="nav-"]:visible').all()) {
      const key = (await link.getAttribute('data-testid'))!.slice('nav-'.length)
      out.set(key, (await link.getAttribute('href'))!)
    }
  }
  await collect()
  for (const g of await groupsIn(page).all()) {
    if (!(await isOpen(g))) await g.click()
    await page.waitForFunction(() => !document.querySelector('.ant-motion-collapse'))
    await collect()
  }
  return [...out].map(([key, href]) => ({ key, href }))
}

const ROLES = [
  { who: 'street admin', username: 'hongmei_admin', sees: ['coverage', 'volunteerCoordination'] },
  {
    who: 'building chief',
    username: 'chief_demo',
    sees: ['coverage', 'wastePatrol'],
    // Coordinates no duty point; not linked to a party member's record.
    hidden: ['volunteerCoordination', 'myOrglife'],
  },
  {
    who: 'volunteer',
    username: 'volunteer_demo',
    sees: ['volunteerShifts', 'myVolunteering'],
    hidden: ['volunteerCoordination', 'wastePatrol', 'wasteStars', 'myOrglife'],
  },
  {
    who: 'provider',
    username: 'provider_demo',
    sees: ['orders', 'myOfferings', 'wishes'],
    hidden: ['volunteerCoordination', 'wastePatrol', 'myOrglife'],
  },
  // A member by role, named coordinator of ten points: the entry is theirs.
  { who: 'named coordinator', username: 'coordinator_demo', sees: ['volunteerCoordination'] },
  // A party member linked to their record.
  { who: 'party member', username: 'member_demo', sees: ['myOrglife', 'wishes'], hidden: ['wastePatrol'] },
] as const

describe('the menu per role (issue 13 item 3)', () => {
  test.each(ROLES)(
    '$who: at most 7 groups, fits 1440×900 collapsed, every entry is for them',
    async (role) => {
      const { context, page, pageErrors } = await newPage(browser, baseURL, { width: 1440, height: 900 })
      try {
        await logIn(page, role.username)
        await sider(page).waitFor()
        expect(await groupsIn(page).count()).toBeLessThanOrEqual(7)
        await collapseAll(page, SIDER)
        const { menu, viewport } = await sider(page).evaluate((el) => ({
          menu: el.scrollHeight,
          viewport: window.innerHeight,
        }))
        expect(menu, 'the menu with its groups collapsed').toBeLessThanOrEqual(viewport)

        const entries = await entriesOf(page)
        const keys = entries.map((e) => e.key)
        for (const k of role.sees) expect(keys, role.username).toContain(k)
        for (const k of 'hidden' in role ? role.hidden : []) expect(keys, role.username).not.toContain(k)

        for (const { key, href } of entries) {
          await page.goto(href)
          await page.waitForLoadState('networkidle')
          await page.locator('.ant-skeleton').first().waitFor({ state: 'detached' })
          const text = (await page.locator('main').textContent()) ?? ''
          for (const phrase of NOT_FOR_YOU)
            expect(text, `${role.username} ${key} ${href}`).not.toContain(phrase)
          expect(await pathname(page), key).toBe(href.split('?')[0])
        }
        expect(pageErrors).toEqual([])
      } finally {
        await context.close()
      }
    },
    // A street admin's menu opens ~43 pages: 95-220 s on a loaded machine. A bound against hangs, not a speed claim.
    900_000,
  )

  test('the collapse control never covers an entry, even with the longest group open', async () => {
    const { context, page } = await newPage(browser, baseURL, { width: 1440, height: 700 })
    try {
      await logIn(page, 'admin')
      // antd's own trigger (fixed to the window's bottom) before issue 13, ours after.
      const trigger = page.locator('[data-testid="nav-collapse"], .ant-layout-sider-trigger').first()
      // No entry the window shows may lie under the control: where the page or the menu stands as it opened
      // (antd's fixed trigger sat over whatever entry reached the window's bottom), then scrolled to the end.
      const clear = async (what: string) => {
        const b = (await trigger.boundingBox())!
        expect(b.y + b.height, 'the control is inside the window').toBeLessThanOrEqual(700)
        // What the window shows of each entry: clipped by the menu's scrolling box, if any, and the window.
        const covered = await sider(page).evaluate((el, c) => {
          const box = (el.querySelector('[data-testid="nav-scroll"]') ?? el).getBoundingClientRect()
          const under: string[] = []
          for (const a of el.querySelectorAll('a[data-testid^="nav-"]')) {
            const r = a.getBoundingClientRect()
            if (r.height === 0) continue
            const top = Math.max(r.top, box.top, 0)
            const bottom = Math.min(r.bottom, box.bottom, window.innerHeight)
            if (top < bottom && top < c.y + c.height && bottom > c.y) under.push(a.textContent ?? '')
          }
          return under
        }, b)
        expect(covered, `${what}: entries under the control`).toEqual([])
      }
      const lastClear = async (what: string) => {
        await clear(what)
        await sider(page).locator('a[data-testid^="nav-"]:visible').last().scrollIntoViewIfNeeded()
        await clear(`${what}, scrolled`)
      }
      await lastClear('as opened')
      for (const g of await groupsIn(page).all()) {
        if (!(await isOpen(g))) await g.click()
        await page.waitForFunction(() => !document.querySelector('.ant-motion-collapse'))
        await lastClear((await g.textContent()) ?? '')
      }
    } finally {
      await context.close()
    }
  })

  test('on a phone the drawer fits the screen with its groups collapsed', async () => {
    for (const username of ['hongmei_admin', 'volunteer_demo']) {
      const { context, page } = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
      try {
        await logIn(page, username)
        await page.getByTestId('nav-toggle').click()
        const drawer = page.locator(DRAWER)
        await drawer.waitFor()
        expect(await groupsIn(page, drawer).count()).toBeLessThanOrEqual(7)
        await collapseAll(page, DRAWER)
        const height = await drawer.locator('.ant-drawer-body').evaluate((el) => el.scrollHeight)
        const room = await drawer.locator('.ant-drawer-body').evaluate((el) => el.clientHeight)
        expect(height, username).toBeLessThanOrEqual(room)
      } finally {
        await context.close()
      }
    }
  })
})
