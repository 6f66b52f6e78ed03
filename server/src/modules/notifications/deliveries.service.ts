import type { Delivery, DeliveryQuery, NotifyStatus } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Expression, type SqlBool, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { inAreas } from '../../lib/visibility.ts'

/** Staff see the deliveries about places inside their areas; the city's admins see all (also those with no place). */
async function scopeFilter(ctx: AppContext, request: FastifyRequest): Promise<Expression<SqlBool> | null> {
  const grants = request.grantsFor('notify.admin')
  if (grants.some((g) => g.scope_type === 'city')) return null
  const codes = grants.map((g) => g.area_code).filter((c): c is string => Boolean(c))
  if (codes.length === 0) return sql<SqlBool>`false`
  const paths = (await ctx.db.selectFrom('area').select('path').where('code', 'in', codes).execute()).map(
    (r) => r.path,
  )
  return inAreas('d.area_code', paths)
}

const maskEmail = (e: string) => {
  const [user = '', domain = ''] = e.split('@')
  return `${user.slice(0, 1)}***@${domain}`
}

const stateOf = (state: string, attempts: number): Delivery['state'] =>
  state === 'pending' && attempts > 0 ? 'retrying' : (state as Delivery['state'])

export async function listDeliveries(ctx: AppContext, request: FastifyRequest, q: DeliveryQuery) {
  const limit = q.limit ?? 50
  const scope = await scopeFilter(ctx, request)
  let query = ctx.db
    .selectFrom('notification_delivery as d')
    .leftJoin('notification as n', 'n.id', 'd.notification_id')
    .leftJoin('account as acc', 'acc.id', 'n.account_id')
    .leftJoin('notification_batch as b', 'b.id', 'd.batch_id')
    .leftJoin('notification_endpoint as e', 'e.id', 'd.endpoint_id')
    .leftJoin('area as a', 'a.code', 'd.area_code')
    .select([
      'd.id',
      'd.channel',
      'd.state',
      'd.attempts',
      'd.address',
      'd.last_error',
      'd.next_attempt_at',
      'd.sent_at',
      'd.created_at',
      'e.name as endpoint_name',
      'acc.display_name as recipient',
      'a.name as area_name',
    ])
    .select((eb) => [
      eb.fn.coalesce('n.kind', 'b.kind').as('kind'),
      eb.fn.coalesce('n.title', 'b.title').as('title'),
    ])
    .orderBy('d.id', 'desc')
    .limit(limit + 1)
  if (scope) query = query.where(scope)
  if (q.channel) query = query.where('d.channel', '=', q.channel)
  if (q.state === 'pending') query = query.where('d.state', '=', 'pending').where('d.attempts', '=', 0)
  else if (q.state === 'retrying') query = query.where('d.state', '=', 'pending').where('d.attempts', '>', 0)
  else if (q.state) query = query.where('d.state', '=', q.state)
  if (q.cursor)
    query = query.where(
      'd.id',
      '<',
      decodeCursor(q.cursor, (v): v is number => Number.isInteger(v)),
    )
  const rows = await query.execute()
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
  return {
    items: page.map(
      (r): Delivery => ({
        id: r.id,
        channel: r.channel,
        state: stateOf(r.state, r.attempts),
        kind: r.kind ?? '',
        title: r.title ?? '',
        target: r.channel === 'email' ? maskEmail(r.address ?? '') : (r.endpoint_name ?? ''),
        recipient: r.recipient,
        areaName: r.area_name,
        attempts: r.attempts,
        lastError: r.last_error,
        nextAttemptAt:
          r.state === 'pending' || r.state === 'sending' ? r.next_attempt_at.toISOString() : null,
        sentAt: r.sent_at ? r.sent_at.toISOString() : null,
        createdAt: r.created_at.toISOString(),
      }),
    ),
    nextCursor,
  }
}

/** A failed delivery goes back to the queue with a fresh count of attempts (after fixing an address, say). */
export async function retryDelivery(ctx: AppContext, request: FastifyRequest, id: number) {
  const scope = await scopeFilter(ctx, request)
  let q = ctx.db.selectFrom('notification_delivery as d').select(['d.id', 'd.state']).where('d.id', '=', id)
  if (scope) q = q.where(scope)
  const row = await q.executeTakeFirst()
  if (!row) throw new AppError('not_found')
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('notification_delivery')
      .set({ state: 'pending', attempts: 0, next_attempt_at: ctx.clock.now(), claim_token: null })
      .where('id', '=', id)
      .where('state', '=', 'failed')
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('notify_not_failed')
    await writeAudit(trx, request, {
      action: 'notify.delivery.retry',
      entity: 'notification_delivery',
      ids: [id],
    })
  })
  return { ok: true as const }
}

/** Which channels are on in this installation, and how the caller's deliveries stand. */
export async function notifyStatus(ctx: AppContext, request: FastifyRequest): Promise<NotifyStatus> {
  const c = ctx.config.notify
  const scope = await scopeFilter(ctx, request)
  const rows = await ctx.db
    .selectFrom('notification_delivery as d')
    .select([
      'd.state',
      (eb) => eb(eb.ref('d.attempts'), '>', 0).as('tried'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .$if(scope !== null, (qb) => qb.where(scope!))
    .groupBy(['d.state', 'tried'])
    .execute()
  const counts: Record<string, number> = { pending: 0, retrying: 0, sending: 0, sent: 0, failed: 0 }
  for (const r of rows) counts[stateOf(r.state, r.tried ? 1 : 0)]! += Number(r.n)
  return {
    channels: [
      { channel: 'inapp', on: true, note: '' },
      { channel: 'email', on: c.smtpUrl !== null, note: c.smtpUrl ? c.mailFrom : 'TONGXIN_SMTP_URL' },
      { channel: 'wecom', on: c.webhooks, note: 'TONGXIN_NOTIFY_WEBHOOKS' },
      { channel: 'webhook', on: c.webhooks, note: 'TONGXIN_NOTIFY_WEBHOOKS' },
    ],
    counts,
    maxAttempts: c.maxAttempts,
  }
}
