import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { SurveySummary } from '@tongxin/contracts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { logIn, newPage } from '../journey.ts'

/*
 * WCAG 2.1 AA, checked by axe-core in the real browser on the main pages of every role, in both languages.
 * Only serious and critical findings fail the test (contrast, missing names and labels); every finding is
 * printed so a failure says what to fix and where.
 */

const baseURL = inject('baseURL')
let browser: Browser

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const LANGS = ['zh-CN', 'en-US'] as const
type Lang = (typeof LANGS)[number]

/** The main pages of each demo account's work, at 1440 px (see the README's table of demo accounts). */
const ROLES: Array<{ username: string; role: string; pages: string[] }> = [
  { username: 'admin', role: 'city admin', pages: ['/', '/coverage', '/accounts', '/audit', '/operations'] },
  {
    username: 'fengpu_admin',
    role: 'street admin',
    pages: [
      '/',
      '/gaps',
      '/buildings',
      '/units',
      '/party-orgs',
      '/completeness',
      '/needs',
      '/events',
      '/surveys',
      '/waste-assessments',
      '/imports',
      '/enterprise/desk',
      '/enterprise/policies',
    ],
  },
  { username: 'chief_demo', role: 'building chief', pages: ['/', '/my-needs', '/waste-patrol'] },
  { username: 'secretary_demo', role: 'party committee secretary', pages: ['/', '/enterprise/brands'] },
  { username: 'branch_secretary', role: 'branch secretary', pages: ['/', '/orglife'] },
  { username: 'volunteer_demo', role: 'volunteer', pages: ['/', '/volunteer-shifts', '/my-volunteering'] },
  { username: 'coordinator_demo', role: 'volunteer coordinator', pages: ['/volunteer-coordination'] },
  { username: 'member_demo', role: 'member', pages: ['/', '/events', '/my-orglife'] },
  {
    username: 'provider_demo',
    role: 'provider',
    pages: ['/', '/orders', '/my-offerings', '/enterprise/incubators'],
  },
]

interface Finding {
  id: string
  impact: string
  help: string
  nodes: Array<{ target: string; detail: string }>
}

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/** Waits until the page has its data: no request in flight for a moment and no spinner left. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(
    () => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0,
  )
  // Entering animations (fades, zooms) end before the colours are measured.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
}

async function audit(page: Page): Promise<Finding[]> {
  await settle(page)
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a plain script, without types in the page.
    const axe = (window as any).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })
    // biome-ignore lint/suspicious/noExplicitAny: axe's result shape.
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      // biome-ignore lint/suspicious/noExplicitAny: axe's result shape.
      nodes: v.nodes.map((n: any) => {
        const data = n.any?.[0]?.data
        const colours =
          data?.fgColor && data?.bgColor
            ? ` ${data.fgColor} on ${data.bgColor} = ${data.contrastRatio}:1`
            : ''
        return { target: n.target.join(' '), detail: `${n.html.slice(0, 100)}${colours}` }
      }),
    }))
  })
}

const blocking = (f: Finding) => f.impact === 'serious' || f.impact === 'critical'

/** One line per page with its counts, then every serious or critical finding with its targets. */
function report(results: Array<{ page: string; findings: Finding[] }>): string {
  const lines: string[] = []
  for (const { page, findings } of results) {
    const bad = findings.filter(blocking)
    const count = bad.reduce((n, f) => n + f.nodes.length, 0)
    lines.push(`${page}: ${count} serious/critical node(s) in ${bad.length} rule(s)`)
    for (const f of bad) {
      lines.push(`  [${f.impact}] ${f.id} (${f.help}) × ${f.nodes.length}`)
      for (const n of f.nodes.slice(0, 5)) lines.push(`    ${n.target} — ${n.detail}`)
      if (f.nodes.length > 5) lines.push(`    … ${f.nodes.length - 5} more`)
    }
  }
  return lines.join('\n')
}

function expectClean(results: Array<{ page: string; findings: Finding[] }>) {
  const text = report(results)
  console.log(text)
  const total = results.reduce((n, r) => n + r.findings.filter(blocking).length, 0)
  expect(total, text).toBe(0)
}

async function chooseLanguage(page: Page, lang: Lang) {
  await page.evaluate((l) => localStorage.setItem('tongxin.lang', l), lang)
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const { username, role, pages } of ROLES) {
    test(`${role} (${username}): no serious or critical violations at 1440 px in both languages`, async () => {
      const { context, page } = await newPage(browser, baseURL, { width: 1440, height: 900 })
      const results: Array<{ page: string; findings: Finding[] }> = []
      try {
        await logIn(page, username)
        for (const lang of LANGS) {
          await chooseLanguage(page, lang)
          for (const path of pages) {
            await page.goto(path)
            await page.locator('main, [role="main"]').first().waitFor()
            results.push({ page: `${username} ${lang} ${path}`, findings: await audit(page) })
          }
        }
      } finally {
        await context.close()
      }
      expectClean(results)
    })
  }

  test('the first Tab on a signed-in page reaches a skip link that moves focus to the main content', async () => {
    const { context, page } = await newPage(browser, baseURL, { width: 1440, height: 900 })
    try {
      await logIn(page, 'volunteer_demo')
      for (const lang of LANGS) {
        await chooseLanguage(page, lang)
        await page.goto('/volunteer-shifts')
        await settle(page)
        await page.keyboard.press('Tab')
        const focused = await page.evaluate(() => ({
          testId: document.activeElement?.getAttribute('data-testid'),
          text: document.activeElement?.textContent,
        }))
        expect(focused).toEqual({
          testId: 'skip-link',
          text: lang === 'zh-CN' ? '跳到正文' : 'Skip to main content',
        })
        // Visible once focused (it is off-screen until then), for sighted keyboard users.
        const box = await page.getByTestId('skip-link').boundingBox()
        expect(box?.y).toBeGreaterThanOrEqual(0)
        await page.keyboard.press('Enter')
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
      }
    } finally {
      await context.close()
    }
  })

  test('public pages (login, kiosk, survey): no serious or critical violations at 390 px in both languages', async () => {
    const staff = await newPage(browser, baseURL)
    let slug: string
    try {
      await logIn(staff.page, 'fengxian_admin')
      const list = await staff.page.evaluate(async () => (await fetch('/api/surveys')).json())
      slug = (list.items as SurveySummary[]).find((s) => s.state === 'open')!.slug
    } finally {
      await staff.context.close()
    }
    const { context, page } = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    const results: Array<{ page: string; findings: Finding[] }> = []
    try {
      await page.goto('/login')
      for (const lang of LANGS) {
        await chooseLanguage(page, lang)
        for (const path of ['/login', '/kiosk/waste', `/survey/${slug}`]) {
          await page.goto(path)
          results.push({ page: `public ${lang} ${path}`, findings: await audit(page) })
        }
      }
    } finally {
      await context.close()
    }
    expectClean(results)
  })
})
