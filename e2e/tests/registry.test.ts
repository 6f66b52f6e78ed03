import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { usccWithCheck } from '../../server/src/lib/ids.ts'
import { launchBrowser } from '../browser.ts'
import { fitsViewport, logIn, navEntry, newPage, pathname, waitForPath, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/** Demo data (db/demo): 上海实业大厦 in 徐家汇街道 holds 170 firms. */
const SHANGSHI = {
  name: '上海实业大厦',
  address: '徐汇区漕溪北路18号',
  street: '310104014',
  district: '310104',
}
const NEW_UNITS = [
  { uscc: usccWithCheck('91310104E2E0000A1'), name: '上海同心联测信息科技有限公司', floor: 12 },
  { uscc: usccWithCheck('91310104E2E0000A2'), name: '上海同心联测咨询管理有限公司', floor: 12 },
]

async function figure(page: Page, key: string): Promise<string> {
  const value = page.getByTestId(`figure-${key}-value`)
  await value.waitFor()
  return (await value.textContent())?.trim() ?? ''
}

/** Waits until the dashboard shows `scope` in its title (figures load after the scope changes). */
async function waitForScope(page: Page, scope: string) {
  await waitForText(page.getByTestId('coverage-title'), scope)
}

/** Picks an option of an antd Select by its text. */
async function pickOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click()
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click()
}

/** Fills the downloaded units template the way a person would: the two new units under its header row. */
async function fillUnitsTemplate(path: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const ws = wb.getWorksheet('单位')
  if (!ws) throw new Error('the units template has no 单位 sheet')
  const headers = new Map<string, number>()
  ws.getRow(1).eachCell((cell, col) => {
    headers.set(String(cell.value).replace(/[*＊\s]/g, ''), col)
  })
  NEW_UNITS.forEach((unit, i) => {
    const row = ws.getRow(2 + i)
    const set = (header: string, value: string | number) => {
      const col = headers.get(header)
      if (!col) throw new Error(`the units template has no column ${header}`)
      row.getCell(col).value = value
    }
    set('统一社会信用代码', unit.uscc)
    set('单位名称', unit.name)
    set('单位类型', '民营企业')
    set('行业', '软件信息')
    set('从业人数', 12)
    set('所在楼宇名称', SHANGSHI.name)
    set('所在楼宇地址', SHANGSHI.address)
    set('起始楼层', unit.floor)
    set('入驻日期', '2026-03-01')
    row.commit()
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('registry and coverage journey', () => {
  test('the dashboard shows the demo figures: 奉贤区, 凤创谷 and 上实大厦', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      // A district admin lands on their own district.
      await logIn(page, 'fengxian_admin')
      await (await navEntry(page, 'coverage')).click()
      await waitForPath(page, '/coverage')
      await waitForScope(page, '奉贤区')
      expect(await figure(page, 'buildingsInScope')).toBe('28')

      // The park picker narrows the dashboard to 凤创谷: 68 firms, 1,066 members, 45% under 35.
      await pickOption(page, 'park-picker', '凤创谷')
      await waitForScope(page, '凤创谷')
      expect(await figure(page, 'units')).toBe('68')
      expect(await figure(page, 'members')).toBe('1,066')
      expect(await figure(page, 'under35Share')).toBe('45%')
      // 凤创谷's stations: the 4 生活驿站 and the 同心荟 centre.
      expect(await figure(page, 'stations')).toBe('5')
      await waitForText(page.getByTestId('station-kinds'), '生活驿站 4')

      // The under-35 share drills into the members behind it.
      await page.getByTestId('figure-under35Share').click()
      const drawer = page.getByTestId('drill-drawer')
      await waitForText(drawer, '35岁以下')
      await drawer.getByTestId('drill-row').first().waitFor()

      // 奉浦街道: its joint general branch covers 4 buildings whole.
      await page.goto('/coverage?area=310120002')
      await waitForScope(page, '奉浦街道')
      expect(await figure(page, 'buildingsWholeCovered')).toBe('4')
      // 金海街道: 38 social organisations; 9 villages and 13 residential committees under it.
      await page.goto('/coverage?area=310120003')
      await waitForScope(page, '金海')
      await waitForText(page.getByTestId('kind-social_org'), '38')
      await waitForText(page.getByTestId('sub-areas'), '9 个村委会、13 个居委会')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }

    const admin = await newPage(browser, baseURL)
    try {
      // The city admin starts on 上海市 and walks the area picker down to 徐家汇街道.
      await logIn(admin.page, 'admin')
      await admin.page.goto('/coverage')
      await waitForScope(admin.page, '上海市')
      await admin.page.getByTestId('area-picker').click()
      await admin.page.getByTestId(`area-option-${SHANGSHI.district}`).click()
      await admin.page.getByTestId(`area-option-${SHANGSHI.street}`).click()
      await waitForScope(admin.page, '徐家汇街道')
      expect(await figure(admin.page, 'units')).toBe('170')
      expect(await figure(admin.page, 'employees')).toBe('1,800')
      expect(new URL(admin.page.url()).searchParams.get('area')).toBe(SHANGSHI.street)

      // Freeze today's figures before the import below, to compare with afterwards.
      await admin.page.getByTestId('freeze-snapshot').click()
      const dialog = admin.page.getByRole('dialog')
      await dialog.getByRole('textbox').fill('导入前')
      await dialog.getByRole('button', { name: '冻结快照' }).click()
      await admin.page.getByTestId('trend-chart').waitFor()
      await admin.page.getByRole('tab', { name: '快照列表' }).click()
      await waitForText(admin.page.getByTestId('snapshot-table').locator('tr[data-row-key]'), '导入前')
      expect(admin.pageErrors).toEqual([])
    } finally {
      await admin.context.close()
    }
  })

  test('import → dashboard → drill-down → building page → gap list', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await logIn(page, 'admin')

      // ---- import: choose 单位, fill in the downloaded template, read the dry run, confirm.
      await (await navEntry(page, 'imports')).click()
      await waitForPath(page, '/imports')
      await page.getByTestId('import-kind-units').click()
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('import-template').click(),
      ])
      const templatePath = await download.path()
      const workbook = await fillUnitsTemplate(templatePath)
      expect((await readFile(templatePath)).length).toBeGreaterThan(0)
      await page.getByTestId('import-next').click()

      const [dryRun] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes('/api/imports/units') && r.request().method() === 'POST',
        ),
        page.locator('input[type=file]').setInputFiles({
          name: '新入驻单位.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: workbook,
        }),
      ])
      expect(dryRun.status()).toBe(201)
      expect(dryRun.request().headers()['x-csrf-token']).toBeTruthy()
      await page.getByTestId('import-review').waitFor()
      // The diff: 新增 2, nothing changed, no errors.
      const diff = async (key: string) => {
        const card = page.getByTestId(`diff-${key}`)
        return `${await card.locator('.ant-statistic-title').textContent()} ${await card.locator('.ant-statistic-content').textContent()}`
      }
      await waitForText(page.getByTestId('diff-new'), '新增')
      expect(await diff('new')).toBe('新增 2')
      expect(await diff('changed')).toBe('变更 0')
      expect(await diff('errors')).toBe('错误 0')
      await waitForText(page.getByTestId('import-changes'), NEW_UNITS[0]!.uscc)

      await page.getByTestId('import-confirm').click()
      await page.getByTestId('import-committed').waitFor({ timeout: 30_000 })

      // ---- dashboard of 徐家汇街道: 170 + 2 units.
      await page.goto(`/coverage?area=${SHANGSHI.street}`)
      await waitForScope(page, '徐家汇街道')
      expect(await figure(page, 'units')).toBe('172')
      // Against the snapshot frozen before the import: 170 → 172.
      await page.getByRole('tab', { name: '对比' }).click()
      const unitsChange = page.getByTestId('compare-table').locator('tr[data-row-key="units"]')
      await waitForText(unitsChange, '+2')
      expect((await unitsChange.locator('td').allTextContents()).slice(1)).toEqual(['170', '172', '+2'])

      // ---- drill-down: the unit count lists the new units (oldest first, so page on to the end).
      await page.getByTestId('figure-units').click()
      const drawer = page.getByTestId('drill-drawer')
      await drawer.getByTestId('drill-row').first().waitFor()
      const newRow = drawer.getByTestId('drill-row').filter({ hasText: NEW_UNITS[1]!.name })
      for (let i = 0; i < 10 && (await newRow.count()) === 0; i++) {
        const more = drawer.getByTestId('load-more')
        if ((await more.count()) === 0) break
        const before = await drawer.getByTestId('drill-row').count()
        await more.click()
        await page.waitForFunction(
          ([n]) => document.querySelectorAll('[data-testid="drill-row"]').length > (n as number),
          [before],
        )
      }
      await newRow.waitFor()
      expect(await drawer.getByTestId('drill-row').count()).toBe(172)
      await waitForText(drawer.getByTestId('drill-row'), NEW_UNITS[0]!.name)

      // The row links to the unit's page.
      await newRow.getByRole('link', { name: NEW_UNITS[1]!.name }).click()
      await waitForText(page.getByTestId('unit-title'), NEW_UNITS[1]!.name)
      expect(await pathname(page)).toMatch(/^\/units\/\d+$/)

      // ---- building page: found by its pinyin initials, the new units sit on floor 12.
      await (await navEntry(page, 'buildings')).click()
      await page.getByTestId('buildings-search').locator('input').fill('shsy')
      await page.getByTestId('buildings-search').locator('input').press('Enter')
      await page.getByTestId('buildings-table').getByRole('link', { name: SHANGSHI.name }).click()
      await waitForText(page.getByTestId('building-title'), SHANGSHI.name)
      const floor12 = page.getByTestId('directory-floor').filter({ hasText: '12 层' })
      await waitForText(floor12.getByTestId('directory-unit'), NEW_UNITS[0]!.name)
      await waitForText(page.getByTestId('building-completeness'), '/5')
      await floor12.getByTestId('directory-unit').filter({ hasText: NEW_UNITS[0]!.name }).click()
      await waitForText(page.getByTestId('unit-drawer'), NEW_UNITS[0]!.uscc)
      await page.keyboard.press('Escape')

      // ---- gap list: each gap carries its rule in words and an action; the rule filter narrows it.
      await (await navEntry(page, 'gaps')).click()
      await waitForPath(page, '/gaps')
      const ruleText = page.getByTestId('gap-rule-text').first()
      await ruleText.waitFor()
      expect((await ruleText.textContent())?.trim()).toMatch(/[\u4e00-\u9fff]/)
      await pickOption(page, 'gap-rule-filter', '楼宇未配楼长')
      await page.waitForURL((url) => url.searchParams.get('rule') === 'building_without_chief')
      await waitForText(page.getByTestId('gap-rule-text'), '楼长')
      const texts = await page.getByTestId('gap-rule-text').allTextContents()
      expect(texts.length).toBeGreaterThan(0)
      expect(new Set(texts).size).toBe(1)

      // The proposals tab groups small units into joint branches.
      await page.getByTestId('tab-proposals').click()
      await page.getByTestId('proposal').first().waitFor()
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('on a phone the dashboard and a building page fit the screen', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'fengpu_admin')
      await page.goto('/coverage')
      await waitForScope(page, '奉浦街道')
      await page.getByTestId('figure-members').waitFor()
      let size = await fitsViewport(page)
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth)

      // Drill-down drawers take the whole screen on a phone.
      await page.getByTestId('figure-buildingsInScope').click()
      const row = page.getByTestId('drill-drawer').getByTestId('drill-row').first()
      await row.waitFor()
      const box = await page.locator('.ant-drawer-content-wrapper').boundingBox()
      expect(Math.round(box?.width ?? 0)).toBe(390)
      await row.getByRole('link').click()
      await page.getByTestId('building-title').waitFor()
      await page.getByTestId('floor-directory').waitFor()
      size = await fitsViewport(page)
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
