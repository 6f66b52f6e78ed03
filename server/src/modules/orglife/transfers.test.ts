import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { CHENGQIAO, kit } from './test-kit.ts'
import { escalateTransfers } from './transfers.escalation.ts'

let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date('2026-06-15T10:00:00+08:00'))
  k = kit(t)
  admin = await k.admin()
})
afterAll(async () => t?.close())

const membership = (personId: number) =>
  t.ctx.db
    .selectFrom('member')
    .select(['party_org_id', 'relation_transferred', 'version'])
    .where('person_id', '=', personId)
    .executeTakeFirst()

const internal = (personId: number, toOrgId: number, extra: Record<string, unknown> = {}) => ({
  personId,
  direction: 'internal',
  toOrgId,
  reason: '工作调动',
  transferOn: '2026-06-15',
  ...extra,
})

describe('a transfer inside the platform', () => {
  test('goes out from one branch and is accepted by another: the member moves in one transaction, with history', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const mover = a.people[2]!
    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(mover.id, b.orgId),
    )
    expect(sent).toMatchObject({
      status: 'pending',
      dueOn: '2026-09-15',
      fromOrgId: a.orgId,
      toOrgId: b.orgId,
      can: { accept: false, cancel: true },
    })
    expect(sent.letterNo).toMatch(/^TX-2026-\d{6}$/)
    // The sender cannot accept its own transfer: acceptance is the receiver's.
    const self = await k.call(a.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, {
      version: sent.version,
    })
    expect([self.statusCode, self.json().code]).toEqual([403, 'forbidden_scope'])
    const seen = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/transfers`)
    expect(seen[0]).toMatchObject({ id: sent.id, can: { accept: true, refuse: true, cancel: false } })

    const before = await membership(mover.id)
    const done = await k.ok(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, {
      version: sent.version,
      note: '已接收',
    })
    expect(done).toMatchObject({ status: 'completed', decisionNote: '已接收' })
    expect(await membership(mover.id)).toMatchObject({ party_org_id: b.orgId, relation_transferred: true })
    const history = await t.ctx.db
      .selectFrom('row_history')
      .select(['op', 'before'])
      .where('entity', '=', 'member')
      .where('entity_id', '=', mover.id)
      .execute()
    expect(history).toEqual([
      expect.objectContaining({
        op: 'update',
        before: expect.objectContaining({ party_org_id: a.orgId, version: before!.version }),
      }),
    ])
    const rosterB = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/roster`)
    expect(rosterB.people.map((p: { personId: number }) => p.personId)).toContain(mover.id)
    const rosterA = await k.ok(a.secretary, 'GET', `/api/orglife/orgs/${a.orgId}/roster`)
    expect(rosterA.people.map((p: { personId: number }) => p.personId)).not.toContain(mover.id)
    const again = await k.call(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, {
      version: done.version,
    })
    expect([again.statusCode, again.json().code]).toEqual([409, 'orglife_transfer_not_pending'])
  })

  test('is refused with a reason, or withdrawn by the sender; the member stays', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(a.people[1]!.id, b.orgId),
    )
    const noReason = await k.call(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/refuse`, {
      version: sent.version,
    })
    expect(noReason.json().code).toBe('validation_failed')
    const refused = await k.ok(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/refuse`, {
      version: sent.version,
      reason: '该党员尚未在本单位就业',
    })
    expect(refused).toMatchObject({ status: 'refused', decisionNote: '该党员尚未在本单位就业' })
    expect((await membership(a.people[1]!.id))!.party_org_id).toBe(a.orgId)
    const second = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(a.people[1]!.id, b.orgId),
    )
    const byReceiver = await k.call(b.secretary, 'POST', `/api/orglife/transfers/${second.id}/cancel`, {
      version: second.version,
    })
    expect(byReceiver.statusCode).toBe(403)
    const withdrawn = await k.ok(a.secretary, 'POST', `/api/orglife/transfers/${second.id}/cancel`, {
      version: second.version,
    })
    expect(withdrawn.status).toBe('cancelled')
    expect((await membership(a.people[1]!.id))!.party_org_id).toBe(a.orgId)
  })

  test('bad input: same organisation, a member already in transfer, not a member, outside one’s scope', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const c = await k.branch(admin)
    const post = (body: unknown) =>
      k.call(a.secretary, 'POST', `/api/orglife/orgs/${a.orgId}/transfers`, body)
    const same = await post(internal(a.people[0]!.id, a.orgId))
    expect([same.statusCode, same.json().code]).toEqual([400, 'orglife_transfer_same_org'])
    const stranger = await post(internal(b.people[0]!.id, c.orgId))
    expect(stranger.json().code).toBe('orglife_transfer_not_member')
    const nowhere = await post(internal(a.people[0]!.id, 99_999_999))
    expect(nowhere.json().code).toBe('orglife_transfer_target_unknown')
    const noTarget = await post({ ...internal(a.people[0]!.id, b.orgId), toOrgId: null })
    expect(noTarget.json().code).toBe('orglife_transfer_target_required')
    const farFuture = await post(internal(a.people[0]!.id, b.orgId, { transferOn: '2026-08-01' }))
    expect(farFuture.json().code).toBe('orglife_transfer_date')
    const first = await post(internal(a.people[0]!.id, b.orgId))
    expect(first.statusCode).toBe(201)
    const twice = await post(internal(a.people[0]!.id, c.orgId))
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'orglife_transfer_open'])
    expect(twice.json().message).toContain(first.json().letterNo)
    // Two starts for one member at once: one wins.
    const racers = await Promise.all([
      post(internal(a.people[1]!.id, b.orgId)),
      post(internal(a.people[1]!.id, c.orgId)),
    ])
    expect(racers.map((r) => r.statusCode).sort()).toEqual([201, 409])
    // A third branch's secretary may not accept what was sent to b.
    const outside = await k.call(c.secretary, 'POST', `/api/orglife/transfers/${first.json().id}/accept`, {
      version: first.json().version,
    })
    expect([outside.statusCode, outside.json().code]).toEqual([403, 'forbidden_scope'])
    expect((await membership(a.people[0]!.id))!.party_org_id).toBe(a.orgId)
  })

  test('two acceptances at once: one wins, the other is told it is already done', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(a.people[3]!.id, b.orgId),
    )
    const street = await login(t.app, 'admin')
    const results = await Promise.all([
      k.call(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, { version: sent.version }),
      k.call(street, 'POST', `/api/orglife/transfers/${sent.id}/accept`, { version: sent.version }),
    ])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(results.find((r) => r.statusCode === 409)!.json().code).toMatch(
      /orglife_transfer_not_pending|version_conflict/,
    )
    const history = await t.ctx.db
      .selectFrom('row_history')
      .select('id')
      .where('entity', '=', 'member')
      .where('entity_id', '=', a.people[3]!.id)
      .execute()
    expect(history).toHaveLength(1)
  })
})

describe('the time limit', () => {
  test('a pending transfer past its limit is escalated once, on the day after, and the street sees it', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(a.people[1]!.id, b.orgId),
    )
    expect(sent.dueOn).toBe('2026-09-15')
    const clock = t.clock.now()
    try {
      t.clock.set(new Date('2026-09-15T23:59:00+08:00'))
      await escalateTransfers(t.ctx, t.clock.now())
      expect((await k.ok(await a.relogin(), 'GET', `/api/orglife/transfers/${sent.id}`)).escalated).toBe(
        false,
      )
      t.clock.set(new Date('2026-09-16T00:01:00+08:00'))
      expect(await escalateTransfers(t.ctx, t.clock.now())).toBeGreaterThanOrEqual(1)
      expect(await escalateTransfers(t.ctx, t.clock.now())).toBe(0)
      const [secA, secB, street] = [await a.relogin(), await b.relogin(), await k.admin()]
      const seen = await k.ok(secA, 'GET', `/api/orglife/transfers/${sent.id}`)
      expect(seen).toMatchObject({ escalated: true, overdue: true, version: sent.version })
      const list = await k.ok(
        street,
        'GET',
        `/api/orglife/transfers?area=${CHENGQIAO}&escalated=true&status=pending`,
      )
      expect(list.items.map((x: { id: number }) => x.id)).toContain(sent.id)
      // Still open to accept after escalation, with the version the secretary held.
      await k.ok(secB, 'POST', `/api/orglife/transfers/${sent.id}/accept`, { version: sent.version })
    } finally {
      t.clock.set(clock)
      admin = await k.admin()
    }
  })

  test('the limit is a setting: three months from the transfer date, clamped to the month’s end', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(a.people[1]!.id, b.orgId, { transferOn: '2026-05-31' }),
    )
    expect(sent.dueOn).toBe('2026-08-31')
    await k.ok(a.secretary, 'POST', `/api/orglife/transfers/${sent.id}/cancel`, { version: sent.version })
    const nov = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(a.people[1]!.id, b.orgId, { transferOn: '2026-06-30' }),
    )
    expect(nov.dueOn).toBe('2026-09-30')
  })
})

describe('to and from outside the platform', () => {
  test('a letter to outside prints with a QR code that verifies it; the receipt completes it and the member leaves', async () => {
    const a = await k.branch(admin)
    const leaver = a.people[1]!
    const sent = await k.ok(a.secretary, 'POST', `/api/orglife/orgs/${a.orgId}/transfers`, {
      personId: leaver.id,
      direction: 'outgoing',
      outsideOrg: '中共江苏省苏州市某某公司支部委员会',
      reason: '工作调动至苏州',
      transferOn: '2026-06-12',
    })
    const accept = await k.call(a.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, {
      version: sent.version,
    })
    expect([accept.statusCode, accept.json().code]).toEqual([409, 'orglife_transfer_wrong_step'])
    const letter = await k.ok(a.secretary, 'GET', `/api/orglife/transfers/${sent.id}/letter`)
    expect(letter).toMatchObject({
      letterNo: sent.letterNo,
      memberName: leaver.name,
      toOrgName: '中共江苏省苏州市某某公司支部委员会',
      dueOn: '2026-09-12',
    })
    expect(letter.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/)
    const url = new URL(letter.verifyUrl)
    const verified = await k.call(
      null,
      'GET',
      `/api/orglife/letters/verify?no=${encodeURIComponent(url.searchParams.get('no')!)}&sig=${url.searchParams.get('sig')}`,
    )
    expect(verified.json()).toMatchObject({ valid: true, letterNo: sent.letterNo, status: 'pending' })
    expect(verified.json().memberName).toBe(
      `${leaver.name[0]}${'*'.repeat(Math.min(leaver.name.length - 1, 3))}`,
    )
    const forged = await k.call(
      null,
      'GET',
      `/api/orglife/letters/verify?no=${sent.letterNo}&sig=AAAAAAAAAAAAAAAAAAAAAA`,
    )
    expect(forged.json()).toMatchObject({ valid: false, memberName: null, fromOrgName: null })
    const early = await k.call(a.secretary, 'POST', `/api/orglife/transfers/${sent.id}/receipt`, {
      version: sent.version,
      receivedOn: '2026-06-01',
    })
    expect(early.json().code).toBe('orglife_receipt_date')
    const done = await k.ok(a.secretary, 'POST', `/api/orglife/transfers/${sent.id}/receipt`, {
      version: sent.version,
      receivedOn: '2026-06-14',
      note: '回执已收到',
    })
    expect(done).toMatchObject({ status: 'completed', receiptOn: '2026-06-14' })
    expect(await membership(leaver.id)).toBeUndefined()
    const history = await t.ctx.db
      .selectFrom('row_history')
      .select('op')
      .where('entity', '=', 'member')
      .where('entity_id', '=', leaver.id)
      .execute()
    expect(history.map((h) => h.op)).toEqual(['delete'])
    const after = await k.call(
      null,
      'GET',
      letter.verifyUrl.replace(/^.*\/verify-letter/, '/api/orglife/letters/verify'),
    )
    expect(after.json().status).toBe('completed')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'orglife.transfer.letter')
      .execute()
    expect(audit.length).toBeGreaterThan(0)
  })

  test('a member whose relation is elsewhere: the gap offers the transfer, which resolves it on completion', async () => {
    const a = await k.branch(admin)
    const reg = registryApi(t.app, admin)
    const newcomer = await reg.member(a.unitId, a.orgId, { relationTransferred: false })
    const gaps = async () =>
      (
        await k.ok(admin, 'GET', `/api/gaps?area=${CHENGQIAO}&rule=member_not_transferred&limit=200`)
      ).items.map((g: { id: number }) => g.id)
    expect(await gaps()).toContain(newcomer.id)
    const settled = await k.call(a.secretary, 'POST', `/api/orglife/orgs/${a.orgId}/transfers`, {
      personId: a.people[0]!.id,
      direction: 'incoming',
      outsideOrg: '中共某某大学学生第三党支部',
      reason: '毕业就业',
      transferOn: '2026-06-15',
    })
    expect(settled.json().code).toBe('orglife_transfer_already_in')
    const incoming = await k.ok(a.secretary, 'POST', `/api/orglife/orgs/${a.orgId}/transfers`, {
      personId: newcomer.id,
      direction: 'incoming',
      outsideOrg: '中共某某大学学生第三党支部',
      reason: '毕业就业',
      transferOn: '2026-06-15',
    })
    expect(incoming).toMatchObject({
      direction: 'incoming',
      toOrgId: a.orgId,
      fromOrgId: null,
      can: { accept: true, cancel: true },
    })
    expect(await gaps()).toContain(newcomer.id)
    await k.ok(a.secretary, 'POST', `/api/orglife/transfers/${incoming.id}/accept`, {
      version: incoming.version,
      note: '介绍信已收到',
    })
    expect(await membership(newcomer.id)).toMatchObject({ party_org_id: a.orgId, relation_transferred: true })
    expect(await gaps()).not.toContain(newcomer.id)
  })
})
