import { IMPORT_MAX_ROWS } from '@tongxin/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { usccWithCheck } from '../../lib/ids.ts'
import { KIND_SPECS } from './columns.ts'
import { kindBook, storedZip, streamedBook, upload, workbook } from './test-kit.ts'

let t: TestApp
let admin: Session
let jobsBefore: number
const jobs = async () => (await t.ctx.db.selectFrom('import_job').select('id').execute()).length
const unitHeaders = KIND_SPECS.units.columns.map((c) => c.header)

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  jobsBefore = await jobs()
})
afterAll(async () => {
  // None of the refused files left a job (or anything else) behind.
  expect(await jobs()).toBe(jobsBefore)
  await t.close()
})

const refused = async (file: Buffer, kind = 'units', lang?: string) => {
  const res = await upload(t, admin, kind, file, { fileName: '名单.xlsx', lang })
  return { status: res.statusCode, ...res.json() }
}

describe('files that are refused whole, with a specific code and message', () => {
  it('a text file or a Word document renamed .xlsx, and a damaged workbook', async () => {
    const text = await refused(Buffer.from('统一社会信用代码,单位名称\n91310000,某公司\n'))
    expect(text).toMatchObject({ status: 400, code: 'import_not_excel' })
    expect(text.message).toContain('文件“名单.xlsx”不是有效的 Excel 工作簿')
    const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })
    expect((await refused(docx)).code).toBe('import_not_excel')
    const good = await kindBook('units', [{ uscc: 'A' }])
    expect((await refused(good.subarray(0, good.length >> 1))).code).toBe('import_not_excel')
    const en = await refused(Buffer.from('nope'), 'units', 'en-US')
    expect(en.message).toBe(
      'The file "名单.xlsx" is not a valid Excel workbook (.xlsx); fill in the template and save it as .xlsx',
    )
  })

  it('a workbook without the expected sheet names the sheet it wanted and those it found', async () => {
    const res = await refused(await workbook('Sheet1', unitHeaders, [['x']]))
    expect(res).toMatchObject({ status: 400, code: 'import_wrong_sheet' })
    expect(res.message).toBe('找不到名为“单位”的工作表（文件中的工作表：Sheet1），请使用下载的模板')
    // The right file for another kind is the wrong sheet for this one.
    expect((await refused(await kindBook('buildings', [{ name: 'x' }]), 'units')).code).toBe(
      'import_wrong_sheet',
    )
  })

  it('headers unlike the template are listed: missing, unexpected, repeated', async () => {
    const headers = [...unitHeaders]
    headers[1] = '单位名'
    headers.push('统一社会信用代码')
    const res = await refused(await workbook('单位', headers, [['x']]))
    expect(res).toMatchObject({ status: 400, code: 'import_wrong_headers' })
    expect(res.message).toBe(
      '第 1 行表头与模板不符：缺少 单位名称；多出 单位名；重复 统一社会信用代码。请使用下载的模板，不要改动表头',
    )
    // Columns in another order, and a required-marker star, are fine.
    const shuffled = [...unitHeaders].reverse().map((h, i) => (i === 0 ? `${h}*` : h))
    const ok = await upload(t, admin, 'units', await workbook('单位', shuffled, [['否']]))
    expect(ok.statusCode).toBe(201)
    expect(ok.json().status).toBe('rejected')
    await t.ctx.db.deleteFrom('import_job').where('id', '=', ok.json().id).execute()
  })

  it('merged cells are refused with their ranges', async () => {
    const file = await kindBook(
      'units',
      [
        { uscc: usccWithCheck('91310120MA0000001'), name: '甲' },
        { uscc: usccWithCheck('91310120MA0000002') },
      ],
      (ws) => ws.mergeCells('B2:B3'),
    )
    const res = await refused(file)
    expect(res).toMatchObject({ status: 400, code: 'import_merged_cells' })
    expect(res.message).toContain('B2:B3')
  })

  it('a sheet with a header and no data, or nothing at all, is empty', async () => {
    const res = await refused(await kindBook('units', []))
    expect(res).toMatchObject({ status: 400, code: 'import_empty' })
    expect(res.message).toContain('工作表“单位”没有数据行')
    // Blank rows below the header do not count as data.
    expect((await refused(await kindBook('units', [{}, {}]))).code).toBe('import_empty')
    expect((await refused(await workbook('单位', [], []))).code).toBe('import_empty')
  })

  it(`more than ${IMPORT_MAX_ROWS.toLocaleString('en-US')} data rows are refused before any row is checked`, async () => {
    const file = await streamedBook('单位', unitHeaders, IMPORT_MAX_ROWS + 1, (i) => [String(i)])
    const res = await refused(file)
    expect(res).toMatchObject({ status: 400, code: 'import_too_many_rows' })
    expect(res.message).toBe('数据行数超过上限 100000 行，请拆分为多个文件分别导入')
  })

  it('refuses other content types, callers without the import permission, and callers without a session', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/imports/units',
      headers: admin.headers,
      payload: { rows: [] },
    })
    expect(json.statusCode).toBe(415)
    expect(json.json().code).toBe('unsupported_media_type')
    const csv = await t.app.inject({
      method: 'POST',
      url: '/api/imports/units',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: 'a,b',
    })
    expect(csv.statusCode).toBe(415)
    const file = await kindBook('units', [{ uscc: 'A' }])
    const chief = await login(t.app, 'chief_demo')
    expect((await upload(t, chief, 'units', file)).statusCode).toBe(403)
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/imports/units',
      headers: { 'content-type': 'application/octet-stream' },
      payload: file,
    })
    expect(anonymous.statusCode).toBe(401)
    expect((await upload(t, admin, 'stations', file)).statusCode).toBe(400)
  })
})
