import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { usccWithCheck } from '../../lib/ids.ts'
import { api, createEvent, FENGPU, iso, memberAccount, memberFixture } from '../events/test-fixtures.ts'
import { commit, kindBook, upload } from '../imports/test-kit.ts'
import { HONGMEI, kit } from '../volunteers/test-kit.ts'
import { noticeInvitationAccepted } from './flows.people.ts'
import { remindEvents, remindShifts } from './reminders.ts'
import { accountIdOf, inboxKinds, noticesOf, recipientsOf, sorted } from './test-kit.ts'

/*
 * Events, volunteering and imports: each notice is written by its action (or its sweep, once) and shows in
 * the right inbox only.
 */

const HOUR = 3_600_000
let t: TestApp
let call: ReturnType<typeof api>
let admin: Session
let fengpu: Session
const people: Session[] = []
const ids: number[] = []
let fx: Awaited<ReturnType<typeof memberFixture>>

beforeAll(async () => {
  t = await startTestApp({
    clock: new ManualClock(new Date('2030-03-04T09:00:00+08:00')),
    config: { sessionIdleMinutes: 7 * 24 * 60, sessionMaxHours: 24 * 30 },
  })
  call = api(t)
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  fx = await memberFixture(t, admin, '通知', 4)
  for (let i = 0; i < 3; i++) {
    people.push(await memberAccount(t, `nt_member_${i}`, fx.people[i]!))
    ids.push(await accountIdOf(t, `nt_member_${i}`))
  }
  // people[3] has an account too, but is signed up by the organiser (registration without account_id).
  await memberAccount(t, 'nt_linked', fx.people[3]!)
  ids.push(await accountIdOf(t, 'nt_linked'))
})
afterAll(() => t.close())

describe('events', () => {
  let eventId: number
  it('a promoted waitlister is told; cancelling tells everyone holding a seat or waiting', async () => {
    const start = t.clock.now().getTime() + 3 * 24 * HOUR
    const { first } = await createEvent(t, fengpu, {
      capacity: 1,
      startsAt: iso(start),
      endsAt: iso(start + HOUR),
    })
    eventId = first.id
    for (const p of people.slice(0, 2)) await call(p, 'POST', `/api/events/${eventId}/registrations`, {})
    await call(fengpu, 'POST', `/api/events/${eventId}/registrations`, { personId: fx.people[3] })
    expect(await recipientsOf(t, 'event.promoted', eventId)).toEqual([])
    expect((await call(people[0]!, 'DELETE', `/api/events/${eventId}/registrations/mine`)).status).toBe(200)
    expect(await recipientsOf(t, 'event.promoted', eventId)).toEqual([ids[1]])
    const version = (await call(fengpu, 'GET', `/api/events/${eventId}`)).body.version
    const res = await call(fengpu, 'POST', `/api/events/${eventId}/cancel`, {
      version,
      reason: '讲师临时有事',
    })
    expect(res.status).toBe(200)
    // The seated member and the waiting one the organiser signed up (through their linked account).
    expect(await recipientsOf(t, 'event.cancelled', eventId)).toEqual(sorted([ids[1]!, ids[3]!]))
    const [n] = await noticesOf(t, 'event.cancelled', eventId)
    expect(n).toMatchObject({ body: '讲师临时有事', link: `/events/${eventId}` })
    expect(await inboxKinds(t, people[1]!)).toEqual(['event.cancelled', 'event.promoted'])
    expect(await inboxKinds(t, people[0]!)).toEqual([])
    expect(await inboxKinds(t, people[2]!)).toEqual([])
  })

  it('reminds registered people 24 h and 2 h before, each once however often the sweep runs', async () => {
    const start = t.clock.now().getTime() + 30 * HOUR
    const { first } = await createEvent(t, fengpu, {
      capacity: 5,
      startsAt: iso(start),
      endsAt: iso(start + HOUR),
    })
    for (const p of people) await call(p, 'POST', `/api/events/${first.id}/registrations`, {})
    await call(people[2]!, 'DELETE', `/api/events/${first.id}/registrations/mine`)
    await remindEvents(t.ctx)
    expect(await noticesOf(t, 'event.reminder', first.id)).toEqual([])
    t.clock.advance(7 * HOUR) // 23 h before
    await Promise.all([remindEvents(t.ctx), remindEvents(t.ctx)])
    await remindEvents(t.ctx)
    expect(await noticesOf(t, 'event.reminder', first.id)).toHaveLength(2)
    expect(await recipientsOf(t, 'event.reminder', first.id)).toEqual(sorted([ids[0]!, ids[1]!]))
    t.clock.advance(22 * HOUR) // 1 h before
    await remindEvents(t.ctx)
    await remindEvents(t.ctx)
    const all = await noticesOf(t, 'event.reminder', first.id)
    expect(all).toHaveLength(4)
    expect(all.filter((n) => n.account_id === ids[0]).map((n) => n.title.includes('活动提醒'))).toEqual([
      true,
      true,
    ])
  })
})

describe('volunteers', () => {
  it('reminds a volunteer the day before a shift, once, and tells them how their hours were judged', async () => {
    const k = kit(t)
    const hongmei = await login(t.app, 'hongmei_admin')
    const points = await k.ok(hongmei, 'GET', `/api/volunteers/points?area=${HONGMEI}`)
    const vol = await k.volunteer(admin, 'nt_vol')
    const volId = await accountIdOf(t, 'nt_vol')
    const painter = await k.roleId('painter')
    const shift = await k.shift(hongmei, points[0].id, 30 * HOUR, 2, [{ roleId: painter, needed: 2 }])
    const signup = (
      await k.ok(vol.s, 'POST', `/api/volunteers/shifts/${shift.id}/signups`, { roleId: painter })
    ).id
    await remindShifts(t.ctx)
    expect(await noticesOf(t, 'shift.reminder', signup)).toEqual([])
    t.clock.advance(8 * HOUR)
    await Promise.all([remindShifts(t.ctx), remindShifts(t.ctx)])
    expect(await recipientsOf(t, 'shift.reminder', signup)).toEqual([volId])
    // The shift happens (the check-in/out path has its own tests): 120 minutes on record.
    const s = await t.ctx.db
      .selectFrom('volunteer_signup')
      .selectAll()
      .where('id', '=', signup)
      .executeTakeFirstOrThrow()
    await t.ctx.db
      .updateTable('volunteer_signup')
      .set({ checked_in_at: s.starts_at, checked_out_at: s.ends_at, minutes: 120 })
      .where('id', '=', signup)
      .execute()
    t.clock.advance(30 * HOUR)
    const coord = await login(t.app, 'hongmei_admin')
    const v1 = await k.ok(coord, 'POST', `/api/volunteers/signups/${signup}/verify`, {
      version: s.version,
      minutes: 120,
    })
    expect(await recipientsOf(t, 'hours.verified', signup)).toEqual([volId])
    await k.ok(coord, 'POST', `/api/volunteers/signups/${signup}/verify`, {
      version: v1.version,
      minutes: 0,
      reason: '未按时到岗',
    })
    const [rejected] = await noticesOf(t, 'hours.rejected', signup)
    expect(rejected).toMatchObject({ account_id: volId })
    expect(rejected!.body).toContain('未按时到岗')
    const mine = await login(t.app, 'nt_vol', 'volunteer-password')
    expect(await inboxKinds(t, mine)).toEqual(['hours.rejected', 'hours.verified', 'shift.reminder'])
    expect(await inboxKinds(t, coord)).not.toContain('hours.verified')
  })
})

describe('imports and invitations', () => {
  it('tells the importer when a commit finished', async () => {
    const me = await login(t.app, 'fengpu_admin')
    const file = await kindBook('units', [
      {
        uscc: usccWithCheck('91310120MA9000001'),
        name: '通知导入测试单位',
        kind: '民营企业',
        industry: '信息技术',
        employees: 12,
        areaCode: FENGPU,
        instructorSent: '否',
      },
    ])
    const job = (await upload(t, me, 'units', file, { fileName: '通知导入.xlsx' })).json()
    expect(job.status, JSON.stringify(job.errors)).toBe('checked')
    expect((await commit(t, me, job.id)).statusCode).toBe(200)
    const fengpuId = await accountIdOf(t, 'fengpu_admin')
    const [n] = await noticesOf(t, 'import.finished', job.id)
    expect(n).toMatchObject({ account_id: fengpuId, title: '导入完成：通知导入.xlsx', link: '/imports' })
    expect(await inboxKinds(t, admin)).not.toContain('import.finished')
  })

  it('offers the accounts half a call for "invitation accepted"', async () => {
    const inviter = await accountIdOf(t, 'fengpu_admin')
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        noticeInvitationAccepted(
          t.ctx,
          trx,
          { inviterAccountId: inviter, newAccountId: ids[0]!, displayName: '新楼长', areaCode: FENGPU },
          t.clock.now(),
        ),
      )
    expect(await recipientsOf(t, 'invitation.accepted', ids[0]!)).toEqual([inviter])
  })
})
