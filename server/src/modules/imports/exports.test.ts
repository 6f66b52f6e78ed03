import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { usccWithCheck } from '../../lib/ids.ts'
import { KIND_SPECS } from './columns.ts'
import { readBook, upload } from './test-kit.ts'

const XUJIAHUI = '310104014'
const FENGPU = '310120002'
let t: TestApp
let admin: Session
let fengpu: Session

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
})
afterAll(() => t.close())

const download = async (url: string, s: Session) => {
  const res = await t.app.inject({ url, headers: s.headers })
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
  expect(res.headers['content-type']).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  return { res, book: await readBook(res.rawPayload) }
}
const values = (row: { values: unknown }) => (row.values as unknown[]).slice(1)
const sheetRows = (ws: { getSheetValues(): unknown[] }) =>
  ws
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1))

describe('templates', () => {
  it('has the Chinese headers with notes, drop-downs, and an instructions sheet with the allowed values', async () => {
    const { res, book } = await download('/api/imports/templates/units', fengpu)
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('单位导入模板.xlsx')}`,
    )
    expect(book.worksheets.map((w) => w.name)).toEqual(['单位', '说明'])
    const ws = book.getWorksheet('单位')!
    expect(values(ws.getRow(1))).toEqual(KIND_SPECS.units.columns.map((c) => c.header))
    const note = JSON.stringify(ws.getRow(1).getCell(1).note)
    expect(note).toContain('统一社会信用代码 — USCC')
    expect(note).toContain('18 characters with check character')
    const help = JSON.stringify(sheetRows(book.getWorksheet('说明')!))
    expect(help).toContain('民营企业 (private)')
    expect(help).toContain('机关事业单位 (agency)')
    expect(help).toContain('楼宇 → 单位 → 党组织 → 党员')
  })

  it('filled in as downloaded, imports', async () => {
    const { book } = await download('/api/imports/templates/units', admin)
    const building = await t.ctx.db
      .selectFrom('building')
      .select(['name', 'address'])
      .where('name', '=', '奉浦大厦')
      .executeTakeFirstOrThrow()
    book
      .getWorksheet('单位')!
      .addRow([
        usccWithCheck('91310120MC0000001'),
        '模板填写测试有限公司',
        '外资企业',
        null,
        12,
        building.name,
        building.address,
        null,
        2,
        null,
        new Date(Date.UTC(2022, 2, 1)),
        null,
        '是',
      ])
    const file = Buffer.from(await book.xlsx.writeBuffer())
    const job = (await upload(t, admin, 'units', file)).json()
    expect(job).toMatchObject({ status: 'checked', diff: { new: 1 } })
  })

  it('every kind has one, and the empty template is an empty file', async () => {
    for (const kind of ['buildings', 'units', 'party_orgs', 'members']) {
      const { res, book } = await download(`/api/imports/templates/${kind}`, admin)
      expect(book.worksheets[0]!.name).toBe(KIND_SPECS[kind as 'units'].sheet)
      expect((await upload(t, admin, kind, res.rawPayload)).json().code).toBe('import_empty')
    }
  })
})

describe('exports', () => {
  it('exports buildings shaped like the template, with a known demo row, and audits it', async () => {
    const { book } = await download('/api/exports/buildings', admin)
    const ws = book.getWorksheet('楼宇')!
    expect(values(ws.getRow(1))).toEqual(KIND_SPECS.buildings.columns.map((c) => c.header))
    const siic = sheetRows(ws).find((r) => r[0] === '上海实业大厦')
    expect(siic).toEqual([
      '上海实业大厦',
      '徐汇区漕溪北路18号',
      XUJIAHUI,
      38,
      '是',
      '上实物业管理有限公司',
      '上海实业（集团）有限公司',
      31.193,
      121.437,
    ])
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ action: 'export.buildings', username: 'admin' })
  })

  it('narrows to the caller’s area like the list does', async () => {
    const { book } = await download(`/api/exports/units?area=${FENGPU}`, fengpu)
    const rows = sheetRows(book.getWorksheet('单位')!).slice(1)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r[7] === FENGPU)).toBe(true)
    const mine = (await download('/api/exports/buildings', fengpu)).book
    const names = sheetRows(mine.getWorksheet('楼宇')!).map((r) => r[0])
    expect(names).toContain('奉浦大厦')
    expect(names).not.toContain('上海实业大厦')
  })

  it('an exported list imports back unchanged (buildings, units, party organisations)', async () => {
    for (const [list, kind] of [
      ['buildings', 'buildings'],
      ['units', 'units'],
      ['party_orgs', 'party_orgs'],
    ] as const) {
      const { res } = await download(`/api/exports/${list}?area=${XUJIAHUI}`, admin)
      const uploaded = await upload(t, admin, kind, res.rawPayload)
      expect(uploaded.statusCode, `${list}: ${uploaded.body.slice(0, 500)}`).toBe(201)
      const job = uploaded.json()
      expect(job.errors, list).toEqual([])
      expect(job.diff.new + job.diff.changed, `${list} ${JSON.stringify(job.changes[0])}`).toBe(0)
      expect(job.diff.unchanged, list).toBeGreaterThan(0)
    }
  })

  it('masks personal data unless every grant the caller sees people through allows it', async () => {
    const full = sheetRows(
      (await download(`/api/exports/people?area=${FENGPU}`, fengpu)).book.getWorksheet('党员')!,
    )
    expect(full[0]).toEqual(KIND_SPECS.members.columns.map((c) => c.header))
    const withId = full.slice(1).find((r) => r[1])!
    expect(String(withId[1])).toMatch(/^\d{17}[\dX]$/)
    const chief = await login(t.app, 'chief_demo')
    const masked = sheetRows((await download('/api/exports/people', chief)).book.getWorksheet('党员')!).slice(
      1,
    )
    expect(masked.length).toBeGreaterThan(0)
    for (const r of masked.filter((r) => r[1])) expect(String(r[1])).toContain('*')
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['username', 'detail'])
      .where('action', '=', 'export.people')
      .orderBy('id')
      .execute()
    expect(audits.map((a) => [a.username, (a.detail as { unmasked: boolean }).unmasked])).toEqual([
      ['fengpu_admin', true],
      ['chief_demo', false],
    ])
    // And which people each file carried, as for any read of personal data.
    const rowsOf = async (username: string) =>
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select('entity_ids')
          .where('action', '=', 'person.list')
          .where('username', '=', username)
          .where(sql<boolean>`detail->>'via' = 'export.people'`)
          .execute()
      ).flatMap((r) => r.entity_ids)
    const fengpuRows = await rowsOf('fengpu_admin')
    expect(fengpuRows).toHaveLength(full.length - 1)
    expect(new Set(fengpuRows).size).toBe(full.length - 1)
    expect(await rowsOf('chief_demo')).toHaveLength(masked.length)
  })

  it('exports the coverage report: the figures and the units by category, as the API computes them', async () => {
    const figures = (
      await t.app.inject({ url: `/api/coverage?area=${XUJIAHUI}`, headers: admin.headers })
    ).json()
    const { book } = await download(`/api/exports/coverage?area=${XUJIAHUI}`, admin)
    expect(book.worksheets.map((w) => w.name)).toEqual(['覆盖统计', '单位覆盖分类'])
    const lines = new Map(sheetRows(book.getWorksheet('覆盖统计')!).map((r) => [r[0], r[1]]))
    expect(lines.get('统计范围')).toBe('徐家汇街道')
    expect(lines.get('单位总数')).toBe(figures.units)
    expect(lines.get('联合组建')).toBe(figures.categories.joint)
    const units = sheetRows(book.getWorksheet('单位覆盖分类')!)
    expect(units[0]).toEqual([
      '统一社会信用代码',
      '单位名称',
      '所在楼宇名称',
      '单位类型',
      '正式党员',
      '预备党员',
      '覆盖类别',
      '是否选派党建指导员',
    ])
    expect(units.length - 1).toBe(figures.units)
    expect(units.find((r) => r[1] === '上实物业管理有限公司上实大厦管理处')).toMatchObject({
      2: '上海实业大厦',
      6: '联合组建',
    })
    // A street admin may not export another street's report.
    expect(
      (await t.app.inject({ url: `/api/exports/coverage?area=${XUJIAHUI}`, headers: fengpu.headers }))
        .statusCode,
    ).toBe(403)
    // The export carries the dashboard's newer figures too.
    expect(lines.get('党建工作站（阵地）')).toBe(figures.stations)
    expect(lines.get('下辖居委会')).toBe(figures.subAreas.communities)
  })

  it('exports the gap list: every row of GET /api/gaps across pages, with rule and action, and audits it', async () => {
    const gaps: Array<{ rule: string; ruleText: string; name: string; action: string }> = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page: { items: typeof gaps; nextCursor: string | null } = (
        await t.app.inject({
          url: `/api/gaps?area=${FENGPU}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
          headers: fengpu.headers,
        })
      ).json()
      gaps.push(...page.items)
      cursor = page.nextCursor
    }
    expect(gaps.length).toBeGreaterThan(7)
    const { res, book } = await download(`/api/exports/gaps?area=${FENGPU}`, fengpu)
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('问题清单'))
    const rows = sheetRows(book.getWorksheet('问题清单')!)
    expect(rows[0]).toEqual(['规则', '对象类型', '名称', '区划代码', '情况与建议措施'])
    expect(rows.slice(1).map((r) => [r[0], r[2], r[4]])).toEqual(
      gaps.map((g) => [g.ruleText, g.name, g.action]),
    )
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'export.gaps')
      .execute()
    expect(audit).toEqual([{ action: 'export.gaps', detail: { area: FENGPU, rule: null } }])
    // One rule only; and not another street's list.
    const rule = gaps.at(-1)!.rule
    const one = await download(`/api/exports/gaps?area=${FENGPU}&rule=${rule}`, fengpu)
    const only = sheetRows(one.book.getWorksheet('问题清单')!).slice(1)
    expect(only.map((r) => r[2])).toEqual(gaps.filter((g) => g.rule === rule).map((g) => g.name))
    expect(only.length).toBeGreaterThan(0)
    const other = await t.app.inject({ url: `/api/exports/gaps?area=${XUJIAHUI}`, headers: fengpu.headers })
    expect(other.statusCode).toBe(403)
  })
})
