import { type Kysely, sql } from 'kysely'
import type { Config } from '../../config.ts'
import type { DB } from '../../db/schema.ts'
import { KIND_RULES, type NoticeKind } from './kinds.ts'
import { releaseTime } from './quiet.ts'

/** What happened, once for every recipient. `title` is the Chinese sentence e-mail and robots carry. */
export interface NoticeInput {
  kind: NoticeKind
  title: string
  /** The object's own name, shown after the kind's label in the reader's language. */
  subject?: string | null
  body?: string | null
  entity?: string | null
  entityId?: number | null
  /** The place the notice is about: decides which robots and webhooks hear of it and which staff see it. */
  areaCode?: string | null
  partyOrgId?: number | null
  link?: string | null
  /** Written at most once per account (reminders); a second call skips accounts that already have it. */
  dedupeKey?: string | null
  at: Date
}

/** An account, or an account with its own wording (a policy names the recipient's unit). */
export type Recipient =
  | number
  | { accountId: number; title?: string; subject?: string | null; body?: string | null; link?: string | null }

type Ctx = { config: Pick<Config, 'notify'> }

interface Pref {
  id: number
  email: string | null
  quiet_start: number | null
  quiet_end: number | null
  p_inapp: boolean | null
  p_email: boolean | null
  p_webhook: boolean | null
}

/**
 * Writes a notice to each recipient's inbox and queues its e-mail / webhook / robot deliveries, all through
 * the caller's transaction handle — so the notice exists exactly when the change that caused it does, and
 * the dispatcher (dispatcher.ts) delivers it later, never inside the request.
 */
export async function notify(
  ctx: Ctx,
  db: Kysely<DB>,
  notice: NoticeInput,
  recipients: readonly Recipient[],
  opts: { exclude?: number | null } = {},
): Promise<number> {
  const byAccount = new Map<number, Exclude<Recipient, number>>()
  for (const r of recipients) {
    const rec = typeof r === 'number' ? { accountId: r } : r
    if (rec.accountId === opts.exclude || byAccount.has(rec.accountId)) continue
    byAccount.set(rec.accountId, rec)
  }
  if (byAccount.size === 0) return 0
  const rule = KIND_RULES[notice.kind]
  const cfg = ctx.config.notify
  const ids = [...byAccount.keys()]
  const prefs = await sql<Pref>`
    SELECT a.id, a.email, s.quiet_start, s.quiet_end, p.inapp AS p_inapp, p.email AS p_email, p.webhook AS p_webhook
      FROM account a
      LEFT JOIN notification_setting s ON s.account_id = a.id
      LEFT JOIN notification_preference p ON p.account_id = a.id AND p.kind = ${notice.kind}
     WHERE a.id = ANY(${ids}::bigint[]) AND NOT a.disabled`.execute(db)
  const prefOf = new Map(prefs.rows.map((p) => [Number(p.id), p]))
  const accounts = ids.filter((id) => prefOf.has(id))
  if (accounts.length === 0) return 0

  const batch = await db
    .insertInto('notification_batch')
    .values({
      kind: notice.kind,
      title: notice.title,
      body: notice.body ?? null,
      entity: notice.entity ?? null,
      entity_id: notice.entityId ?? null,
      area_code: notice.areaCode ?? null,
      party_org_id: notice.partyOrgId ?? null,
      link: notice.link ?? null,
      recipients: accounts.length,
      created_at: notice.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const col = <T>(f: (r: Exclude<Recipient, number>, p: Pref) => T) =>
    accounts.map((id) => f(byAccount.get(id)!, prefOf.get(id)!))
  // The bell switched off (allowed only for kinds that ask nothing of the person): kept in the inbox as read.
  const muted = col((_, p) => !rule.action && p.p_inapp === false)
  const inserted = await sql<{ id: number; account_id: number }>`
    INSERT INTO notification (account_id, kind, title, subject, body, link, entity, entity_id, area_code,
                              batch_id, dedupe_key, created_at, read_at)
    SELECT t.account_id, ${notice.kind}, t.title, t.subject, t.body, t.link, ${notice.entity ?? null},
           ${notice.entityId ?? null}::bigint, ${notice.areaCode ?? null}, ${batch.id}::bigint,
           ${notice.dedupeKey ?? null}, ${notice.at}::timestamptz,
           CASE WHEN t.muted THEN ${notice.at}::timestamptz END
      FROM unnest(${accounts}::bigint[], ${col((r) => r.title ?? notice.title)}::text[],
                  ${col((r) => (r.subject !== undefined ? r.subject : (notice.subject ?? null)))}::text[],
                  ${col((r) => (r.body !== undefined ? r.body : (notice.body ?? null)))}::text[],
                  ${col((r) => r.link ?? notice.link ?? null)}::text[], ${muted}::boolean[])
           AS t(account_id, title, subject, body, link, muted)
    ON CONFLICT (account_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
    RETURNING id, account_id`.execute(db)
  const rows = inserted.rows.map((r) => ({ id: Number(r.id), accountId: Number(r.account_id) }))
  if (rows.length === 0) {
    // Everyone had it already (a reminder another instance wrote a moment ago).
    await db.deleteFrom('notification_batch').where('id', '=', batch.id).execute()
    return 0
  }
  if (rows.length !== accounts.length)
    await db
      .updateTable('notification_batch')
      .set({ recipients: rows.length })
      .where('id', '=', batch.id)
      .execute()

  const deliveries: Array<{
    notification_id: number | null
    batch_id: number | null
    channel: string
    endpoint_id: number | null
    address: string | null
    next_attempt_at: Date
  }> = []
  const due = (p: Pref) =>
    rule.urgent || p.quiet_start === null || p.quiet_end === null
      ? notice.at
      : releaseTime(notice.at, { start: p.quiet_start, end: p.quiet_end })
  if (cfg.smtpUrl) {
    for (const r of rows) {
      const p = prefOf.get(r.accountId)!
      if (p.email && (p.p_email ?? rule.email))
        deliveries.push({
          notification_id: r.id,
          batch_id: null,
          channel: 'email',
          endpoint_id: null,
          address: p.email,
          next_attempt_at: due(p),
        })
    }
  }
  if (cfg.webhooks && (notice.areaCode || notice.partyOrgId)) {
    const endpoints = await matchingEndpoints(db, notice)
    // A person's gateway (SMS, 政务微信) is the nearest one: a street's own before its district's or the city's.
    const personal = endpoints.filter((e) => e.channel === 'webhook').sort((a, b) => b.depth - a.depth)[0]
    if (personal)
      for (const r of rows) {
        const p = prefOf.get(r.accountId)!
        if (p.p_webhook ?? rule.webhook)
          deliveries.push({
            notification_id: r.id,
            batch_id: null,
            channel: 'webhook',
            endpoint_id: personal.id,
            address: null,
            next_attempt_at: due(p),
          })
      }
    // Group robots hear once per batch, in every group whose place covers it.
    for (const e of endpoints.filter((e) => e.channel === 'wecom'))
      deliveries.push({
        notification_id: null,
        batch_id: batch.id,
        channel: 'wecom',
        endpoint_id: e.id,
        address: null,
        next_attempt_at: notice.at,
      })
  }
  if (deliveries.length > 0) {
    const d = <K extends keyof (typeof deliveries)[number]>(k: K) => deliveries.map((x) => x[k])
    await sql`
      INSERT INTO notification_delivery (notification_id, batch_id, channel, endpoint_id, address, area_code,
                                         next_attempt_at, created_at)
      SELECT t.notification_id, t.batch_id, t.channel, t.endpoint_id, t.address, ${notice.areaCode ?? null},
             t.next_attempt_at, ${notice.at}::timestamptz
        FROM unnest(${d('notification_id')}::bigint[], ${d('batch_id')}::bigint[], ${d('channel')}::text[],
                    ${d('endpoint_id')}::bigint[], ${d('address')}::text[],
                    ${d('next_attempt_at').map((x) => x.toISOString())}::timestamptz[])
             AS t(notification_id, batch_id, channel, endpoint_id, address, next_attempt_at)`.execute(db)
  }
  return rows.length
}

/** Enabled robots and webhooks whose area contains the notice's place, or that belong to its organisation. */
async function matchingEndpoints(db: Kysely<DB>, notice: NoticeInput) {
  const rows = await sql<{ id: number; channel: 'wecom' | 'webhook'; depth: number }>`
    SELECT e.id, e.channel, coalesce(array_length(string_to_array(ea.path, '/'), 1), 99) AS depth
      FROM notification_endpoint e
      LEFT JOIN area ea ON ea.code = e.area_code
     WHERE e.deleted_at IS NULL AND e.enabled
       AND (cardinality(e.kinds) = 0 OR ${notice.kind} = ANY(e.kinds))
       AND ((e.area_code IS NOT NULL AND EXISTS (
              SELECT 1 FROM area na WHERE na.code = ${notice.areaCode ?? null}
                 AND (na.path = ea.path OR na.path LIKE ea.path || '/%')))
            OR e.party_org_id = ${notice.partyOrgId ?? null}::bigint)`.execute(db)
  return rows.rows.map((r) => ({ id: Number(r.id), channel: r.channel, depth: Number(r.depth) }))
}
