import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { decryptPii } from '../../lib/pii.ts'
import { sendEmail } from './channels/email.ts'
import { sendWebhook, sendWecom } from './channels/http.ts'
import type { Outgoing } from './channels/message.ts'
import { SendError } from './channels/targets.ts'

/** Rows claimed per round, and sent this many at a time. */
const BATCH = 64
const CONCURRENCY = 8
/** Part of each lease no send may start in, for clocks that differ between instances. */
const LEASE_SLACK = 30_000

/** Wait before attempt n+1: 30 s, 1 min, 2 min … capped at 6 h. */
export const backoffMs = (attempts: number) =>
  Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000)

/** Channels this instance can deliver; rows of the others wait (visible as pending) until switched on. */
export function liveChannels(ctx: Pick<AppContext, 'config'>): string[] {
  const c = ctx.config.notify
  return [...(c.smtpUrl ? ['email'] : []), ...(c.webhooks ? ['wecom', 'webhook'] : [])]
}

interface Claimed {
  id: number
  channel: 'email' | 'wecom' | 'webhook'
  attempts: number
  address: string | null
  area_code: string | null
  area_name: string | null
  kind: string
  title: string
  subject: string | null
  body: string | null
  link: string | null
  created_at: Date
  account_id: number | null
  username: string | null
  display_name: string | null
  phone: string | null
  recipients: number | null
  url: string | null
  secret_enc: string | null
  endpoint_live: boolean | null
}

export interface DispatchResult {
  claimed: number
  sent: number
  failed: number
  retrying: number
  /** Left for a later claim because the lease would run out before the send could finish. */
  skipped: number
}

export interface Claim {
  token: string
  leaseEnd: number
  rows: Claimed[]
}

const emptyResult = (): DispatchResult => ({ claimed: 0, sent: 0, failed: 0, retrying: 0, skipped: 0 })

/**
 * Claims due deliveries: a single UPDATE over rows picked `FOR UPDATE SKIP LOCKED`, so dispatchers on several
 * instances take disjoint rows. A claim holds a lease (next_attempt_at moves to its end) and a fresh token;
 * rows whose lease ran out (their dispatcher died or stalled) are due again.
 */
export async function claimDue(ctx: AppContext, limit = BATCH): Promise<Claim | null> {
  const cfg = ctx.config.notify
  const channels = liveChannels(ctx)
  if (channels.length === 0) return null
  const now = ctx.clock.now()
  const leaseMs = (Math.ceil(limit / CONCURRENCY) + 1) * cfg.sendTimeoutSeconds * 1000 + LEASE_SLACK
  const token = randomUUID()

  // A row whose dispatcher died mid-send on its last allowed attempt: give up on it rather than loop.
  await ctx.db
    .updateTable('notification_delivery')
    .set({ state: 'failed', claim_token: null, last_error: 'dispatcher stopped during the last attempt' })
    .where('state', '=', 'sending')
    .where('next_attempt_at', '<=', now)
    .where('attempts', '>=', cfg.maxAttempts)
    .execute()

  const claimed = await sql<{ id: number }>`
    UPDATE notification_delivery d
       SET state = 'sending', attempts = d.attempts + 1, claim_token = ${token},
           next_attempt_at = ${new Date(now.getTime() + leaseMs)}
      FROM (SELECT id FROM notification_delivery
             WHERE state IN ('pending', 'sending') AND next_attempt_at <= ${now}
               AND channel = ANY(${channels}::text[])
             ORDER BY next_attempt_at, id
             LIMIT ${limit}
             FOR UPDATE SKIP LOCKED) due
     WHERE d.id = due.id
    RETURNING d.id`.execute(ctx.db)
  const ids = claimed.rows.map((r) => Number(r.id))
  if (ids.length === 0) return { token, leaseEnd: now.getTime() + leaseMs, rows: [] }

  const rows = await sql<Claimed>`
    SELECT d.id, d.channel, d.attempts, d.address, d.area_code, ar.name AS area_name,
           coalesce(n.kind, b.kind) AS kind, coalesce(n.title, b.title) AS title, n.subject,
           coalesce(n.body, b.body) AS body, coalesce(n.link, b.link) AS link, coalesce(n.created_at, b.created_at) AS created_at,
           a.id AS account_id, a.username, a.display_name, a.phone, b.recipients,
           e.url, e.secret_enc, (e.id IS NOT NULL AND e.deleted_at IS NULL AND e.enabled) AS endpoint_live
      FROM notification_delivery d
      LEFT JOIN notification n ON n.id = d.notification_id
      LEFT JOIN account a ON a.id = n.account_id
      LEFT JOIN notification_batch b ON b.id = d.batch_id
      LEFT JOIN notification_endpoint e ON e.id = d.endpoint_id
      LEFT JOIN area ar ON ar.code = d.area_code
     WHERE d.id = ANY(${ids}::bigint[])
     ORDER BY d.id`.execute(ctx.db)
  return { token, leaseEnd: now.getTime() + leaseMs, rows: rows.rows }
}

/**
 * Sends what a claim holds and records each outcome — only while the claim still holds the row (its token
 * matches): a dispatcher that stalled past its lease sends nothing more, and cannot overwrite the result of
 * the one that took the rows over.
 */
export async function sendClaimed(ctx: AppContext, claim: Claim): Promise<DispatchResult> {
  const cfg = ctx.config.notify
  const result = emptyResult()
  result.claimed = claim.rows.length
  const timeoutMs = cfg.sendTimeoutSeconds * 1000
  const queue = [...claim.rows]
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      const id = Number(r.id)
      // Too close to the lease's end to finish: leave it to whoever claims it after the lease. (Another
      // dispatcher can only take the row once the lease is over, so before then this claim still holds it;
      // LEASE_SLACK absorbs clock differences between instances.)
      if (ctx.clock.now().getTime() + timeoutMs > claim.leaseEnd - LEASE_SLACK) {
        result.skipped++
        continue
      }
      const outcome = await deliver(ctx, r)
      const at = ctx.clock.now()
      if (outcome === null) {
        await ctx.db
          .updateTable('notification_delivery')
          .set({ state: 'sent', sent_at: at, last_error: null, claim_token: null })
          .where('id', '=', id)
          .where('claim_token', '=', claim.token)
          .execute()
        result.sent++
        continue
      }
      const final = outcome.permanent || r.attempts >= cfg.maxAttempts
      await ctx.db
        .updateTable('notification_delivery')
        .set({
          state: final ? 'failed' : 'pending',
          last_error: outcome.message.slice(0, 500),
          claim_token: null,
          next_attempt_at: final ? at : new Date(at.getTime() + backoffMs(r.attempts)),
        })
        .where('id', '=', id)
        .where('claim_token', '=', claim.token)
        .execute()
      if (final) result.failed++
      else result.retrying++
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker))
  return result
}

/** One round: claim due deliveries, send them, record each outcome. */
export async function dispatchOnce(ctx: AppContext, opts: { limit?: number } = {}): Promise<DispatchResult> {
  const claim = await claimDue(ctx, opts.limit ?? BATCH)
  return claim ? sendClaimed(ctx, claim) : emptyResult()
}

/** Sends one claimed row; null when it went out, the error otherwise. */
async function deliver(ctx: AppContext, r: Claimed): Promise<SendError | null> {
  const cfg = ctx.config.notify
  const m: Outgoing = {
    deliveryId: Number(r.id),
    kind: r.kind,
    title: r.title,
    subject: r.subject,
    body: r.body,
    url: r.link && cfg.publicUrl ? `${cfg.publicUrl}${r.link}` : null,
    createdAt: new Date(r.created_at),
    areaCode: r.area_code,
    areaName: r.area_name,
    recipient:
      r.account_id !== null
        ? {
            accountId: Number(r.account_id),
            username: r.username ?? '',
            name: r.display_name ?? '',
            phone: r.phone,
          }
        : null,
    recipients: r.recipients === null ? null : Number(r.recipients),
  }
  try {
    if (r.channel === 'email') await sendEmail(cfg, r.address!, m)
    else {
      if (!r.endpoint_live || !r.url) return new SendError('endpoint removed or switched off', true)
      const opts = { timeoutSeconds: cfg.sendTimeoutSeconds, allowPrivate: cfg.privateTargets }
      if (r.channel === 'wecom') await sendWecom(r.url, m, opts)
      else
        await sendWebhook(r.url, decryptPii(ctx.secret, r.secret_enc!), m, { ...opts, now: ctx.clock.now() })
    }
    return null
  } catch (err) {
    return err instanceof SendError ? err : new SendError(`error: ${(err as Error).message}`)
  }
}

const running = new WeakSet<AppContext>()

/**
 * The background job: rounds until nothing is due (bounded), one at a time per instance — the interval
 * timer does not wait for a slow round, and two rounds of one instance would only compete for the same rows.
 */
export async function runDispatcher(ctx: AppContext, maxRounds = 20): Promise<DispatchResult> {
  const total = emptyResult()
  if (running.has(ctx)) return total
  running.add(ctx)
  try {
    for (let i = 0; i < maxRounds; i++) {
      const r = await dispatchOnce(ctx)
      for (const k of Object.keys(total) as Array<keyof DispatchResult>) total[k] += r[k]
      if (r.claimed < BATCH) break
    }
  } finally {
    running.delete(ctx)
  }
  return total
}
