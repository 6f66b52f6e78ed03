import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

const NANQIAO = '310120101'

let t: TestApp
let admin: Session
let fengpu: Session

async function workbook(session: Session, query = '') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/exports/offerings.xlsx${query}`,
    headers: session.headers,
  })
  expect(res.statusCode, res.body).toBe(200)
  expect(res.headers['content-type']).toContain('spreadsheetml')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const sheets = new Map<string, Array<Record<string, unknown>>>()
  wb.eachSheet((ws) => {
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String)
    const rows: Array<Record<string, unknown>> = []
    ws.eachRow((row, n) => {
      if (n === 1) return
      const values = (row.values as unknown[]).slice(1)
      rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])))
    })
    sheets.set(ws.name, rows)
  })
  return sheets
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
})
afterAll(() => t.close())

describe('the three lists as Excel', () => {
  it('gives the alliance’s 15 services, 11 resources and 9 activities, one sheet each', async () => {
    const alliance = await t.ctx.db
      .selectFrom('alliance')
      .select('id')
      .where('name', '=', '奉贤区商务楼宇党建联盟')
      .executeTakeFirstOrThrow()
    const sheets = await workbook(admin, `?alliance=${alliance.id}`)
    expect([...sheets.keys()]).toEqual(['服务清单', '资源清单', '活动清单'])
    expect(sheets.get('服务清单')).toHaveLength(15)
    expect(sheets.get('资源清单')).toHaveLength(11)
    expect(sheets.get('活动清单')).toHaveLength(9)
    const lecture = sheets
      .get('活动清单')!
      .concat(sheets.get('服务清单')!)
      .find((r) => r.名称 === '百场党课进楼宇')
    expect(lecture).toMatchObject({ 所属联盟: '奉贤区商务楼宇党建联盟' })
    expect(sheets.get('服务清单')!.every((r) => r.所属联盟 === '奉贤区商务楼宇党建联盟')).toBe(true)
  })

  it('keeps to the caller’s areas: a 奉浦 admin does not get an offering only for 南桥镇', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/offerings',
      headers: admin.headers,
      payload: {
        providerUnitId: Number(
          (
            await t.ctx.db
              .selectFrom('unit')
              .select('id')
              .where('area_code', 'like', `${NANQIAO}%`)
              .executeTakeFirstOrThrow()
          ).id,
        ),
        list: 'resource',
        categoryCode: 'party.venue',
        name: '南桥镇专用会议室（Excel 测试）',
        areaCodes: [NANQIAO],
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const all = await workbook(admin)
    const total = await t.ctx.db
      .selectFrom('offering')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow()
    expect([...all.values()].reduce((s, rows) => s + rows.length, 0)).toBe(Number(total.n))
    expect(all.get('资源清单')!.some((r) => r.名称 === '南桥镇专用会议室（Excel 测试）')).toBe(true)

    const theirs = await workbook(fengpu)
    const names = [...theirs.values()].flat().map((r) => r.名称)
    expect(names.length).toBeGreaterThan(0)
    expect(names.length).toBeLessThan(Number(total.n))
    expect(names).not.toContain('南桥镇专用会议室（Excel 测试）')
    // Asking for 南桥镇 explicitly finds it.
    const nanqiao = await workbook(fengpu, `?area=${NANQIAO}`)
    expect([...nanqiao.values()].flat().map((r) => r.名称)).toContain('南桥镇专用会议室（Excel 测试）')
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/exports/offerings.xlsx?area=999999',
      headers: fengpu.headers,
    })
    expect(unknown.json().code).toBe('unknown_area')
  })
})
