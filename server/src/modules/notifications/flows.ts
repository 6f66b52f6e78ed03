import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { notify, type Recipient } from './outbox.ts'
import { areaStaff, providerAccounts, unitAccounts } from './recipients.ts'

/*
 * The notices other modules write, one function per event in their flow: here those of the exchange's needs
 * (and the enterprise desk that posts them), in flows.people.ts those of policies, events, volunteer hours,
 * imports and invitations. Each is called with the caller's transaction handle, right after the change it
 * reports, so the notice and its deliveries commit with it.
 */

type Ctx = Parameters<typeof notify>[0]
const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s)

interface NeedFacts {
  id: number
  description: string
  area_code: string
  category_code: string
  requester_account_id: number | null
  provider_unit_id: number | null
}

/** A new need: every provider whose active offering covers its category and place hears of a new order. */
export async function noticeNewNeed(ctx: Ctx, db: Kysely<DB>, need: NeedFacts, at: Date) {
  const units = await sql<{ provider_unit_id: number }>`
    SELECT DISTINCT o.provider_unit_id FROM offering o
     WHERE o.status = 'active' AND o.deleted_at IS NULL AND o.category_code = ${need.category_code}
       AND (cardinality(o.area_codes) = 0 OR EXISTS (
             SELECT 1 FROM area na, area oa WHERE na.code = ${need.area_code} AND oa.code = ANY(o.area_codes)
                AND (na.path = oa.path OR na.path LIKE oa.path || '/%')))`.execute(db)
  const accounts = await unitAccounts(
    db,
    units.rows.map((u) => Number(u.provider_unit_id)),
    ['provider'],
  )
  return notify(
    ctx,
    db,
    {
      kind: 'need.new',
      title: `新需求待接单：${short(need.description)}`,
      subject: short(need.description),
      body: need.description,
      entity: 'need',
      entityId: need.id,
      areaCode: need.area_code,
      link: `/orders/${need.id}`,
      at,
    },
    accounts.map((a) => a.accountId),
    { exclude: need.requester_account_id },
  )
}

/** Claimed / dispatched / delivered tell the requester; dispatched tells the provider; reopened the provider and the street. */
export async function noticeNeedAction(
  ctx: Ctx,
  db: Kysely<DB>,
  need: NeedFacts,
  action: string,
  providerUnitId: number | null,
  actorId: number,
  at: Date,
) {
  const base = {
    subject: short(need.description),
    entity: 'need',
    entityId: need.id,
    areaCode: need.area_code,
    at,
  }
  const requester = need.requester_account_id === null ? [] : [need.requester_account_id]
  const provider = await sql<{
    name: string
  }>`SELECT name FROM unit WHERE id = ${providerUnitId}::bigint`.execute(db)
  const by = provider.rows[0]?.name ?? ''
  if (action === 'claim' || action === 'dispatch') {
    await notify(
      ctx,
      db,
      {
        ...base,
        kind: 'need.claimed',
        title: `需求已被接单：${short(need.description)}`,
        body: `${by} 已接单，将与您联系。`,
        link: `/my-needs/${need.id}`,
      },
      requester,
      { exclude: actorId },
    )
    if (action === 'dispatch')
      await notify(
        ctx,
        db,
        {
          ...base,
          kind: 'need.new',
          title: `派单：${short(need.description)}`,
          body: need.description,
          link: `/orders/${need.id}`,
        },
        await providerAccounts(db, providerUnitId),
        { exclude: actorId },
      )
  } else if (action === 'deliver') {
    await notify(
      ctx,
      db,
      {
        ...base,
        kind: 'need.delivered',
        title: `需求已办结，请确认：${short(need.description)}`,
        body: `${by} 已完成服务，请确认并评价，或在 7 天内退回重办。`,
        link: `/my-needs/${need.id}`,
      },
      requester,
      { exclude: actorId },
    )
  } else if (action === 'reopen') {
    const recipients: Recipient[] = [
      ...(await providerAccounts(db, providerUnitId)).map((accountId) => ({
        accountId,
        link: `/orders/${need.id}`,
      })),
      ...(await areaStaff(db, need.area_code)).map((accountId) => ({ accountId, link: `/needs/${need.id}` })),
    ]
    await notify(
      ctx,
      db,
      { ...base, kind: 'need.reopened', title: `需求被退回重办：${short(need.description)}`, body: null },
      recipients,
      { exclude: actorId },
    )
  }
}

/** Overdue: the street's staff (to act) and the provider holding it (to hurry). */
export async function noticeEscalated(
  ctx: Ctx,
  db: Kysely<DB>,
  n: { id: number; area_code: string; state: string; category_code: string; description: string },
  at: Date,
) {
  const holder = await db
    .selectFrom('need')
    .select('provider_unit_id')
    .where('id', '=', n.id)
    .executeTakeFirst()
  const recipients: Recipient[] = [
    ...(await areaStaff(db, n.area_code)).map((accountId) => ({ accountId, link: `/needs/${n.id}` })),
    ...(await providerAccounts(db, holder?.provider_unit_id ?? null)).map((accountId) => ({
      accountId,
      link: `/orders/${n.id}`,
    })),
  ]
  return notify(
    ctx,
    db,
    {
      kind: 'need.escalated',
      title: `需求超时未处理：${short(n.description)}`,
      subject: short(n.description),
      body: `状态：${n.state}；类别：${n.category_code}`,
      entity: 'need',
      entityId: n.id,
      areaCode: n.area_code,
      at,
    },
    recipients,
  )
}

/** The 24-hour desk: the park's service team hears at once (urgent kind: quiet hours do not hold it). */
export async function noticeDeskNeed(
  ctx: Ctx,
  db: Kysely<DB>,
  d: { needId: number; unitName: string; description: string; areaCode: string; teamAccounts: number[] },
  at: Date,
) {
  return notify(
    ctx,
    db,
    {
      kind: 'desk.need',
      title: `新落户企业24小时服务：${d.unitName}`,
      subject: d.unitName,
      body: d.description.slice(0, 200),
      entity: 'need',
      entityId: d.needId,
      areaCode: d.areaCode,
      link: `/orders/${d.needId}`,
      at,
    },
    d.teamAccounts,
  )
}
