import type { Preferences, PreferencesInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { AppError, fieldError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { KIND_RULES, NOTICE_KINDS } from './kinds.ts'
import { hhmmOf, minutesOf } from './quiet.ts'

/** A plain address: one @, a dotted domain, no spaces or angle brackets (what an SMTP server accepts). */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

export const isValidEmail = (v: string) => v.length <= 254 && EMAIL.test(v) && !v.includes('..')

export async function getPreferences(ctx: AppContext, request: FastifyRequest): Promise<Preferences> {
  const me = requirePrincipal(request).accountId
  const [account, setting, rows] = await Promise.all([
    ctx.db.selectFrom('account').select('email').where('id', '=', me).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('notification_setting').selectAll().where('account_id', '=', me).executeTakeFirst(),
    ctx.db.selectFrom('notification_preference').selectAll().where('account_id', '=', me).execute(),
  ])
  const saved = new Map(rows.map((r) => [r.kind, r]))
  return {
    email: account.email,
    quietStart: setting?.quiet_start != null ? hhmmOf(setting.quiet_start) : null,
    quietEnd: setting?.quiet_end != null ? hhmmOf(setting.quiet_end) : null,
    channels: { email: ctx.config.notify.smtpUrl !== null, webhook: ctx.config.notify.webhooks },
    kinds: NOTICE_KINDS.map((kind) => {
      const rule = KIND_RULES[kind]
      const p = saved.get(kind)
      return {
        kind,
        action: rule.action,
        urgent: rule.urgent,
        inapp: rule.action ? true : (p?.inapp ?? true),
        email: p?.email ?? rule.email,
        webhook: p?.webhook ?? rule.webhook,
      }
    }),
  }
}

/** Saves the e-mail address, quiet hours and the per-kind channels, all checked before anything is written. */
export async function savePreferences(ctx: AppContext, request: FastifyRequest, input: PreferencesInput) {
  const me = requirePrincipal(request).accountId
  const email = input.email?.trim() || null
  if (email !== null && !isValidEmail(email)) throw new AppError('notify_invalid_email', { value: email })
  if (
    (input.quietStart === null) !== (input.quietEnd === null) ||
    (input.quietStart && input.quietStart === input.quietEnd)
  )
    throw new AppError('notify_quiet_invalid')
  const kinds = new Set<string>()
  for (const [i, k] of input.kinds.entries()) {
    if (kinds.has(k.kind)) throw fieldError('body', ['kinds', i, 'kind'], 'duplicate')
    kinds.add(k.kind)
    if (KIND_RULES[k.kind].action && !k.inapp) throw new AppError('notify_inapp_required', { kind: k.kind })
  }
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('account').set({ email, updated_at: now }).where('id', '=', me).execute()
    if (input.quietStart && input.quietEnd)
      await trx
        .insertInto('notification_setting')
        .values({
          account_id: me,
          quiet_start: minutesOf(input.quietStart),
          quiet_end: minutesOf(input.quietEnd),
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column('account_id').doUpdateSet((eb) => ({
            quiet_start: eb.ref('excluded.quiet_start'),
            quiet_end: eb.ref('excluded.quiet_end'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute()
    else await trx.deleteFrom('notification_setting').where('account_id', '=', me).execute()
    if (input.kinds.length > 0)
      await trx
        .insertInto('notification_preference')
        .values(input.kinds.map((k) => ({ account_id: me, ...k })))
        .onConflict((oc) =>
          oc.columns(['account_id', 'kind']).doUpdateSet((eb) => ({
            inapp: eb.ref('excluded.inapp'),
            email: eb.ref('excluded.email'),
            webhook: eb.ref('excluded.webhook'),
          })),
        )
        .execute()
  })
  return getPreferences(ctx, request)
}
