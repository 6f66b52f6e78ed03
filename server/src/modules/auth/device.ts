import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { hmac, randomToken, safeEqual } from '../../lib/crypto.ts'
import { LIMITS } from './throttle.ts'

/**
 * OWASP's device cookie: a browser that signed in to an account receives `<id>.<issued>.<mac>`, the MAC
 * binding the random id and the issue time to that username. Its later logins to the same account are
 * throttled on the device alone, so strangers' failures cannot lock it out. It grants nothing else: the
 * password is still required. Nothing is stored; the issue time makes it expire on the server too.
 */
export const DEVICE_COOKIE = 'tx_device'
const PATH = '/api/auth'

const LIFETIME_MS = LIMITS.deviceCookieDays * 24 * 3_600_000

const macOf = (ctx: AppContext, username: string, id: string, issued: string) =>
  hmac(ctx.secret, `device:${username}:${id}:${issued}`)

/** The device's id when the request carries an unexpired cookie issued for this username, else null. */
export function trustedDeviceId(ctx: AppContext, request: FastifyRequest, username: string): string | null {
  const value = request.cookies[DEVICE_COOKIE]
  if (!value || value.length > 120) return null
  const [id, issued, mac, ...rest] = value.split('.')
  if (!id || !issued || !mac || rest.length > 0) return null
  if (!safeEqual(mac, macOf(ctx, username, id, issued))) return null
  const age = ctx.clock.now().getTime() - Number.parseInt(issued, 36)
  return age >= 0 && age < LIFETIME_MS ? id : null
}

/**
 * A fresh id on every sign-in, so the device starts with a clean count (and a locked one is replaced once
 * its owner gets in another way).
 */
export function setDeviceCookie(ctx: AppContext, reply: FastifyReply, username: string) {
  const id = randomToken(16)
  const issued = ctx.clock.now().getTime().toString(36)
  const secure =
    ctx.config.cookieSecure === 'auto' ? reply.request.protocol === 'https' : ctx.config.cookieSecure
  reply.setCookie(DEVICE_COOKIE, `${id}.${issued}.${macOf(ctx, username, id, issued)}`, {
    path: PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: LIFETIME_MS / 1000,
  })
}
