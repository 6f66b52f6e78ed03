import type { InboxQuery, Notice } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'

/*
 * A person's inbox is theirs alone: every query is keyed by the session's account, and a notice of someone
 * else answers exactly like one that does not exist (404), so ids cannot be probed.
 */

export async function inbox(ctx: AppContext, request: FastifyRequest, q: InboxQuery) {
  const me = requirePrincipal(request).accountId
  const limit = q.limit ?? 50
  let query = ctx.db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'subject', 'body', 'link', 'created_at', 'read_at'])
    .where('account_id', '=', me)
    .orderBy('id', 'desc')
    .limit(limit + 1)
  if (q.unread) query = query.where('read_at', 'is', null)
  if (q.cursor)
    query = query.where(
      'id',
      '<',
      decodeCursor(q.cursor, (v): v is number => Number.isInteger(v)),
    )
  const rows = await query.execute()
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
  return {
    items: page.map(
      (r): Notice => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        subject: r.subject,
        body: r.body,
        link: r.link,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at ? r.read_at.toISOString() : null,
      }),
    ),
    nextCursor,
  }
}

/** The bell's number: an index-only count (notification_unread_idx). */
export async function unreadCount(ctx: AppContext, request: FastifyRequest) {
  const row = await ctx.db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', requirePrincipal(request).accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return { count: Number(row.n) }
}

export async function markRead(ctx: AppContext, request: FastifyRequest, id: number) {
  const me = requirePrincipal(request).accountId
  const row = await ctx.db
    .updateTable('notification')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(ctx.clock.now())) }))
    .where('id', '=', id)
    .where('account_id', '=', me)
    .returning('id')
    .executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return { ok: true as const }
}

export async function markAllRead(ctx: AppContext, request: FastifyRequest) {
  const res = await ctx.db
    .updateTable('notification')
    .set({ read_at: ctx.clock.now() })
    .where('account_id', '=', requirePrincipal(request).accountId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return { marked: Number(res.numUpdatedRows) }
}
