import type { Workbench, WorkbenchAction } from '@tongxin/contracts'
import { expect } from 'vitest'
import { DEMO_PASSWORD, login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { insertAccount } from '../accounts/bootstrap.ts'

/*
 * The workbench per role on the demo data, with the clock at noon of the demo's day (the demo dates its needs
 * from 10:00 that day), so SLA clocks read the same on every run. Counts that follow the calendar (shifts on
 * every third weekday) are checked against the very list the card links to; the rest are exact.
 */

export const FENGPU = '310120002'
export const NANQIAO = '310120101'
export const HONGMEI = '310104012'

// One app per test file (each file is its own module instance): set by startWorkbenchApp.
let t: TestApp

/** The test app with its clock at noon of the demo's day; `today` is that day in Shanghai. */
export async function startWorkbenchApp(): Promise<{ t: TestApp; today: string }> {
  const probe = await startTestApp()
  const first = await probe.ctx.db
    .selectFrom('need')
    .select('submitted_at')
    .where('description', '=', '独居老人希望每周有人上门探访')
    .executeTakeFirstOrThrow()
  await probe.close()
  const noon = new Date(first.submitted_at.getTime() + 2 * 3_600_000)
  t = await startTestApp({ clock: new ManualClock(noon) })
  return { t, today: shanghaiDate(noon) }
}

export async function workbench(s: Session, lang = 'zh-CN'): Promise<Workbench> {
  const res = await t.app.inject({
    url: '/api/workbench',
    headers: { ...s.headers, 'accept-language': lang },
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
export const card = (w: Workbench, key: WorkbenchAction['key']) => w.actions.find((a) => a.key === key)
export const part = (w: Workbench, key: WorkbenchAction['key'], p: string) =>
  card(w, key)?.parts.find((x) => x.key === p)?.count
export const figure = (w: Workbench, key: string) => w.figures.find((f) => f.key === key)
export const get = async <T>(s: Session, url: string): Promise<T> => {
  const res = await t.app.inject({ url, headers: s.headers })
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
  return res.json()
}
export const buildingId = async (name: string) =>
  (await t.ctx.db.selectFrom('building').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

export async function chiefOf(name: string, username: string): Promise<Session> {
  const b = await t.ctx.db
    .selectFrom('building')
    .select(['id', 'area_code'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  await insertAccount(t.ctx.db, {
    username,
    displayName: `${name}楼长`,
    password: DEMO_PASSWORD,
    grants: [{ role: 'building_chief', scopeType: 'building', scopeId: String(b.id), areaCode: b.area_code }],
  })
  return login(t.app, username)
}
