import { createHmac } from 'node:crypto'
import { isKind, KIND_LABEL_ZH } from '../kinds.ts'
import type { Outgoing } from './message.ts'
import { assertPublicTarget, SendError } from './targets.ts'

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutSeconds: number,
  allowPrivate: boolean,
): Promise<Response> {
  await assertPublicTarget(url, allowPrivate)
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      // A redirect could lead anywhere (an internal address): it counts as a failure, never followed.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    })
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } }
    throw new SendError(`${e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name)}: ${e.message}`)
  }
}

/** 4xx other than 408/429 means the receiver will never take it; everything else may pass later. */
const permanentStatus = (s: number) => s >= 400 && s < 500 && s !== 408 && s !== 429

/** The signature a receiver checks: hex HMAC-SHA256 of `<timestamp>.<body>` with the endpoint's secret. */
export const signature = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`

/** The generic webhook: the notice as JSON, signed, with the delivery id for the receiver to drop repeats. */
export async function sendWebhook(
  url: string,
  secret: string,
  m: Outgoing,
  opts: { timeoutSeconds: number; allowPrivate: boolean; now: Date },
): Promise<void> {
  const body = JSON.stringify({
    id: m.deliveryId,
    kind: m.kind,
    title: m.title,
    subject: m.subject,
    body: m.body,
    url: m.url,
    createdAt: m.createdAt.toISOString(),
    area: m.areaCode ? { code: m.areaCode, name: m.areaName } : null,
    recipient: m.recipient,
  })
  const timestamp = String(Math.floor(opts.now.getTime() / 1000))
  const res = await post(
    url,
    body,
    {
      'x-tongxin-delivery': String(m.deliveryId),
      'x-tongxin-timestamp': timestamp,
      'x-tongxin-signature': signature(secret, timestamp, body),
    },
    opts.timeoutSeconds,
    opts.allowPrivate,
  )
  await res.body?.cancel()
  if (res.status < 200 || res.status >= 300)
    throw new SendError(`HTTP ${res.status}`, permanentStatus(res.status))
}

const MAX_MARKDOWN_BYTES = 4096

/** 企业微信 markdown allows these; strip what would break the quoting. */
const plain = (s: string) => s.replace(/[\r\n]+/g, ' ').trim()

export function wecomMarkdown(m: Outgoing): string {
  const label = isKind(m.kind) ? KIND_LABEL_ZH[m.kind] : m.kind
  const lines = [`**${label}**`, plain(m.title)]
  if (m.body) lines.push(`> ${plain(m.body)}`)
  const meta = [m.areaName, m.recipients ? `已通知 ${m.recipients} 人` : null].filter(Boolean).join(' · ')
  if (meta) lines.push(`> <font color="comment">${meta}</font>`)
  if (m.url) lines.push(`[查看详情](${m.url})`)
  let text = lines.join('\n')
  while (Buffer.byteLength(text) > MAX_MARKDOWN_BYTES)
    text = `${text.slice(0, Math.floor(text.length * 0.9))}…`
  return text
}

/**
 * A 企业微信 group robot: `{"msgtype":"markdown","markdown":{"content":…}}` posted to the robot URL, which
 * answers `{"errcode":0,"errmsg":"ok"}`. 45009 (over 20 messages a minute) and -1 (busy) are retried; other
 * error codes (a deleted robot, a bad key) are final.
 */
export async function sendWecom(
  url: string,
  m: Outgoing,
  opts: { timeoutSeconds: number; allowPrivate: boolean },
): Promise<void> {
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: wecomMarkdown(m) } })
  const res = await post(url, body, {}, opts.timeoutSeconds, opts.allowPrivate)
  if (res.status !== 200) {
    await res.body?.cancel()
    throw new SendError(`HTTP ${res.status}`, permanentStatus(res.status))
  }
  let answer: { errcode?: number; errmsg?: string }
  try {
    answer = (await res.json()) as typeof answer
  } catch {
    throw new SendError('answer is not JSON')
  }
  if (answer.errcode !== 0) {
    const retry = answer.errcode === 45009 || answer.errcode === -1
    throw new SendError(`errcode ${answer.errcode}: ${answer.errmsg ?? ''}`.slice(0, 300), !retry)
  }
}
