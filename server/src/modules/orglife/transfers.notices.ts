import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { notify, type Recipient } from '../notifications/outbox.ts'
import { areaStaff, personAccounts } from '../notifications/recipients.ts'
import type { TransferRow } from './transfers.query.ts'

/*
 * What a transfer's steps tell people, written through the step's own transaction right after the state
 * changed, so a step that fails afterwards leaves no notice behind. The shared part of a notice (its batch:
 * what group robots post) names only the letter number and the organisations; the member's name and a
 * refusal's reason go only to each recipient's own copy.
 */

type Ctx = Parameters<typeof notify>[0]
type Facts = Pick<
  TransferRow,
  | 'id'
  | 'person_id'
  | 'member_name'
  | 'direction'
  | 'from_org_id'
  | 'to_org_id'
  | 'from_name'
  | 'to_name'
  | 'from_area'
  | 'to_area'
  | 'outside_org'
  | 'letter_no'
  | 'due_on'
>

/**
 * The accounts keeping an organisation's life: its secretaries, or — where it has none with an account — those
 * of the nearest committee above it (who may act for it too). Disabled accounts hear nothing.
 */
export async function secretaryAccounts(db: Kysely<DB>, orgId: number | null): Promise<number[]> {
  if (orgId === null) return []
  const rows = await sql<{ account_id: number; depth: number }>`
    WITH RECURSIVE up AS (
      SELECT o.id, o.parent_id, 0 AS depth FROM party_org o WHERE o.id = ${orgId}
      UNION ALL
      SELECT p.id, p.parent_id, up.depth + 1 FROM party_org p JOIN up ON p.id = up.parent_id
       WHERE up.depth < 10)
    SELECT g.account_id, up.depth
      FROM up
      JOIN role_grant g ON g.role = 'secretary' AND g.scope_type = 'party_org' AND g.scope_id = up.id::text
      JOIN account a ON a.id = g.account_id AND NOT a.disabled
     ORDER BY up.depth`.execute(db)
  const nearest = rows.rows[0]?.depth
  return [...new Set(rows.rows.filter((r) => r.depth === nearest).map((r) => Number(r.account_id)))]
}

const orgsText = (t: Facts) => `${t.from_name ?? t.outside_org ?? ''} → ${t.to_name ?? t.outside_org ?? ''}`
const orgLink = (orgId: number | null) => `/orglife/orgs/${orgId}?tab=transfers`
const letter = (t: Facts) => t.letter_no ?? `#${t.id}`

/** Issued inside the platform: the receiving organisation's secretaries have to accept or refuse. */
export async function noticeTransferIssued(ctx: Ctx, db: Kysely<DB>, t: Facts, actorId: number, at: Date) {
  if (t.direction !== 'internal') return 0
  const accounts = await secretaryAccounts(db, t.to_org_id)
  return notify(
    ctx,
    db,
    {
      kind: 'transfer.issued',
      title: `组织关系转接待接收：${letter(t)}`,
      subject: letter(t),
      body: `${orgsText(t)}，请在 ${t.due_on} 前接收或退回。`,
      entity: 'orglife_transfer',
      entityId: t.id,
      areaCode: t.to_area,
      partyOrgId: t.to_org_id,
      link: orgLink(t.to_org_id),
      at,
    },
    accounts.map<Recipient>((accountId) => ({
      accountId,
      body: `${t.member_name}：${orgsText(t)}，请在 ${t.due_on} 前接收或退回。`,
    })),
    { exclude: actorId },
  )
}

/**
 * Completed (accepted by the receiver, or the receipt of a letter to outside recorded) or refused: the sending
 * organisation's secretaries and the member, if they have an account. A refusal carries its reason.
 */
export async function noticeTransferDecided(
  ctx: Ctx,
  db: Kysely<DB>,
  t: Facts,
  outcome: { status: 'completed' | 'refused'; reason?: string | null },
  actorId: number,
  at: Date,
) {
  const refused = outcome.status === 'refused'
  // The sender: for a transfer from outside the platform there is none here, only the member.
  const sender = t.direction === 'incoming' ? null : t.from_org_id
  const what = refused ? '组织关系转接被退回' : '组织关系转接已办结'
  const detail = refused ? `退回原因：${outcome.reason ?? ''}` : '组织关系已转入接收组织。'
  const recipients: Recipient[] = [
    ...(await secretaryAccounts(db, sender)).map((accountId) => ({
      accountId,
      body: `${t.member_name}：${orgsText(t)}。${detail}`,
      link: orgLink(sender),
    })),
    ...(await personAccounts(db, [t.person_id])).map((accountId) => ({
      accountId,
      body: `您的组织关系转接（${orgsText(t)}）${refused ? `被退回。${detail}` : '已办结。'}`,
      link: '/my-orglife',
    })),
  ]
  return notify(
    ctx,
    db,
    {
      kind: refused ? 'transfer.refused' : 'transfer.accepted',
      title: `${what}：${letter(t)}`,
      subject: letter(t),
      body: orgsText(t),
      entity: 'orglife_transfer',
      entityId: t.id,
      areaCode: t.direction === 'incoming' ? t.to_area : t.from_area,
      partyOrgId: sender ?? t.to_org_id,
      at,
    },
    recipients,
    { exclude: actorId },
  )
}

/** Past its time limit: the staff of the street (or the nearest level with staff) of each organisation in it. */
export async function noticeTransferEscalated(ctx: Ctx, db: Kysely<DB>, t: Facts, at: Date) {
  const areas = [...new Set([t.from_area, t.to_area].filter((a): a is string => a !== null))]
  const accounts = new Set<number>()
  for (const a of areas) for (const id of await areaStaff(db, a)) accounts.add(id)
  return notify(
    ctx,
    db,
    {
      kind: 'transfer.escalated',
      title: `组织关系转接超时未办结：${letter(t)}`,
      subject: letter(t),
      body: `${orgsText(t)}，办理时限 ${t.due_on} 已过。`,
      entity: 'orglife_transfer',
      entityId: t.id,
      areaCode: t.direction === 'incoming' ? t.to_area : t.from_area,
      partyOrgId: t.direction === 'incoming' ? t.to_org_id : t.from_org_id,
      link: '/orglife-compliance',
      at,
    },
    [...accounts].map<Recipient>((accountId) => ({
      accountId,
      body: `${t.member_name}：${orgsText(t)}，办理时限 ${t.due_on} 已过。`,
    })),
  )
}
