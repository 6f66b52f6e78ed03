import type { FastifyReply, FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { hmac, randomToken } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'

export const LISTENER_COOKIE = 'tx_listener'
const LISTENER_PATH = '/api/public/qr'

function listenerToken(request: FastifyRequest): string | null {
  const t = request.cookies[LISTENER_COOKIE]
  return typeof t === 'string' && /^[A-Za-z0-9_-]{43}$/.test(t) ? t : null
}

/**
 * The public page hands the browser a random listener id (no account, nothing about the person), so that
 * several listeners behind one office address each count. A script that drops it counts as its address.
 */
export function giveListenerCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  if (listenerToken(request)) return
  reply.setCookie(LISTENER_COOKIE, randomToken(32), {
    path: LISTENER_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure === 'auto' ? request.protocol === 'https' : ctx.config.cookieSecure,
    maxAge: 400 * 24 * 3600,
  })
}

/**
 * Counts one play of an item, unless this listener was counted for it within the window, or its address has
 * used up its plays for the window (minting fresh listener cookies then counts no more). Addresses and cookies
 * are kept only as keyed hashes, per item, so the rows of two items cannot be joined to follow a client.
 */
export async function countPlay(
  ctx: AppContext,
  request: FastifyRequest,
  slug: string,
): Promise<{ plays: number; counted: boolean }> {
  const { playWindowMinutes, playsPerAddress } = ctx.config.listen
  return ctx.db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('qr_content')
      .select(['id', 'plays'])
      .where('slug', '=', slug)
      .executeTakeFirst()
    if (!item) throw new AppError('not_found')
    const now = ctx.clock.now()
    const cutoff = new Date(now.getTime() - playWindowMinutes * 60_000)
    await trx
      .deleteFrom('qr_play_seen')
      .where('content_id', '=', item.id)
      .where('window_start', '<=', cutoff)
      .execute()
    const key = (what: string) => hmac(ctx.secret, `qr-play:${item.id}:${what}`)
    const token = listenerToken(request)
    const listener = `l:${key(token ? `cookie:${token}` : `ip:${request.ip}`)}`
    const address = `a:${key(`ip:${request.ip}`)}`
    // Each upsert takes the row's lock, so concurrent plays of one client are counted one after the other.
    const admit = async (client: string, cap: number) =>
      Boolean(
        await trx
          .insertInto('qr_play_seen')
          .values({ content_id: item.id, client, window_start: now, plays: 1 })
          .onConflict((oc) =>
            oc
              .columns(['content_id', 'client'])
              .doUpdateSet({ plays: sql`qr_play_seen.plays + 1` })
              .where('qr_play_seen.plays', '<', cap),
          )
          .returning('plays')
          .executeTakeFirst(),
      )
    if (!(await admit(listener, 1)) || !(await admit(address, playsPerAddress)))
      return { plays: Number(item.plays), counted: false }
    const row = await trx
      .updateTable('qr_content')
      .set((eb) => ({ plays: eb('plays', '+', 1) }))
      .where('id', '=', item.id)
      .returning('plays')
      .executeTakeFirstOrThrow()
    return { plays: Number(row.plays), counted: true }
  })
}
