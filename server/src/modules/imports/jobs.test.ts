import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { usccWithCheck } from '../../lib/ids.ts'
import { jobRetention, purgeImportJobs } from './jobs.ts'
import { forgetParsedRows } from './service.ts'
import { commit, kindBook, upload } from './test-kit.ts'

let t: TestApp
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

const row = (n: number) => ({
  uscc: usccWithCheck(`91310120ME${String(n).padStart(7, '0')}`),
  name: `保留测试单位${n}`,
  kind: '民营企业',
  areaCode: '310120002',
})
const dryRun = async (rows: Array<Record<string, unknown>>) => {
  const file = await kindBook('units', rows)
  const res = await upload(t, admin, 'units', file)
  expect(res.statusCode).toBe(201)
  return { job: res.json(), file }
}
const stored = (id: number) =>
  t.ctx.db
    .selectFrom('import_job')
    .select(['stored_rows', 'file_sha256', 'status'])
    .where('id', '=', id)
    .executeTakeFirst()
const HOUR = 3600_000

describe('what an import job keeps, and for how long', () => {
  it('keeps the rows read and the file hash, not the file, and drops the rows once committed', async () => {
    const columns = await t.ctx.db
      .selectFrom('information_schema.columns' as never)
      .select('column_name' as never)
      .where('table_name' as never, '=', 'import_job' as never)
      .execute()
    expect(columns.map((c) => (c as { column_name: string }).column_name)).not.toContain('file_bytes')
    const { job, file } = await dryRun(Array.from({ length: 200 }, (_, i) => row(i)))
    const kept = await stored(job.id)
    expect(kept!.file_sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(kept!.stored_rows!.length).toBeGreaterThan(0)
    expect(kept!.stored_rows!.length).toBeLessThan(file.length)
    // As after a restart or on another instance: the commit reads the rows the job kept.
    forgetParsedRows()
    const done = await commit(t, admin, job.id)
    expect(done.json()).toMatchObject({ status: 'committed', diff: { new: 200 } })
    const unit = await t.ctx.db
      .selectFrom('unit')
      .select(['name', 'area_code'])
      .where('uscc', '=', row(199).uscc)
      .executeTakeFirstOrThrow()
    expect(unit).toEqual({ name: '保留测试单位199', area_code: '310120002' })
    expect((await stored(job.id))!.stored_rows).toBeNull()
  })

  it('a rejected job keeps no rows; a job without rows cannot be committed', async () => {
    const { job: rejected } = await dryRun([{ ...row(500), kind: '不存在的类型' }])
    expect(rejected.status).toBe('rejected')
    expect((await stored(rejected.id))!.stored_rows).toBeNull()
    const { job } = await dryRun([row(501)])
    await t.ctx.db.updateTable('import_job').set({ stored_rows: null }).where('id', '=', job.id).execute()
    forgetParsedRows()
    const res = await commit(t, admin, job.id)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({
      code: 'import_expired',
      message: '该导入任务的检查结果已过期，请重新上传文件',
    })
  })

  it('jobs not committed within a day, and committed ones after 90 days, are purged, once', async () => {
    await t.ctx.db.deleteFrom('import_job').execute()
    const { job: committed } = await dryRun([row(600)])
    expect((await commit(t, admin, committed.id)).json().status).toBe('committed')
    const { job: waiting } = await dryRun([row(601)])
    const { job: rejected } = await dryRun([{ ...row(602), kind: '?' }])
    const ids = async () =>
      (await t.ctx.db.selectFrom('import_job').select('id').orderBy('id').execute()).map((r) => r.id)

    t.clock.advance(jobRetention(t.ctx).uncommittedMs - HOUR)
    expect(await purgeImportJobs(t.ctx)).toBe(0)
    t.clock.advance(2 * HOUR)
    expect(await purgeImportJobs(t.ctx)).toBe(2)
    expect(await ids()).toEqual([committed.id])
    expect(await purgeImportJobs(t.ctx)).toBe(0)
    expect([waiting.id, rejected.id]).not.toContain(committed.id)

    t.clock.advance(jobRetention(t.ctx).committedMs)
    expect(await purgeImportJobs(t.ctx)).toBe(1)
    expect(await ids()).toEqual([])
  })
})
