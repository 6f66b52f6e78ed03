import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { idNumberWithCheck, usccWithCheck } from '../../server/src/lib/ids.ts'
import { launchBrowser } from '../browser.ts'
import { DEMO_PASSWORD, fitsViewport, logIn, navEntry, newPage, waitForText } from '../journey.ts'

const baseURL = inject('baseURL')
let browser: Browser

// Records of this run only: other journeys read the demo rows (奉浦's figures among them), so this one
// creates its own, with names and numbers no other run or demo row shares, and removes them at the end. The building has 5 floors,
// below the census threshold, so no census figure moves while it exists.
const RUN = String(Date.now()).slice(-6)
const FENGPU = '310120002'
const BUILDING = { name: `同心表单测试楼${RUN}`, address: `奉浦街道环城东路${RUN}号`, floors: 5 }
const UNIT = { uscc: usccWithCheck(`91310120MA1${RUN}`), name: `上海同心表单测试科技有限公司${RUN}` }
const BRANCH = `中共同心表单测试楼${RUN}联合支部委员会`
const MEMBER = {
  name: `表单测试${RUN}`,
  idNumber: idNumberWithCheck(`11010519900101${RUN.slice(-3)}`),
  phone: `1391${RUN}0`.slice(0, 11),
}
const SECRETARY_BRANCH = `中共开发区同心表单测试支部${RUN}`
const MASKED = {
  name: `楼长登记${RUN}`,
  idNumber: idNumberWithCheck(`11010519850202${RUN.slice(-3)}`),
  phone: `1377${RUN}1`.slice(0, 11),
  newPhone: `1588${RUN}2`.slice(0, 11),
}

const created = { building: 0, unit: 0, org: 0, person: 0, secretaryOrg: 0, chiefPerson: 0 }

async function apiSession(username: string) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`)
  const me = (await login.json()) as { csrfToken: string }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const headers = { cookie, 'x-csrf-token': me.csrfToken, 'accept-language': 'zh-CN' }
  return {
    get: async <T>(path: string) => {
      const res = await fetch(`${baseURL}${path}`, { headers })
      return { status: res.status, body: (await res.json()) as T }
    },
    put: async (path: string, body: object) => {
      const res = await fetch(`${baseURL}${path}`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return { status: res.status, body: (await res.json()) as Record<string, unknown> }
    },
    /** Soft-deletes a row at the version it has now (a building's detail nests the row). */
    remove: async (path: string) => {
      const current = await fetch(`${baseURL}${path}`, { headers })
      if (current.status !== 200) return
      const row = (await current.json()) as { version?: number; building?: { version: number } }
      const version = row.version ?? row.building?.version
      await fetch(`${baseURL}${path}?version=${version}`, { method: 'DELETE', headers })
    },
  }
}

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  const staff = await apiSession('fengpu_admin')
  if (created.person) await staff.remove(`/api/people/${created.person}`)
  if (created.org) await staff.remove(`/api/party-orgs/${created.org}`)
  if (created.unit) await staff.remove(`/api/units/${created.unit}`)
  if (created.building) await staff.remove(`/api/buildings/${created.building}`)
  if (created.chiefPerson) await (await apiSession('admin')).remove(`/api/people/${created.chiefPerson}`)
  if (created.secretaryOrg)
    await (await apiSession('secretary_demo')).remove(`/api/party-orgs/${created.secretaryOrg}`)
})

const idFromPath = (page: Page) => Number(new URL(page.url()).pathname.split('/').pop())

/** Types into an antd (remote) Select and picks the option showing `text`. */
async function pick(page: Page, select: Locator, text: string, search = text) {
  await select.click()
  await page.keyboard.type(search)
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click()
}

async function save(page: Page, form: string) {
  await page.getByTestId(`${form}-save`).click()
}

describe('registry forms journey', () => {
  test('a street admin creates a building, a unit in it, a branch covering the unit and a member', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await logIn(page, 'fengpu_admin')
      await (await navEntry(page, 'buildings')).click()

      // ---- 新建楼宇: the area starts on the admin's own street.
      await page.getByTestId('building-new').click()
      const buildingForm = page.getByTestId('building-form')
      await waitForText(buildingForm.getByTestId('area-picker'), '奉浦街道')
      await page.getByTestId('building-name').fill(BUILDING.name)
      await page.getByTestId('building-address').fill(BUILDING.address)
      await buildingForm.locator('#floors').fill(String(BUILDING.floors))
      await buildingForm.locator('#propertyCompany').fill('同心物业')
      await save(page, 'building-form')
      await waitForText(page.getByTestId('building-title'), BUILDING.name)
      created.building = idFromPath(page)
      const staff = await apiSession('fengpu_admin')
      const saved = await staff.get<{ building: { areaCode: string; inCensusScope: boolean } }>(
        `/api/buildings/${created.building}`,
      )
      expect(saved.body.building).toMatchObject({ areaCode: FENGPU, inCensusScope: false })
      await waitForText(page.locator('.ant-descriptions'), `${BUILDING.floors} 层`)

      // ---- 添加单位 from the floor directory; the USCC check character is checked as it is typed.
      await page.getByTestId('unit-add').click()
      const unitForm = page.getByTestId('unit-form')
      await waitForText(unitForm.getByTestId('building-picker'), BUILDING.name)
      const wrongCheck = UNIT.uscc.slice(0, 17) + (UNIT.uscc.endsWith('0') ? '1' : '0')
      await page.getByTestId('unit-uscc').fill(wrongCheck)
      await page.getByTestId('unit-name').fill(UNIT.name)
      await waitForText(unitForm.locator('.ant-form-item-explain-error'), '校验码不符')
      await page.getByTestId('unit-uscc').fill(UNIT.uscc)
      await unitForm.locator('#floorFrom').fill('3')
      await page.getByTestId('unit-settled').fill('2026-03-01')
      const [createdUnit] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST'),
        save(page, 'unit-form'),
      ])
      expect(createdUnit.status()).toBe(201)
      created.unit = ((await createdUnit.json()) as { id: number }).id
      const floor3 = page.getByTestId('directory-floor').filter({ hasText: '3 层' })
      await waitForText(floor3.getByTestId('directory-unit'), UNIT.name)

      // The same USCC again, from the units list: the server's refusal shows on the USCC field.
      await (await navEntry(page, 'units')).click()
      await page.getByTestId('unit-new').click()
      await page.getByTestId('unit-uscc').fill(UNIT.uscc)
      await page.getByTestId('unit-name').fill(`${UNIT.name}二`)
      await save(page, 'unit-form')
      await waitForText(
        page.getByTestId('unit-form').locator('.ant-form-item-explain-error'),
        `单位已存在：${UNIT.uscc}`,
      )
      await page
        .getByTestId('unit-form')
        .getByRole('button', { name: /取\s?消/ })
        .click()

      // ---- 新建党组织: a joint branch covering the new unit.
      await (await navEntry(page, 'partyOrgs')).click()
      await page.getByTestId('org-new').click()
      const orgForm = page.getByTestId('org-form')
      await page.getByTestId('org-name').fill(BRANCH)
      await pick(page, orgForm.getByTestId('org-type'), '联合党支部', '')
      await pick(page, orgForm.getByTestId('org-units'), UNIT.name)
      await page.getByTestId('org-established').fill('2026-06-01')
      await save(page, 'org-form')
      await waitForText(page.getByTestId('org-title'), BRANCH)
      created.org = idFromPath(page)
      await waitForText(page.getByTestId('org-covers'), UNIT.name)

      // ---- 添加党员 on the organisation's page: the ID number fills in the birth date.
      await page.getByTestId('person-add').click()
      const personForm = page.getByTestId('person-form')
      await page.getByTestId('person-name').fill(MEMBER.name)
      await page.getByTestId('person-id').fill(MEMBER.idNumber)
      expect(await page.getByTestId('person-birth').inputValue()).toBe('1990-01-01')
      await page.getByTestId('person-phone').fill(MEMBER.phone)
      await pick(page, personForm.getByTestId('person-unit'), UNIT.name)
      await page.getByTestId('person-joined').fill('2020-07-01')
      await waitForText(personForm.getByTestId('person-org'), BRANCH)
      const [createdPerson] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/people') && r.request().method() === 'POST'),
        save(page, 'person-form'),
      ])
      expect(createdPerson.status()).toBe(201)
      created.person = ((await createdPerson.json()) as { id: number }).id
      // Lists always mask personal data.
      const row = page.getByTestId('org-people').locator('tr').filter({ hasText: MEMBER.name })
      await waitForText(row, UNIT.name)
      await waitForText(row, `${MEMBER.phone.slice(0, 3)}****${MEMBER.phone.slice(7)}`)
      await waitForText(row, '正式党员')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  test('an edit shows the new values; a stale save gets 409 and overwrites nothing', async () => {
    const a = await newPage(browser, baseURL)
    const b = await newPage(browser, baseURL)
    try {
      await logIn(a.page, 'fengpu_admin')
      await a.page.goto(`/buildings/${created.building}`)
      await a.page.getByTestId('building-edit').click()
      await a.page.getByTestId('building-address').fill(`${BUILDING.address}甲`)
      await a.page.getByTestId('building-form').locator('#owner').fill('奉浦资产公司')
      await save(a.page, 'building-form')
      await waitForText(a.page.locator('.ant-descriptions'), `${BUILDING.address}甲`)
      await waitForText(a.page.locator('.ant-descriptions'), '奉浦资产公司')

      // The same form open in two pages at the same version.
      await logIn(b.page, 'fengpu_admin')
      await b.page.goto(`/buildings/${created.building}`)
      await a.page.getByTestId('building-edit').click()
      await b.page.getByTestId('building-edit').click()
      const ownerA = a.page.getByTestId('building-form').locator('#owner')
      const ownerB = b.page.getByTestId('building-form').locator('#owner')
      await ownerB.fill('乙方保存的产权单位')
      await save(b.page, 'building-form')
      await waitForText(b.page.locator('.ant-descriptions'), '乙方保存的产权单位')

      await ownerA.fill('甲方过期的产权单位')
      const [stale] = await Promise.all([
        a.page.waitForResponse(
          (r) => r.url().endsWith(`/api/buildings/${created.building}`) && r.request().method() === 'PUT',
        ),
        save(a.page, 'building-form'),
      ])
      expect(stale.status()).toBe(409)
      await waitForText(a.page.getByTestId('conflict-alert'), '该记录已被他人修改')
      // Nothing was overwritten: the server still holds the other page's value.
      const staff = await apiSession('fengpu_admin')
      const after = await staff.get<{ building: { owner: string; version: number } }>(
        `/api/buildings/${created.building}`,
      )
      expect(after.body.building.owner).toBe('乙方保存的产权单位')

      // Loading the latest values shows what the other page saved; saving again then succeeds.
      await a.page.getByTestId('conflict-reload').click()
      await a.page.waitForFunction(
        () =>
          (document.querySelector('[data-testid="building-form"] #owner') as HTMLInputElement)?.value ===
          '乙方保存的产权单位',
      )
      expect(await a.page.getByTestId('conflict-alert').count()).toBe(0)
      await ownerA.fill('甲方核对后的产权单位')
      await save(a.page, 'building-form')
      await waitForText(a.page.locator('.ant-descriptions'), '甲方核对后的产权单位')
      const final = await staff.get<{ building: { owner: string; version: number } }>(
        `/api/buildings/${created.building}`,
      )
      expect(final.body.building.version).toBe(after.body.building.version + 1)
      expect([...a.pageErrors, ...b.pageErrors]).toEqual([])
    } finally {
      await a.context.close()
      await b.context.close()
    }
  }, 120_000)

  test('on a phone the forms take the screen without sideways scrolling', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL, {
      width: 390,
      height: 844,
      phone: true,
    })
    try {
      await logIn(page, 'fengpu_admin')
      await page.goto(`/buildings/${created.building}`)
      await page.getByTestId('building-edit').click()
      await page.getByTestId('building-name').waitFor()
      let size = await fitsViewport(page)
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth)
      const box = await page.locator('.ant-drawer-content-wrapper').boundingBox()
      expect(Math.round(box?.width ?? 0)).toBe(390)
      await page
        .getByTestId('building-form')
        .getByRole('button', { name: /取\s?消/ })
        .click()

      await page.goto(`/party-orgs/${created.org}`)
      await page.getByTestId('org-edit').click()
      await page.getByTestId('org-name').waitFor()
      size = await fitsViewport(page)
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)

  test('deleting the unit asks first, then it leaves the building', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await logIn(page, 'fengpu_admin')
      await page.goto(`/buildings/${created.building}`)
      await page.getByTestId('directory-unit').filter({ hasText: UNIT.name }).click()
      await page.getByTestId('unit-drawer').getByTestId('unit-delete').click()
      await waitForText(page.locator('.ant-popconfirm'), UNIT.name)
      await page.getByTestId('delete-confirm').click()
      await page.getByTestId('unit-drawer').waitFor({ state: 'hidden' })
      await page.getByTestId('directory-unit').filter({ hasText: UNIT.name }).waitFor({ state: 'detached' })
      const staff = await apiSession('fengpu_admin')
      expect((await staff.get(`/api/units/${created.unit}`)).status).toBe(404)
      // Soft delete: the history keeps the row as it was.
      const history = await staff.get<{ op: string }[]>(`/api/units/${created.unit}/history`)
      expect(history.body.map((h) => h.op)).toEqual(['delete', 'create'])
      created.unit = 0
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)

  test('a secretary keeps their own organisation true: adds a branch under it and edits it', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      await logIn(page, 'secretary_demo')
      await (await navEntry(page, 'partyOrgs')).click()
      await page
        .getByTestId('orgs-table')
        .getByRole('link', { name: '中共上海市工业综合开发区委员会' })
        .click()
      await waitForText(page.getByTestId('org-title'), '中共上海市工业综合开发区委员会')

      await page.getByTestId('org-add-child').click()
      const orgForm = page.getByTestId('org-form')
      await waitForText(orgForm.getByTestId('org-parent'), '中共上海市工业综合开发区委员会')
      await page.getByTestId('org-name').fill(SECRETARY_BRANCH)
      await save(page, 'org-form')
      await waitForText(page.getByTestId('org-title'), SECRETARY_BRANCH)
      created.secretaryOrg = idFromPath(page)
      await waitForText(page.getByTestId('org-facts'), '南桥镇')

      await page.getByTestId('org-edit').click()
      await page.getByTestId('org-established').fill('2026-07-01')
      await save(page, 'org-form')
      await waitForText(page.getByTestId('org-facts'), '2026-07-01')
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)

  test('a building chief sees personal data masked: the ID number is not offered, the birth year only, and what is hidden is kept', async () => {
    const { context, page, pageErrors } = await newPage(browser, baseURL)
    try {
      const me = await logIn(page, 'chief_demo')
      await page.goto(`/buildings/${me.grants[0]!.scopeId}`)
      await page.getByTestId('directory-unit').first().click()
      const drawer = page.getByTestId('unit-drawer')
      await drawer.getByTestId('person-add').click()
      await page.getByTestId('person-name').fill(MASKED.name)
      // No person.pii: the chief is not offered the ID number (the server would refuse it).
      expect(await page.getByTestId('person-id').count()).toBe(0)
      await page.getByTestId('person-phone').fill(MASKED.phone)
      await page.getByTestId('person-birth').fill('1985-02-02')
      // Not a party member: people outside the chief's organisations are theirs to keep (a member would
      // also sit under an organisation, which a chief does not hold).
      expect(await page.getByTestId('person-is-member').getAttribute('aria-checked')).toBe('false')
      const [createdPerson] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/people') && r.request().method() === 'POST'),
        save(page, 'person-form'),
      ])
      expect(createdPerson.status()).toBe(201)
      const made = (await createdPerson.json()) as { id: number; unitId: number; version: number }
      created.chiefPerson = made.id
      // The street registers the ID number (it holds person.pii).
      const admin = await apiSession('admin')
      const withId = await admin.put(`/api/people/${made.id}`, {
        name: MASKED.name,
        idNumber: MASKED.idNumber,
        unitId: made.unitId,
        version: made.version,
      })
      expect(withId.status).toBe(200)

      // The chief sees the person masked: the list shows the birth year, the form no ID number field.
      const row = drawer.getByTestId('unit-people').locator('tr').filter({ hasText: MASKED.name })
      await page.reload()
      await page.getByTestId('directory-unit').first().click()
      await waitForText(row, '1985')
      expect(await row.textContent()).not.toContain('1985-02-02')
      await row.getByTestId('person-edit').click()
      const form = page.getByTestId('person-form')
      await form.getByTestId('masked-notice').waitFor()
      expect(await page.getByTestId('person-id').count()).toBe(0)
      expect(await page.getByTestId('person-id-masked').textContent()).toBe(
        `${'*'.repeat(16)}${MASKED.idNumber.slice(-2)}`,
      )
      await waitForText(page.getByTestId('person-birth-year'), '1985')
      expect(await page.getByTestId('person-phone').inputValue()).toBe('')

      // Saved without typing them, the hidden phone, ID number and birth date stay as they were.
      const [kept] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/people/') && r.request().method() === 'PUT'),
        save(page, 'person-form'),
      ])
      expect(kept.status()).toBe(200)
      const sent = JSON.parse(kept.request().postData() ?? '{}') as Record<string, unknown>
      expect(Object.keys(sent)).not.toContain('idNumber')
      expect(Object.keys(sent)).not.toContain('birthDate')
      expect(Object.keys(sent)).not.toContain('phone')
      await form.waitFor({ state: 'hidden' })
      const stored = await admin.get<{ phone: string; idNumber: string; birthDate: string }>(
        `/api/people/${created.chiefPerson}`,
      )
      expect(stored.body).toMatchObject({
        phone: MASKED.phone,
        idNumber: MASKED.idNumber,
        birthDate: '1985-02-02',
      })

      // A new phone typed in replaces the stored one.
      await row.getByTestId('person-edit').click()
      await page.getByTestId('person-phone').fill(MASKED.newPhone)
      await save(page, 'person-form')
      await form.waitFor({ state: 'hidden' })
      expect((await admin.get<{ phone: string }>(`/api/people/${created.chiefPerson}`)).body).toMatchObject({
        phone: MASKED.newPhone,
        idNumber: MASKED.idNumber,
      })

      // Deleting a person asks first.
      await row.getByTestId('person-delete').click()
      await page.getByTestId('delete-confirm').click()
      await row.waitFor({ state: 'detached' })
      created.chiefPerson = 0
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)
})
