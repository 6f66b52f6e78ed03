import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { insertAccount } from '../accounts/bootstrap.ts'
import { CHENGQIAO, kit } from './test-kit.ts'
import { escalateTransfers } from './transfers.escalation.ts'

/*
 * A transfer's steps tell exactly the people they concern, through the notifications outbox, in the step's
 * own transaction: issued → the receiver's secretaries; accepted / refused → the sender's secretaries and the
 * member's account; escalated → the street's staff. Nobody else hears, and a step that fails leaves nothing.
 */

let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session
let otherStreet: string
let streetStaff: number
let otherStaff: number

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date('2026-06-15T10:00:00+08:00'))
  k = kit(t)
  admin = await k.admin()
  otherStreet = (
    await sql<{ code: string }>`SELECT code FROM area WHERE parent_code = '310151' AND code <> ${CHENGQIAO}
                                 AND level = 'street' ORDER BY code LIMIT 1`.execute(t.ctx.db)
  ).rows[0]!.code
  const staff = async (username: string, area: string) =>
    insertAccount(t.ctx.db, {
      username,
      displayName: username,
      password: 'street-staff-pw',
      grants: [{ role: 'street_admin', scopeType: 'area', scopeId: area, areaCode: area }],
    })
  streetStaff = await staff('notice_street_chengqiao', CHENGQIAO)
  otherStaff = await staff('notice_street_other', otherStreet)
})
afterAll(async () => t?.close())

/** The account behind a session. */
async function idOf(s: Session): Promise<number> {
  const me = await t.app.inject({ url: '/api/auth/me', headers: s.headers })
  return me.json().account.id
}

/** Notices about transfer `id`, per kind, as the sorted accounts they went to. */
async function noticesAbout(id: number) {
  const rows = await t.ctx.db
    .selectFrom('notification')
    .select(['kind', 'account_id', 'body', 'title'])
    .where('entity', '=', 'orglife_transfer')
    .where('entity_id', '=', id)
    .orderBy('account_id')
    .execute()
  const byKind: Record<string, number[]> = {}
  for (const r of rows) byKind[r.kind] = [...(byKind[r.kind] ?? []), r.account_id]
  return { byKind, rows }
}

/** A member's own account, linked to their registry person. */
async function memberAccount(personId: number, username: string) {
  const id = await insertAccount(t.ctx.db, {
    username,
    displayName: username,
    password: 'member-password-1',
    grants: [{ role: 'member', scopeType: 'area', scopeId: CHENGQIAO, areaCode: CHENGQIAO }],
  })
  await t.ctx.db.insertInto('account_person_link').values({ account_id: id, person_id: personId }).execute()
  return id
}

const internal = (personId: number, toOrgId: number, transferOn = '2026-06-15') => ({
  personId,
  direction: 'internal',
  toOrgId,
  reason: '工作调动',
  transferOn,
})

describe('transfer notices', () => {
  test('issued tells the receiver’s secretaries; accepted tells the sender’s and the member; nobody else', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const bystander = await k.branch(admin)
    const mover = a.people[2]!
    const memberId = await memberAccount(mover.id, 'notice_mover_1')
    const [aSec, bSec, bystanderSec] = [
      await idOf(a.secretary),
      await idOf(b.secretary),
      await idOf(bystander.secretary),
    ]

    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(mover.id, b.orgId),
    )
    expect((await noticesAbout(sent.id)).byKind).toEqual({ 'transfer.issued': [bSec] })

    await k.ok(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, { version: sent.version })
    const after = await noticesAbout(sent.id)
    expect(after.byKind).toEqual({
      'transfer.issued': [bSec],
      'transfer.accepted': [aSec, memberId].sort((x, y) => x - y),
    })
    for (const other of [bystanderSec, streetStaff, otherStaff])
      expect(after.rows.some((r) => r.account_id === other)).toBe(false)
    // The receiver's secretary sees it in their inbox through the API, and the member in theirs.
    const inbox = await k.ok(b.secretary, 'GET', '/api/notifications?limit=50')
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toContain('transfer.issued')
    // The shared part (what a group robot would post) carries no name; each recipient's copy does.
    const batches = await t.ctx.db
      .selectFrom('notification_batch')
      .select(['title', 'body'])
      .where('entity', '=', 'orglife_transfer')
      .where('entity_id', '=', sent.id)
      .execute()
    expect(batches.length).toBe(2)
    for (const x of batches) expect(`${x.title} ${x.body}`).not.toContain(mover.name)
    expect(after.rows.every((r) => (r.body ?? '').includes(mover.name) || r.account_id === memberId)).toBe(
      true,
    )
  })

  test('refused tells the sender’s secretaries and the member, with the reason', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const mover = a.people[1]!
    const memberId = await memberAccount(mover.id, 'notice_mover_2')
    const aSec = await idOf(a.secretary)
    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(mover.id, b.orgId),
    )
    await k.ok(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/refuse`, {
      version: sent.version,
      reason: '本人尚未到岗',
    })
    const { byKind, rows } = await noticesAbout(sent.id)
    expect(byKind['transfer.refused']).toEqual([aSec, memberId].sort((x, y) => x - y))
    for (const r of rows.filter((x) => x.kind === 'transfer.refused'))
      expect(r.body).toContain('本人尚未到岗')
    expect(Object.keys(byKind).sort()).toEqual(['transfer.issued', 'transfer.refused'])
  })

  test('a refused request or a step that fails midway writes no notice', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const mover = a.people[3]!
    await memberAccount(mover.id, 'notice_mover_3')
    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(mover.id, b.orgId),
    )
    const before = await noticesAbout(sent.id)
    // The sender may not accept; a stale version loses; a refusal without a reason is invalid.
    const tries = [
      await k.call(a.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, {
        version: sent.version,
      }),
      await k.call(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, {
        version: sent.version + 1,
      }),
      await k.call(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/refuse`, {
        version: sent.version,
      }),
    ]
    expect(tries.map((r) => r.statusCode)).toEqual([403, 409, 400])
    expect(await noticesAbout(sent.id)).toEqual(before)
    // The member leaves the sending branch meanwhile: the acceptance closes the transfer, writes its notices,
    // then finds the member gone and fails whole — the notices go with it.
    await t.ctx.db
      .updateTable('member')
      .set({ party_org_id: b.orgId })
      .where('person_id', '=', mover.id)
      .execute()
    const failed = await k.call(b.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, {
      version: sent.version,
    })
    expect(failed.json().code).toBe('orglife_transfer_member_moved')
    expect(await noticesAbout(sent.id)).toEqual(before)
    const state = await k.ok(b.secretary, 'GET', `/api/orglife/transfers/${sent.id}`)
    expect(state.status).toBe('pending')
  })

  test('escalated past the time limit tells the street’s staff once, not other streets’', async () => {
    const a = await k.branch(admin)
    const b = await k.branch(admin)
    const mover = a.people[1]!
    const sent = await k.ok(
      a.secretary,
      'POST',
      `/api/orglife/orgs/${a.orgId}/transfers`,
      internal(mover.id, b.orgId, '2026-03-01'),
    )
    const before = await noticesAbout(sent.id)
    // Due on 2026-06-01; today is 2026-06-15. A second sweep finds nothing left to mark.
    expect(sent.dueOn).toBe('2026-06-01')
    expect(await escalateTransfers(t.ctx, t.clock.now())).toBeGreaterThanOrEqual(1)
    expect(await escalateTransfers(t.ctx, t.clock.now())).toBe(0)
    const { byKind } = await noticesAbout(sent.id)
    expect(byKind['transfer.escalated']).toEqual([streetStaff])
    expect(byKind['transfer.escalated']).not.toContain(otherStaff)
    expect(byKind['transfer.issued']).toEqual(before.byKind['transfer.issued'])
  })
})
