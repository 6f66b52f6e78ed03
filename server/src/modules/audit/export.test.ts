import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, startTestApp, type TestApp } from '../../../test/helpers.ts'

const sh = (local: string) => new Date(`${local}+08:00`)

describe('audit log export', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
    await t.ctx.db
      .insertInto('audit_log')
      .values([
        { action: 'ops.before', at: sh('2025-03-31T23:59:59') },
        {
          action: 'ops.first',
          at: sh('2025-04-01T00:00:00'),
          username: '张三',
          detail: JSON.stringify({ 说明: '值' }),
        },
        { action: 'ops.last', at: sh('2025-04-30T23:59:59'), entity_ids: ['7', '8'] },
        { action: 'ops.after', at: sh('2025-05-01T00:00:00') },
      ])
      .execute()
  })
  afterAll(() => t.close())

  it('gives the admin a workbook of the Shanghai days asked for, and audits the export', async () => {
    const admin = await login(t.app, 'admin')
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export?from=2025-04-01&to=2025-04-30',
      headers: admin.headers,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E5%AE%A1%E8%AE%A1")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as never)
    const ws = wb.getWorksheet('审计日志')!
    const rows: unknown[][] = []
    ws.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1))
    })
    expect(rows.map((r) => r[4])).toEqual(['ops.first', 'ops.last'])
    expect(rows[0]![1]).toBe('2025-04-01 00:00:00')
    expect(rows[0]![3]).toBe('张三')
    expect(rows[0]![9]).toBe('{"说明":"值"}')
    expect(rows[1]![6]).toBe('7,8')
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('action', '=', 'audit.export')
      .execute()
    expect(audited).toEqual([{ username: 'admin', detail: { from: '2025-04-01', to: '2025-04-30' } }])
  })

  it('refuses a period that ends before it starts, a date that is not one, and anyone but the admin', async () => {
    const admin = await login(t.app, 'admin')
    const backwards = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export?from=2025-05-01&to=2025-04-01',
      headers: { ...admin.headers, 'accept-language': 'en-US' },
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json()).toEqual({
      code: 'audit_period',
      message: 'The export period ends (2025-04-01) before it starts (2025-05-01)',
    })
    const notADate = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export?from=2025-02-30&to=2025-04-01',
      headers: admin.headers,
    })
    expect(notADate.statusCode).toBe(400)
    const street = await login(t.app, 'fengpu_admin')
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export?from=2025-04-01&to=2025-04-30',
      headers: street.headers,
    })
    expect(denied.statusCode).toBe(403)
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/audit/export?from=2025-04-01&to=2025-04-30' }))
        .statusCode,
    ).toBe(401)
    const exports = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'audit.export')
      .execute()
    expect(exports).toHaveLength(1)
  })
})
