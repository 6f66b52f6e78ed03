import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { idNumberWithCheck, maskIdNumber } from '../../lib/ids.ts'
import { piiLookupHash } from '../../lib/pii.ts'
import { commit, kindBook, upload } from './test-kit.ts'

const FENGPU = '310120002'
let t: TestApp
let admin: Session
let fengpu: Session
let unit: { id: number; uscc: string }
let fengpuOrg: string
let nanqiaoOrg: string

const idNo = (n: number) => idNumberWithCheck(`31011019900101${String(n).padStart(3, '0')}`)

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  unit = await t.ctx.db
    .selectFrom('unit')
    .select(['id', 'uscc'])
    .where('area_code', '=', FENGPU)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  fengpuOrg = '中共奉浦街道商务楼宇综合委员会'
  nanqiaoOrg = '中共南桥镇商务楼宇综合委员会'
})
afterAll(() => t.close())

const member = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `导入党员${n}`,
  idNumber: idNo(n),
  phone: `1390000${String(n).padStart(4, '0')}`,
  education: '本科',
  unitUscc: unit.uscc,
  org: fengpuOrg,
  status: '预备党员',
  joinedOn: '2024-07-01',
  relationTransferred: '是',
  floating: '否',
  ...extra,
})
const errorsOf = (job: { errors: Array<{ row: number; column: string; reason: string }> }, row: number) =>
  job.errors.filter((e) => e.row === row).map((e) => `${e.column}: ${e.reason}`)

describe('members', () => {
  it('checks ID numbers, phones, references, and refuses a member in two branches', async () => {
    const badId = `${idNo(2).slice(0, 17)}${idNo(2).endsWith('1') ? '2' : '1'}`
    const file = await kindBook('members', [
      member(1),
      member(2, { idNumber: badId }),
      member(3, { phone: '12345' }),
      member(1, { org: nanqiaoOrg }),
      member(1),
      member(6, { org: '不存在的支部', unitUscc: '91310120MA00000XXX' }),
      member(7, { idNumber: Number('310110199001010071'), status: '党员' }),
    ])
    const job = (await upload(t, admin, 'members', file)).json()
    expect(job.status).toBe('rejected')
    expect(errorsOf(job, 2)).toEqual([])
    expect(errorsOf(job, 3)).toEqual(['身份证号码: 身份证号码无效（校验位、出生日期或格式错误）'])
    expect(errorsOf(job, 4)).toEqual(['手机号码: 电话号码“12345”格式不正确'])
    expect(errorsOf(job, 5)).toEqual([
      `身份证号码: 同一党员（身份证号码相同）已在第 2 行编入“${fengpuOrg}”，一名党员只能在一个党组织`,
    ])
    expect(errorsOf(job, 6)).toEqual([`身份证号码: 与第 2 行重复（${maskIdNumber(idNo(1))}）`])
    expect(errorsOf(job, 7)).toEqual([
      '工作单位信用代码: 找不到统一社会信用代码为 91310120MA00000XXX 的单位',
      '所在党组织名称: 找不到党组织“不存在的支部”',
    ])
    expect(errorsOf(job, 8)).toEqual([
      '身份证号码: 请以文本格式填写（数字格式会丢失位数）',
      '党员类别: “党员”不是允许的取值（可选：正式党员、预备党员、正式、预备）',
    ])
  })

  it('adds members with encrypted ID numbers and masked diffs; coverage counts them; a re-import changes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('unit_stat')
      .select('probationary')
      .where('unit_id', '=', unit.id)
      .executeTakeFirstOrThrow()
    const rows = [member(11), member(12, { unitUscc: null, floating: '是' })]
    const file = await kindBook('members', rows)
    const dry = (await upload(t, fengpu, 'members', file)).json()
    expect(dry).toMatchObject({ status: 'checked', diff: { new: 2, changed: 0, unchanged: 0 } })
    expect(dry.changes[0].key).toBe(maskIdNumber(idNo(11)))
    expect(JSON.stringify(dry)).not.toContain(idNo(11))
    expect((await commit(t, fengpu, dry.id)).json().status).toBe('committed')
    const saved = await t.ctx.db
      .selectFrom('person as p')
      .innerJoin('member as m', 'm.person_id', 'p.id')
      .select(['p.id', 'p.birth_date', 'p.gender', 'p.id_number_enc', 'm.status', 'm.floating'])
      .where('p.id_number_hash', '=', piiLookupHash(t.ctx.secret, idNo(11)))
      .executeTakeFirstOrThrow()
    expect(saved).toMatchObject({
      birth_date: '1990-01-01',
      gender: 'male',
      status: 'probationary',
      floating: false,
    })
    expect(saved.id_number_enc).not.toContain('3101')
    const after = await t.ctx.db
      .selectFrom('unit_stat')
      .select('probationary')
      .where('unit_id', '=', unit.id)
      .executeTakeFirstOrThrow()
    expect(after.probationary).toBe(before.probationary + 1)

    const again = (await upload(t, fengpu, 'members', file)).json()
    expect(again.diff).toEqual({ new: 0, changed: 0, unchanged: 2 })

    // 预备 → 正式, and a new phone: shown masked, version bumped, history kept.
    const promoted = await kindBook('members', [
      member(11, { status: '正式', phone: '13912345678' }),
      rows[1]!,
    ])
    const change = (await upload(t, fengpu, 'members', promoted)).json()
    expect(change.changes[0]).toEqual({
      row: 2,
      action: 'changed',
      key: maskIdNumber(idNo(11)),
      fields: [
        { field: '手机号码', from: '139****0011', to: '139****5678' },
        { field: '党员类别', from: '预备党员', to: '正式党员' },
      ],
    })
    expect((await commit(t, fengpu, change.id)).json().status).toBe('committed')
    const person = await t.ctx.db
      .selectFrom('person')
      .select(['version', 'phone'])
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow()
    expect(person).toEqual({ version: 2, phone: '13912345678' })
    const stat = await t.ctx.db
      .selectFrom('unit_stat')
      .select(['formal', 'probationary'])
      .where('unit_id', '=', unit.id)
      .executeTakeFirstOrThrow()
    expect(stat.probationary).toBe(before.probationary)
  })

  it('keeps a street admin to members of their street', async () => {
    const file = await kindBook('members', [member(21, { org: nanqiaoOrg, unitUscc: null })])
    const job = (await upload(t, fengpu, 'members', file)).json()
    expect(job.errors).toEqual([{ row: 2, column: '', reason: '不在您的管理范围内' }])
  })
})
