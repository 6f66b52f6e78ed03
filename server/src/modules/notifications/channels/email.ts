import nodemailer, { type Transporter } from 'nodemailer'
import type { NotifyConfig } from '../config.ts'
import type { Outgoing } from './message.ts'
import { SendError } from './targets.ts'

let cached: { key: string; transport: Transporter } | null = null

function transportFor(cfg: NotifyConfig): Transporter {
  const key = `${cfg.smtpUrl}|${cfg.sendTimeoutSeconds}`
  if (cached?.key !== key) {
    cached?.transport.close()
    const ms = cfg.sendTimeoutSeconds * 1000
    cached = {
      key,
      // The URL inside the options object, so the timeouts apply (a second argument would be mail defaults).
      transport: nodemailer.createTransport({
        url: cfg.smtpUrl!,
        connectionTimeout: ms,
        greetingTimeout: ms,
        socketTimeout: ms,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    }
  }
  return cached.transport
}

const domainOf = (from: string) => /@([^>\s]+)/.exec(from)?.[1] ?? 'tongxin.invalid'

/**
 * Sends one e-mail. Its Message-ID is derived from the delivery id, so a message sent again after a crash
 * (see docs/notifications.md) carries the same id and a receiving system can drop the copy.
 */
export async function sendEmail(cfg: NotifyConfig, to: string, m: Outgoing): Promise<void> {
  const lines = [m.body ?? '', m.url ? `\n查看 / Open: ${m.url}` : '', '\n—\n同心 tongxin']
  try {
    await transportFor(cfg).sendMail({
      from: cfg.mailFrom,
      to,
      subject: m.title,
      text: lines.join('\n').trim(),
      messageId: `<delivery-${m.deliveryId}@${domainOf(cfg.mailFrom)}>`,
      headers: { 'X-Tongxin-Delivery': String(m.deliveryId), 'X-Tongxin-Kind': m.kind },
    })
  } catch (err) {
    const e = err as { responseCode?: number; message?: string; code?: string }
    // 5xx from the server for this recipient is final (no such mailbox); 4xx and network trouble are retried.
    const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600
    const reason = e.responseCode
      ? `SMTP ${e.responseCode}: ${e.message}`
      : `${e.code ?? 'error'}: ${e.message}`
    throw new SendError(reason.slice(0, 300), permanent)
  }
}

export function closeEmail() {
  cached?.transport.close()
  cached = null
}
