import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { readBook, workbook } from '../imports/test-kit.ts'
import { ACCOUNT_SPEC } from './import.check.ts'

const FENGPU = '310120002'
const NANQIAO = '310120101'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let t: TestApp
let fengpu: Session
let building: string
beforeAll(async () => {
  t = await startTestApp()
  fengpu = await login(t.app, 'fengpu_admin')
  building = (
    await t.ctx.db
      .selectFrom('building')
      .select('name')
      .where('area_code', '=', FENGPU)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).name
})
afterAll(() => t.close())

const book = (rows: Array<Record<string, unknown>>) =>
  workbook(
    ACCOUNT_SPEC.sheet,
    ACCOUNT_SPEC.columns.map((c) => c.header),
    rows.map((r) => ACCOUNT_SPEC.columns.map((c) => (r[c.key] ?? null) as string | null)),
  )
const upload = (s: Session, file: Buffer, lang = 'zh-CN') =>
  t.app.inject({
    method: 'POST',
    url: '/api/accounts/import?fileName=chiefs.xlsx',
    headers: { ...s.headers, 'content-type': XLSX, 'accept-language': lang },
    payload: file,
  })
const commit = (s: Session, id: number) =>
  t.app.inject({ method: 'POST', url: `/api/accounts/import/${id}/commit`, headers: s.headers })
const countAccounts = async () => (await t.ctx.db.selectFrom('account').select('id').execute()).length

describe('accounts from Excel', () => {
  it('offers a template with the sheet, headers and instructions', async () => {
    const res = await t.app.inject({ url: '/api/accounts/import/template', headers: fengpu.headers })
    expect(res.statusCode).toBe(200)
    const wb = await readBook(res.rawPayload)
    const header = wb.getWorksheet('账号')!.getRow(1).values as unknown[]
    expect(header.slice(1)).toEqual(ACCOUNT_SPEC.columns.map((c) => c.header))
    expect(wb.getWorksheet('说明')).toBeDefined()
  })

  it('dry run reports every bad row and creates nothing', async () => {
    const before = await countAccounts()
    const file = await book([
      { username: 'chief_a', displayName: '甲楼长', role: '楼长', areaCode: FENGPU, building },
      { username: 'chief_a', displayName: '重名', role: '党员群众', areaCode: FENGPU },
      { username: 'member_demo', displayName: '已有', role: '党员群众', areaCode: FENGPU },
      { username: 'street_b', displayName: '越级', role: '街道管理员', areaCode: FENGPU },
      { username: 'nanqiao_c', displayName: '外街道', role: '党员群众', areaCode: NANQIAO },
      { username: 'phone_d', displayName: '号码', role: '党员群众', areaCode: FENGPU, phone: '12345' },
      { username: 'chief_e', displayName: '无楼', role: '楼长', areaCode: FENGPU },
      { username: 'chief_f', displayName: '错楼', role: '楼长', areaCode: FENGPU, building: '不存在的大厦' },
      { username: 'Bad Name', displayName: '格式', role: '党员群众', areaCode: FENGPU },
    ])
    const res = await upload(fengpu, file)
    expect(res.statusCode, res.body).toBe(201)
    const job = res.json()
    expect(job.status).toBe('rejected')
    const byRow = Object.fromEntries(
      job.errors.map((e: { row: number; column: string; reason: string }) => [
        e.row,
        `${e.column}: ${e.reason}`,
      ]),
    )
    expect(byRow).toEqual({
      3: '用户名: 与第 2 行重复（chief_a）',
      4: '用户名: 用户名“member_demo”已被使用',
      5: '角色: 您不能授予“街道管理员”角色（只能授予低于您的角色）',
      6: '角色: 不在您的管理范围内',
      7: '手机号: 电话号码“12345”格式不正确',
      8: '楼宇名称: 角色“楼长”须填写“楼宇名称”',
      9: '楼宇名称: 在 奉浦街道 找不到楼宇“不存在的大厦”',
      10: '用户名: 用户名“bad name”须为 3–32 位小写字母、数字或 _ . -，并以字母或数字开头',
    })
    expect(job.rows).toEqual([])
    expect(await countAccounts()).toBe(before)
    expect((await commit(fengpu, job.id)).json().code).toBe('account_import_not_checked')
    const en = (await upload(fengpu, file, 'en-US')).json()
    expect(en.errors[0].reason).toBe('Duplicates row 2 (chief_a)')
  })

  it('commits all rows at once; each password is shown once and must be changed at first login', async () => {
    const file = await book([
      {
        username: 'chief_g',
        displayName: '乙楼长',
        role: '楼长',
        areaCode: FENGPU,
        building,
        phone: '13900000001',
      },
      { username: 'member_h', displayName: '丙党员', role: '党员群众', areaCode: FENGPU },
    ])
    const job = (await upload(fengpu, file)).json()
    expect(job.status).toBe('checked')
    expect(job.rows).toEqual([
      { row: 2, username: 'chief_g', displayName: '乙楼长', role: 'building_chief', scopeName: building },
      { row: 3, username: 'member_h', displayName: '丙党员', role: 'member', scopeName: '奉浦街道' },
    ])
    expect(
      await t.ctx.db.selectFrom('account').select('id').where('username', '=', 'chief_g').execute(),
    ).toEqual([])
    const other = await login(t.app, 'fengxian_admin')
    expect((await commit(other, job.id)).statusCode).toBe(404)
    const res = await commit(fengpu, job.id)
    expect(res.statusCode, res.body).toBe(200)
    const result = res.json()
    expect(result.job.status).toBe('committed')
    expect(result.accounts.map((a: { username: string }) => a.username)).toEqual(['chief_g', 'member_h'])
    const temp = result.accounts[0].temporaryPassword
    const s = await login(t.app, 'chief_g', temp)
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).json()).toMatchObject({
      mustChangePassword: true,
      grants: [{ role: 'building_chief', scopeName: building }],
    })
    expect((await commit(fengpu, job.id)).json().code).toBe('account_import_not_checked')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.import')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit)).not.toContain(temp)
    const stored = await t.ctx.db
      .selectFrom('account_import')
      .select('rows')
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow()
    expect(stored.rows).toBeNull()
  })

  it('writes nothing when a row no longer passes at commit', async () => {
    const before = await countAccounts()
    const job = (
      await upload(
        fengpu,
        await book([
          { username: 'late_i', displayName: '丁', role: '党员群众', areaCode: FENGPU },
          { username: 'late_j', displayName: '戊', role: '党员群众', areaCode: FENGPU },
        ]),
      )
    ).json()
    const meanwhile = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: fengpu.headers,
      payload: {
        username: 'late_j',
        displayName: '抢先',
        grants: [{ role: 'member', scopeType: 'area', scopeId: FENGPU }],
      },
    })
    expect(meanwhile.statusCode).toBe(201)
    const res = await commit(fengpu, job.id)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'import_stale', details: { errors: [{ row: 3 }] } })
    expect(await countAccounts()).toBe(before + 1)
  })

  it('refuses files that are too long or not workbooks, and members altogether', async () => {
    const many = await book(
      Array.from({ length: 301 }, (_, i) => ({
        username: `bulk_${i}`,
        displayName: '批量',
        role: '党员群众',
        areaCode: FENGPU,
      })),
    )
    expect((await upload(fengpu, many)).json().code).toBe('account_import_too_many')
    expect((await upload(fengpu, Buffer.from('not a workbook at all'))).json().code).toBe('import_not_excel')
    const member = await login(t.app, 'member_demo')
    expect((await upload(member, await book([]))).statusCode).toBe(403)
  })
})
