import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { usccWithCheck } from '../../lib/ids.ts'
import { readerLimits } from './read-upload.ts'
import {
  deflatedPart,
  deflatedZip,
  kindBook,
  repeatedPart,
  upload,
  workbookParts,
  type ZipPart,
} from './test-kit.ts'

let t: TestApp
let admin: Session
let parts: ZipPart[]
const ROW = { uscc: usccWithCheck('91310120MA1H8RBQ9'), name: '甲', kind: '民营企业', areaCode: '310120001' }
const SHEET = 'xl/worksheets/sheet1.xml'
const MB = 1024 * 1024
const jobs = async () => (await t.ctx.db.selectFrom('import_job').select('id').execute()).length

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  parts = await workbookParts(await kindBook('units', [ROW]))
})
afterAll(async () => {
  // Nothing refused here left a job behind.
  expect(await jobs()).toBe(0)
  await t.close()
})

/** The template-shaped workbook with some parts replaced or added. */
const withParts = (...replaced: ZipPart[]) =>
  deflatedZip([...parts.filter((p) => !replaced.some((r) => r.name === p.name)), ...replaced])

const refused = async (file: Buffer, lang?: string) => {
  const res = await upload(t, admin, 'units', file, { fileName: '炸弹.xlsx', lang })
  return { status: res.statusCode, ...res.json() }
}

describe('a workbook is bounded before it is parsed', () => {
  it('a part declaring hundreds of MB (a zip bomb) is refused without inflating it', async () => {
    const bomb = withParts(repeatedPart(SHEET, 300 * MB))
    expect(bomb.length).toBeLessThan(MB)
    const res = await refused(bomb)
    expect(res).toMatchObject({ status: 400, code: 'import_part_too_large' })
    expect(res.message).toBe(
      '文件中的“xl/worksheets/sheet1.xml”解压后超过 128 MB，未导入；请只保留模板中的工作表和数据',
    )
    expect((await refused(bomb, 'en-US')).message).toContain('unpacks to more than 128 MB')
  })

  it('a part that declares a small size and inflates to hundreds of MB is stopped where it passes it', async () => {
    const rssBefore = process.memoryUsage().rss
    const liar = { ...repeatedPart(SHEET, 300 * MB), declaredSize: 20_000 }
    const res = await refused(withParts(liar))
    expect(res).toMatchObject({ status: 400, code: 'import_part_size_mismatch' })
    expect(res.message).toBe('文件已损坏：“xl/worksheets/sheet1.xml”的实际大小与文件中记录的不符，未导入')
    // Inflation stopped near 20 KB: the process did not take on the 300 MB (the reader runs in a worker
    // thread, whose memory is this process's too).
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * MB)
  })

  it('parts each under the limit but over the total together are refused', async () => {
    const res = await refused(
      withParts(
        repeatedPart('xl/worksheets/sheet2.xml', 100 * MB),
        repeatedPart('xl/worksheets/sheet3.xml', 100 * MB),
        repeatedPart('xl/media/image1.bmp', 100 * MB),
      ),
    )
    expect(res).toMatchObject({ status: 400, code: 'import_unpacked_too_large' })
    expect(res.message).toBe('文件解压后超过 256 MB，未导入；请只保留模板中的工作表和数据')
  })

  it('a shared-strings table of more than a million entries is refused, counted or declared', async () => {
    const counted = repeatedPart(
      'xl/sharedStrings.xml',
      1_100_000 * '<si><t>x</t></si>'.length,
      '<si><t>x</t></si>',
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      '</sst>',
    )
    const res = await refused(withParts(counted))
    expect(res).toMatchObject({ status: 400, code: 'import_too_many_strings' })
    expect(res.message).toBe('工作簿的共享文本超过 1000000 条，未导入；请只保留模板中的工作表和数据')
    const declared = deflatedPart(
      'xl/sharedStrings.xml',
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5000000" uniqueCount="5000000"><si><t>x</t></si></sst>',
    )
    expect((await refused(withParts(declared))).code).toBe('import_too_many_strings')
  })

  it('a zip of more than 1,000 parts is refused', async () => {
    const many = Array.from({ length: 1_001 }, (_, i) => deflatedPart(`xl/media/p${i}.txt`, 'x'))
    const res = await refused(withParts(...many))
    expect(res).toMatchObject({ status: 400, code: 'import_too_many_parts' })
  })

  it('a zip the unzip library rejects (a part named outside the archive) is not an Excel file, not a 500', async () => {
    const res = await refused(withParts(deflatedPart('../../etc/evil.xml', 'x')))
    expect(res).toMatchObject({ status: 400, code: 'import_not_excel' })
  })

  it('the parts the reader needs are all it reads: a template-shaped workbook rebuilt the same way imports', async () => {
    const res = await upload(t, admin, 'units', withParts())
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'checked', totalRows: 1 })
    await t.ctx.db.deleteFrom('import_job').execute()
  })

  it('a file that needs more memory than the reader may use kills the reader, not the server', async () => {
    const heap = readerLimits.heapMb
    readerLimits.heapMb = 8
    try {
      const res = await refused(await kindBook('units', [ROW]))
      expect(res).toMatchObject({ status: 400, code: 'import_too_complex' })
      expect(res.message).toContain('“炸弹.xlsx”过大或过于复杂')
    } finally {
      readerLimits.heapMb = heap
    }
    const health = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(health.statusCode).toBe(200)
  })
})
