import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { usccWithCheck } from '../../lib/ids.ts'
import { commitOptions } from './service.ts'
import { commit, kindBook, upload } from './test-kit.ts'

let t: TestApp
let admin: Session
let reader: Session

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  reader = await login(t.app, 'admin')
})
afterAll(() => t.close())

const ROWS = 3_000
const PREFIX = '91310120MC'
const imported = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('unit')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('uscc', 'like', `${PREFIX}%`)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('committing a large file', () => {
  it('lets other requests through while it runs, and they never see part of it', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      uscc: usccWithCheck(`${PREFIX}${String(i).padStart(7, '0')}`),
      name: `并发导入测试单位${i}`,
      kind: '民营企业',
      areaCode: '310120002',
    }))
    const dry = (await upload(t, admin, 'units', await kindBook('units', rows))).json()
    expect(dry).toMatchObject({ status: 'checked', totalRows: ROWS })
    const saved = commitOptions.syncMaxRows
    // Within the request on both engines, so "finished" is the commit's own end.
    commitOptions.syncMaxRows = Number.POSITIVE_INFINITY
    try {
      let finished = false
      const committing = commit(t, admin, dry.id).then((res) => {
        finished = true
        return res
      })
      // Another user reads, one request after another, for as long as the commit runs. On the embedded database
      // a transaction holds the only session: a commit that checks and writes in one transaction answers none of
      // them until it ends.
      let answered = 0
      const seen = new Set<number>()
      while (!finished) {
        // A client on a socket comes back through the event loop's I/O phase; inject alone would chain promises
        // and never let the commit's own turns (setImmediate) come round.
        await new Promise((resolve) => setImmediate(resolve))
        const res = await t.app.inject({ url: '/api/units?limit=1', headers: reader.headers })
        expect(res.statusCode).toBe(200)
        seen.add(await imported())
        if (!finished) answered++
      }
      expect((await committing).json()).toMatchObject({ status: 'committed', diff: { new: ROWS } })
      expect(answered).toBeGreaterThanOrEqual(3)
      // All or nothing, to every reader.
      expect([...seen].every((n) => n === 0 || n === ROWS)).toBe(true)
      expect(await imported()).toBe(ROWS)
    } finally {
      commitOptions.syncMaxRows = saved
    }
  })
})
