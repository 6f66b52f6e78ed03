import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { CHENGQIAO, kit } from './test-kit.ts'

let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date('2026-06-15T10:00:00+08:00'))
  k = kit(t)
  admin = await k.admin()
})
afterAll(async () => t?.close())

const count = async (table: string) =>
  Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.ctx.db)).rows[0]!.n,
  )
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

describe('the dues base', () => {
  test('is confirmed per year, stored encrypted, shown masked, and read in full one member at a time, audited', async () => {
    const b = await k.branch(admin)
    const p = b.people[1]!
    const rate = await k.ok(b.secretary, 'PUT', `/api/orglife/orgs/${b.orgId}/dues/bases/${p.id}`, {
      year: 2026,
      category: 'employed',
      monthlyIncome: 8000,
    })
    expect(rate).toEqual({ rateBp: 150, monthlyCents: 12000 })
    const stored = await t.ctx.db
      .selectFrom('orglife_dues_base')
      .selectAll()
      .where('person_id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(stored.base_enc).not.toContain('800000')
    const dues = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/dues?year=2026`)
    const row = dues.members.find((m: { personId: number }) => m.personId === p.id)
    expect(row).toMatchObject({ category: 'employed', baseMasked: '****', rateBp: 150, monthlyCents: 12000 })
    expect(JSON.stringify(dues)).not.toContain('8000')
    const reveal = await k.ok(b.secretary, 'GET', `/api/orglife/dues/bases/${p.id}?year=2026`)
    expect(reveal).toMatchObject({ monthlyIncome: 8000, category: 'employed' })
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_ids', 'detail'])
      .where('action', '=', 'pii.read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ entity_ids: [String(p.id)], detail: { fields: ['duesBase'], year: 2026 } })
    const other = await k.branch(admin)
    const denied = await k.call(other.secretary, 'GET', `/api/orglife/dues/bases/${p.id}?year=2026`)
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'forbidden_scope'])
    // Changing it needs the version read.
    const stale = await k.call(b.secretary, 'PUT', `/api/orglife/orgs/${b.orgId}/dues/bases/${p.id}`, {
      year: 2026,
      category: 'retired',
      monthlyIncome: 4000,
    })
    expect(stale.json().code).toBe('version_conflict')
    const retired = await k.ok(b.secretary, 'PUT', `/api/orglife/orgs/${b.orgId}/dues/bases/${p.id}`, {
      year: 2026,
      category: 'retired',
      monthlyIncome: 5000.01,
      version: 1,
    })
    expect(retired).toEqual({ rateBp: 100, monthlyCents: 5000 })
  })

  test('a negative, zero, absurd or over-precise income, or one given for a fixed category, is refused by name', async () => {
    const b = await k.branch(admin)
    const put = (body: unknown) =>
      k.call(b.secretary, 'PUT', `/api/orglife/orgs/${b.orgId}/dues/bases/${b.people[0]!.id}`, body)
    const before = await count('orglife_dues_base')
    const cases: Array<[unknown, string]> = [
      [{ year: 2026, category: 'employed', monthlyIncome: -100 }, 'orglife_dues_income_negative'],
      [{ year: 2026, category: 'employed', monthlyIncome: 0 }, 'orglife_dues_income_zero'],
      [{ year: 2026, category: 'employed', monthlyIncome: 9_000_000 }, 'orglife_dues_income_absurd'],
      [{ year: 2026, category: 'employed', monthlyIncome: 3000.005 }, 'orglife_dues_income_precision'],
      [{ year: 2026, category: 'employed' }, 'orglife_dues_income_required'],
      [{ year: 2026, category: 'student', monthlyIncome: 3000 }, 'orglife_dues_income_not_used'],
      [{ year: 2030, category: 'student' }, 'orglife_dues_year'],
    ]
    for (const [body, code] of cases) {
      const res = await put(body)
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([400, code])
    }
    const stranger = await k.branch(admin)
    const notMine = await k.call(
      b.secretary,
      'PUT',
      `/api/orglife/orgs/${b.orgId}/dues/bases/${stranger.people[0]!.id}`,
      {
        year: 2026,
        category: 'student',
      },
    )
    expect(notMine.json().code).toBe('orglife_dues_not_member')
    expect(await count('orglife_dues_base')).toBe(before)
    const student = await k.ok(
      b.secretary,
      'PUT',
      `/api/orglife/orgs/${b.orgId}/dues/bases/${b.people[0]!.id}`,
      {
        year: 2026,
        category: 'student',
      },
    )
    expect(student).toEqual({ rateBp: null, monthlyCents: 20 })
  })
})

describe('payments and arrears', () => {
  test('months paid, months owed up to the last finished one, members who joined mid-year, probationary members too', async () => {
    const b = await k.branch(admin, { members: 3 })
    const [p1, p2, p3] = b.people as [
      { id: number; name: string },
      { id: number; name: string },
      { id: number; name: string },
    ]
    await t.ctx.db
      .updateTable('member')
      .set({ joined_on: '2026-04-20', status: 'probationary' })
      .where('person_id', '=', p3.id)
      .execute()
    for (const [p, income] of [
      [p1, 4000],
      [p2, 12000],
      [p3, 2500],
    ] as const)
      await k.ok(b.secretary, 'PUT', `/api/orglife/orgs/${b.orgId}/dues/bases/${p.id}`, {
        year: 2026,
        category: 'employed',
        monthlyIncome: income,
      })
    const paid = await k.ok(b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/dues/payments`, {
      personId: p1.id,
      months: ['2026-01', '2026-02', '2026-03'],
      channel: 'wechat',
      paidOn: '2026-03-05',
    })
    expect(paid.map((x: { month: string; amountCents: number }) => [x.month, x.amountCents])).toEqual([
      ['2026-03', 4000],
      ['2026-02', 4000],
      ['2026-01', 4000],
    ])
    expect(paid[0]).toMatchObject({ channel: 'wechat', source: 'manual', recordedBy: expect.any(String) })
    const dues = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/dues?year=2026`)
    expect(dues.through).toBe('2026-05')
    const of = (id: number) => dues.members.find((m: { personId: number }) => m.personId === id)
    expect(of(p1.id)).toMatchObject({
      arrearsMonths: ['2026-04', '2026-05'],
      arrearsCents: 8000,
      paidThrough: '2026-03',
      paidCents: 12000,
    })
    expect(of(p2.id)).toMatchObject({ dueMonths: 5, arrearsCents: 5 * 24000 })
    expect(of(p3.id)).toMatchObject({
      status: 'probationary',
      arrearsMonths: ['2026-04', '2026-05'],
      arrearsCents: 2 * 1250,
    })
    expect(dues).toMatchObject({ membersInArrears: 3, withoutBase: 0, arrearsCents: 8000 + 120000 + 2500 })
    // The street's report counts the same.
    const report = await k.ok(admin, 'GET', `/api/orglife/dues/report?area=${CHENGQIAO}&year=2026`)
    const orgRow = report.orgRows.find((r: { partyOrgId: number }) => r.partyOrgId === b.orgId)
    expect(orgRow).toMatchObject({
      members: 3,
      expectedCents: dues.expectedCents,
      paidCents: dues.paidCents,
      arrearsCents: dues.arrearsCents,
      membersInArrears: 3,
    })
    const district = await k.ok(admin, 'GET', '/api/orglife/dues/report?area=310151&year=2026')
    expect(district.children.find((c: { code: string }) => c.code === CHENGQIAO)).toMatchObject({
      arrearsCents: report.arrearsCents,
      members: report.members,
    })
  })

  test('a month already paid, a month twice in one go, a year without a base, a future date: each refused, nothing written', async () => {
    const b = await k.branch(admin)
    const p = b.people[0]!
    await k.ok(b.secretary, 'PUT', `/api/orglife/orgs/${b.orgId}/dues/bases/${p.id}`, {
      year: 2026,
      category: 'student',
    })
    const pay = (body: Record<string, unknown>) =>
      k.call(b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/dues/payments`, {
        personId: p.id,
        channel: 'cash',
        paidOn: '2026-06-01',
        ...body,
      })
    expect((await pay({ months: ['2026-02'] })).statusCode).toBe(201)
    const before = await count('orglife_dues_payment')
    const again = await pay({ months: ['2026-01', '2026-02'] })
    expect([again.statusCode, again.json().code]).toEqual([409, 'orglife_dues_month_paid'])
    expect(again.json().message).toContain('2026-02')
    const noBase = await pay({ months: ['2027-01'] })
    expect([noBase.statusCode, noBase.json().code]).toEqual([409, 'orglife_dues_no_base'])
    const future = await pay({ months: ['2026-03'], paidOn: '2026-06-16' })
    expect(future.json().code).toBe('orglife_dues_paid_on_future')
    const far = await pay({ months: ['2028-01'] })
    expect(far.json().code).toBe('orglife_dues_month_far')
    const stranger = await k.branch(admin)
    const notMember = await pay({ personId: stranger.people[0]!.id, months: ['2026-03'] })
    expect(notMember.json().code).toBe('orglife_dues_not_member')
    expect(await count('orglife_dues_payment')).toBe(before)
    const racing = await Promise.all([pay({ months: ['2026-04'] }), pay({ months: ['2026-04'] })])
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409])
  })
})

describe('importing payments from Excel', () => {
  test('the template lists the members; a check lists every problem by row and writes nothing; a clean file imports whole', async () => {
    const b = await k.branch(admin, { members: 2 })
    const [p1, p2] = b.people as [{ id: number; name: string }, { id: number; name: string }]
    for (const p of b.people)
      await k.ok(b.secretary, 'PUT', `/api/orglife/orgs/${b.orgId}/dues/bases/${p.id}`, {
        year: 2026,
        category: 'employed',
        monthlyIncome: 6000,
      })
    await k.ok(b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/dues/payments`, {
      personId: p2.id,
      months: ['2026-01'],
      channel: 'cash',
      paidOn: '2026-01-10',
    })
    const template = await k.call(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/dues/template`)
    expect(template.headers['content-type']).toBe(XLSX)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('党费交纳')!
    expect(ws.getRow(2).getCell(3).value).toBe('2026-06')
    const ids = [ws.getRow(2).getCell(1).value, ws.getRow(3).getCell(1).value].map(Number).sort()
    expect(ids).toEqual([p1.id, p2.id].sort())
    const file = async (rows: unknown[][]) => {
      const out = new ExcelJS.Workbook()
      const sheet = out.addWorksheet('党费交纳')
      sheet.addRow(['人员编号', '姓名', '月份', '金额（元）', '缴纳方式', '缴纳日期', '备注'])
      for (const r of rows) sheet.addRow(r)
      return Buffer.from(await out.xlsx.writeBuffer())
    }
    const upload = (body: Buffer, dryRun: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/orglife/orgs/${b.orgId}/dues/import?dryRun=${dryRun}`,
        headers: { ...b.secretary.headers, 'content-type': XLSX },
        payload: body,
      })
    const bad = await file([
      [p1.id, p1.name, '2026-02', null, '微信', '2026-02-03'],
      [p1.id, p1.name, '2026-02', null, '微信', '2026-02-03'],
      [p2.id, p2.name, '2026-01', null, '现金', '2026-01-10'],
      [p2.id, '别人', '2026-03', -5, '刷脸', 'yesterday'],
      [99_999_999, '无名', '2026-03', null, '现金', '2026-03-03'],
    ])
    const before = await count('orglife_dues_payment')
    const checked = await upload(bad, true)
    expect(checked.statusCode).toBe(200)
    const result = checked.json()
    expect(result).toMatchObject({ dryRun: true, committed: false, payments: 1 })
    expect([...new Set(result.errors.map((e: { row: number }) => e.row))]).toEqual([3, 4, 5, 6])
    expect(result.errors.find((e: { row: number }) => e.row === 4).message).toContain('2026-01')
    const commit = await upload(bad, false)
    expect([commit.statusCode, commit.json().code]).toEqual([400, 'orglife_dues_import_errors'])
    expect(await count('orglife_dues_payment')).toBe(before)
    const good = await file([
      [p1.id, p1.name, '2026-02', null, '微信', '2026-02-03'],
      [p1.id, p1.name, '2026-03', 90, '支付宝', '2026-03-03', '多交'],
      [p2.id, p2.name, '2026-02', null, '银行转账', null],
    ])
    const done = await upload(good, false)
    expect(done.json()).toMatchObject({
      committed: true,
      payments: 3,
      amountCents: 9000 + 9000 + 9000,
      errors: [],
    })
    const rows = await t.ctx.db
      .selectFrom('orglife_dues_payment')
      .select(['person_id', 'amount_cents', 'channel', 'source', 'paid_on'])
      .where('party_org_id', '=', b.orgId)
      .where('source', '=', 'import')
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.amount_cents, r.channel, r.paid_on])).toEqual([
      [9000, 'wechat', '2026-02-03'],
      [9000, 'alipay', '2026-03-03'],
      [9000, 'bank', '2026-06-15'],
    ])
    const notExcel = await upload(Buffer.from('not a workbook'), true)
    expect(notExcel.json().code).toBe('import_not_excel')
  })
})
