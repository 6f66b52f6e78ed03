import type { Browser, Locator, Page } from 'playwright-core'
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

/** Demo data (db/demo/exchange.ts): the alliance, 南桥镇 and provider_demo's unit. */
const NANQIAO = '310120101'
const FENGXIAN = '310120'
const YANGMAMA = '“杨妈妈”创新创业服务平台'
const POLICY = { code: 'enterprise.policy', name: '政策咨询与申报', promise: '48小时内响应' }
const NEED = {
  description: '想了解南桥镇人才安居补贴的申报条件和材料（E2E）',
  address: '南桥镇百齐路 288 号 6 楼',
  phone: '13912345678',
}

/** Signs in through the API and returns a cookie + CSRF pair for scripted set-up calls. */
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

beforeAll(async () => {
  browser = await launchBrowser()
  // provider_demo's only demo offering is 新落户企业服务, which only a newly settled firm may ask for (a
  // member cannot). So 杨妈妈 first publishes a policy-advice service for 南桥镇, as a provider may.
  const provider = await apiSession('provider_demo')
  const unit = provider.me.grants.find((g) => g.scopeType === 'unit')
  const created = await fetch(`${baseURL}/api/offerings`, {
    method: 'POST',
    headers: provider.headers,
    body: JSON.stringify({
      providerUnitId: Number(unit?.scopeId),
      list: 'service',
      categoryCode: POLICY.code,
      name: '人才政策申报辅导',
      areaCodes: [NANQIAO],
      capacityConcurrent: 10,
      openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '17:00' })),
      eligibility: { audiences: ['enterprises', 'workers'] },
    }),
  })
  if (created.status !== 201)
    throw new Error(`publishing the offering: ${created.status} ${await created.text()}`)
})

afterAll(async () => {
  await browser?.close()
})

/** Picks an option of an antd Select by its text. */
async function pickOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click()
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click()
}

async function expectFits(page: Page) {
  const size = await fitsViewport(page)
  expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth)
}

async function text(locator: Locator): Promise<string> {
  await locator.waitFor()
  return (await locator.textContent())?.trim() ?? ''
}

describe('exchange journeys', () => {
  test('post a need → claim → deliver → rate', async () => {
    // ---- member_demo, on a phone: posts a need in 南桥镇 and sees it as 已提交.
    const member = await newPage(browser, baseURL, { width: 390, height: 844, phone: true })
    const provider = await newPage(browser, baseURL)
    try {
      const { page } = member
      await logIn(page, 'member_demo')
      await page.getByTestId('nav-toggle').click()
      await (await navEntry(page, 'myNeeds')).click()
      await waitForPath(page, '/my-needs')
      await page.getByTestId('post-need').click()
      await waitForPath(page, '/my-needs/new')

      await pickOption(page, 'need-form-category', POLICY.name)
      // The category's promise shows as soon as it is chosen.
      await waitForText(page.getByTestId('need-form-sla'), POLICY.promise)
      await page.getByTestId('need-form-description').fill(NEED.description)
      // The area starts at the member's own street; the cascader walks over to 南桥镇.
      await page.getByTestId('area-picker').click()
      await page.getByTestId(`area-option-${FENGXIAN}`).click()
      await page.getByTestId(`area-option-${NANQIAO}`).click()
      await waitForText(page.getByTestId('area-picker'), '南桥镇')
      await page.getByTestId('need-form-address').fill(NEED.address)
      await page.getByTestId('need-form-phone').fill(NEED.phone)
      await expectFits(page)
      await page.getByTestId('need-form-submit').click()
      await page.waitForURL((url) => /^\/my-needs\/\d+$/.test(url.pathname))
      const needPath = new URL(page.url()).pathname
      const needId = needPath.split('/').at(-1)!
      expect(await text(page.getByTestId('need-state'))).toBe('已提交')

      // 我的需求 lists it, newest first, as 已提交.
      await page.goto('/my-needs')
      const mine = page.locator(`[data-testid="my-need"][data-need-id="${needId}"]`)
      await waitForText(mine, NEED.description)
      expect(await text(mine.getByTestId('need-state'))).toBe('已提交')
      expect(await page.getByTestId('my-need').first().getAttribute('data-need-id')).toBe(needId)
      await expectFits(page)

      // A second need, posted the same way, for the "somebody got there first" case below.
      const requester = await apiSession('member_demo')
      const second = await fetch(`${baseURL}/api/needs`, {
        method: 'POST',
        headers: requester.headers,
        body: JSON.stringify({
          categoryCode: POLICY.code,
          description: '咨询高新技术企业认定政策（E2E）',
          areaCode: NANQIAO,
          address: NEED.address,
          contactPhone: NEED.phone,
        }),
      })
      expect(second.status).toBe(201)
      const secondId = ((await second.json()) as { id: number }).id

      // ---- provider_demo: finds it under 可接需求 with the contact masked, and takes it.
      const desk = provider.page
      await logIn(desk, 'provider_demo')
      await (await navEntry(desk, 'orders')).click()
      await waitForPath(desk, '/orders')

      // Someone else at the desk takes the second need first: 接单 on the stale card shows the server's
      // refusal and the desk catches up (the card leaves 可接需求).
      const stale = desk.getByTestId('desk-open').locator(`[data-need-id="${secondId}"]`)
      await stale.waitFor()
      const elsewhere = await apiSession('provider_demo')
      const taken = await fetch(`${baseURL}/api/needs/${secondId}/actions`, {
        method: 'POST',
        headers: elsewhere.headers,
        body: JSON.stringify({ action: 'claim' }),
      })
      expect(taken.status).toBe(200)
      await stale.getByTestId('claim').click()
      await waitForText(desk.locator('.ant-message-notice'), '已被')
      await stale.waitFor({ state: 'detached' })
      const open = desk.getByTestId('desk-open').locator(`[data-need-id="${needId}"]`)
      await waitForText(open, NEED.description)
      const masked = await text(open.getByTestId('need-contact'))
      expect(masked).toContain('139****5678')
      expect(masked).not.toContain(NEED.phone)
      expect(masked).not.toContain('王小青')
      await open.getByTestId('sla-countdown').waitFor()

      await open.getByTestId('claim').click()
      const order = desk.getByTestId('desk-mine').locator(`[data-need-id="${needId}"]`)
      await waitForText(order.getByTestId('need-state'), '已接单')
      // Holding the order, the provider sees who to call.
      const contact = await text(order.getByTestId('need-contact'))
      expect(contact).toContain(NEED.phone)
      expect(contact).toContain('王小青')
      expect(await desk.getByTestId('desk-open').locator(`[data-need-id="${needId}"]`).count()).toBe(0)

      await order.getByTestId('start').click()
      await waitForText(order.getByTestId('need-state'), '办理中')
      await order.getByTestId('deliver').click()
      await desk.getByTestId('deliver-note').fill('已电话联系并寄送申报材料清单')
      await desk.getByTestId('deliver-confirm').click()
      await waitForText(order.getByTestId('need-state'), '已交付')
      expect(provider.pageErrors).toEqual([])

      // ---- member_demo: the timeline shows each step; rates 5 stars with a comment; the need is 已办结.
      await page.goto(needPath)
      await waitForText(page.getByTestId('need-state'), '已交付')
      await waitForText(page.getByTestId('need-details'), YANGMAMA)
      expect(await page.getByTestId('timeline-state').allTextContents()).toEqual([
        '已提交',
        '已接单',
        '办理中',
        '已交付',
      ])
      await waitForText(page.getByTestId('need-timeline'), '已电话联系并寄送申报材料清单')
      await page.getByTestId('need-rate').locator('.ant-rate-star').nth(4).click()
      await page.getByTestId('need-comment').fill('响应很快，材料清单很清楚')
      await page.getByTestId('need-close').click()
      await waitForText(page.getByTestId('need-state'), '已办结')
      const rating = page.getByTestId('need-rating')
      await waitForText(rating, '响应很快，材料清单很清楚')
      expect(await rating.locator('.ant-rate-star-full').count()).toBe(5)
      expect((await page.getByTestId('timeline-state').allTextContents()).at(-1)).toBe('已办结')
      // Closed within the window: it may still be reopened, but no longer rated.
      await page.getByTestId('need-reopen').waitFor()
      expect(await page.getByTestId('need-close').count()).toBe(0)
      await expectFits(page)
      expect(member.pageErrors).toEqual([])
    } finally {
      await member.context.close()
      await provider.context.close()
    }
  })

  test('the alliance page and the three lists: 14 member buildings, 楼长 14/14, 15/11/9', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await logIn(page, 'fengpu_admin')
      await (await navEntry(page, 'alliances')).click()
      await waitForPath(page, '/alliances')
      await page.getByTestId('alliance-link').filter({ hasText: '奉贤区商务楼宇党建联盟' }).click()
      await waitForText(page.getByTestId('alliance-title'), '奉贤区商务楼宇党建联盟')

      expect(await text(page.getByTestId('alliance-figure-chiefs-value'))).toBe('14/14')
      expect(await text(page.getByTestId('alliance-figure-service-value'))).toBe('15')
      expect(await text(page.getByTestId('alliance-figure-resource-value'))).toBe('11')
      expect(await text(page.getByTestId('alliance-figure-activity-value'))).toBe('9')
      await waitForText(page.getByTestId('alliance-lead'), '奉浦街道社区党群服务中心')
      expect(await page.getByTestId('alliance-coordinating').getByRole('listitem').count()).toBe(2)
      const buildings = page.getByTestId('alliance-member-building')
      await buildings.first().waitFor()
      expect(await buildings.count()).toBe(14)
      expect(await page.getByTestId('member-chief').count()).toBe(14)

      // Each list figure opens the catalogue filtered to the alliance: 15 services, 11 resources, 9 activities.
      await page.getByTestId('alliance-figure-service').click()
      await page.waitForURL((url) => url.pathname === '/lists' && url.searchParams.get('alliance') !== null)
      const cards = page.getByTestId('offering-card')
      const countIn = async (list: string, expected: number) => {
        await page.getByTestId(`list-tab-${list}`).click()
        await page.waitForURL((url) => (url.searchParams.get('list') ?? 'service') === list)
        await page.waitForFunction(
          (n) => document.querySelectorAll('[data-testid="offering-card"]').length === n,
          expected,
        )
        expect(await cards.count()).toBe(expected)
      }
      await countIn('service', 15)
      await countIn('resource', 11)
      // Resources are open on weekdays: the hours read as words.
      await waitForText(cards.first(), '周一至周五 09:00–17:30')
      await countIn('activity', 9)

      // Search by pinyin initials across all providers: 政策咨询服务 ← zczx.
      await page.getByTestId('offerings-alliance').locator('.ant-tag-close-icon').click()
      await page.getByTestId('list-tab-service').click()
      await page.getByTestId('offerings-search').locator('input').fill('zczx')
      await page.getByTestId('offerings-search').locator('input').press('Enter')
      await page.waitForURL((url) => url.searchParams.get('q') === 'zczx')
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="offering-card"]')].every((c) =>
          c.textContent?.includes('政策咨询服务'),
        ),
      )
      await waitForText(cards, '政策咨询服务')
      for (const card of await cards.all()) expect(await card.textContent()).toContain('政策咨询服务')
      // The three lists as an HSDS-style package.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('hsds-download').click(),
      ])
      expect(download.suggestedFilename()).toBe('offerings-hsds.zip')

      // A member building links to its building page.
      await page.goto('/alliances')
      await page.getByTestId('alliance-link').first().click()
      await buildings.filter({ hasText: '奉浦大厦' }).getByRole('link', { name: '奉浦大厦' }).click()
      await waitForText(page.getByTestId('building-title'), '奉浦大厦')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('staff overview: charts, overdue filter, 派单 to a provider of the category', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await logIn(page, 'fengxian_admin')
      await (await navEntry(page, 'needs')).click()
      await waitForPath(page, '/needs')
      await page.getByTestId('needs-state-chart').locator('canvas').waitFor()
      await page.getByTestId('needs-category-chart').locator('canvas').waitFor()
      const rows = page.getByTestId('needs-table').locator('tr[data-row-key]')
      await rows.first().waitFor()

      // Only overdue: every row left carries the marker.
      await page.getByTestId('needs-overdue-filter').click()
      await page.waitForURL((url) => url.searchParams.get('overdue') === 'true')
      await page.waitForFunction(() => {
        const trs = [...document.querySelectorAll('[data-testid="needs-table"] tr[data-row-key]')]
        return trs.length > 0 && trs.every((tr) => tr.querySelector('[data-testid="need-overdue"]'))
      })
      await page.getByTestId('needs-overdue-filter').click()

      // 派单: the demo need 独居老人… (为老服务, 金海街道) goes to 德善公益服务中心, which serves 金海街道.
      const need = rows.filter({ hasText: '独居老人希望每周有人上门探访' })
      await need.getByTestId('dispatch').click()
      await pickOption(page, 'dispatch-provider', '德善公益服务中心')
      await page.getByTestId('staff-action-ok').click()
      await waitForText(need.getByTestId('need-state'), '已接单')
      await waitForText(need, '德善公益服务中心')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('matchmaking: the demo 相亲会 with its agreements, then a round solved, changed and confirmed', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await logIn(page, 'jinhai_admin')
      await (await navEntry(page, 'matching')).click()
      await waitForPath(page, '/matching')
      const demo = page.getByTestId('rounds-table').locator('tr[data-row-key]').filter({ hasText: '相亲会' })
      await waitForText(demo.getByTestId('round-state'), '已确认')
      await demo.getByRole('link').click()
      await page.waitForURL((url) => /^\/matching\/\d+$/.test(url.pathname))
      const agreements = page.getByTestId('agreements-table').locator('tr[data-row-key]')
      await agreements.first().waitFor()
      expect(await agreements.count()).toBeGreaterThanOrEqual(18)
      // Its follow-ups: open one agreement and see its monthly dates.
      await agreements.first().locator('.ant-table-row-expand-icon').click()
      await page.getByTestId('follow-up').first().waitFor()
      expect(await page.getByTestId('follow-up').count()).toBe(6)

      // The wizard: 金海街道, three organisations and two communities (categories and wants prefilled from
      // the last round), then on to the round page and a first solve.
      await page.goto('/matching/new')
      await page.getByTestId('area-picker').click()
      await page.getByTestId('area-option-310120003').click()
      await page.keyboard.press('Escape')
      const providerRows = page.getByTestId('wizard-providers').locator('tr[data-row-key]')
      await providerRows.first().waitFor()
      for (let i = 0; i < 3; i++) await providerRows.nth(i).locator('.ant-checkbox').click()
      const targetRows = page.getByTestId('wizard-targets').locator('tr[data-row-key]')
      for (let i = 0; i < 2; i++) await targetRows.nth(i).locator('.ant-checkbox').click()
      await page.getByTestId('wizard-next').click()
      await page.getByTestId('round-create').click()
      await page.waitForURL((url) => /^\/matching\/\d+$/.test(url.pathname))
      await waitForText(page.getByTestId('round-state'), '草稿')
      await page.getByTestId('round-solve').click()
      await waitForText(page.getByTestId('round-state'), '已出方案')
      await page.getByTestId('round-total').waitFor()

      // A small round set up through the API, then solved, changed and confirmed on screen.
      const staff = await apiSession('jinhai_admin')
      const candidates = (await (
        await fetch(`${baseURL}/api/matching/candidates?area=310120003`, { headers: staff.headers })
      ).json()) as { providers: { unitId: number; kind: string }[] }
      const orgs = candidates.providers.filter((p) => p.kind === 'social_org').slice(0, 4)
      const created = await fetch(`${baseURL}/api/matching/rounds`, {
        method: 'POST',
        headers: staff.headers,
        body: JSON.stringify({
          areaCode: '310120003',
          name: '金海街道为老服务对接（E2E）',
          providers: orgs.map((o) => ({ unitId: o.unitId, capacity: 1, categories: ['community.elderly'] })),
          targets: ['310120003201', '310120003202'].map((code) => ({
            key: `area:${code}`,
            wants: [{ category: 'community.elderly', weight: 2 }],
          })),
        }),
      })
      expect(created.status).toBe(201)
      const roundId = ((await created.json()) as { id: number }).id
      await page.goto(`/matching/${roundId}`)
      await waitForText(page.getByTestId('round-state'), '草稿')
      await page.getByTestId('round-solve').click()
      await waitForText(page.getByTestId('round-state'), '已出方案')
      const pairs = page.getByTestId('proposal-table').locator('tr[data-row-key]')
      await pairs.first().waitFor()
      expect(await pairs.count()).toBe(2)
      await waitForText(page.getByTestId('pair-reasons').first(), '同类服务')
      // Forbid the first pair and solve again: it leaves, another provider comes in highlighted.
      await pairs.first().getByTestId('forbid-pair').click()
      await page.getByTestId('round-solve').click()
      await page.getByTestId('removed-pairs').waitFor()
      await page.locator('[data-testid="proposal-table"] tr[data-change="added"]').first().waitFor()
      await page.getByTestId('round-confirm').click()
      await page.locator('.ant-popconfirm .ant-btn-primary').click()
      await waitForText(page.getByTestId('round-state'), '已确认')
      await page.getByTestId('agreements-table').locator('tr[data-row-key]').first().waitFor()
      expect(await page.getByTestId('agreements-table').locator('tr[data-row-key]').count()).toBe(2)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('a provider publishes an offering on a phone and edits it', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'provider_demo')
      await page.goto('/my-offerings')
      await page.getByTestId('offering-new').click()
      // The category list is long (grouped, virtual): type to narrow it, then pick.
      await page.getByTestId('offering-category').click()
      await page.keyboard.type('政策咨询')
      await page.locator('.ant-select-item-option').filter({ hasText: '政策咨询与申报' }).first().click()
      await page.getByTestId('offering-name').fill('高企认定一对一辅导（E2E）')
      await expectFits(page)
      await page.getByTestId('offering-save').click()
      const card = page.getByTestId('my-offering').filter({ hasText: '高企认定一对一辅导（E2E）' })
      await card.waitFor()
      await card.getByTestId('offering-edit').click()
      await page.getByTestId('offering-name').fill('高企认定一对一辅导（E2E，已更新）')
      await page.getByTestId('offering-save').click()
      await page.getByTestId('my-offering').filter({ hasText: '已更新' }).waitFor()
      await expectFits(page)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
