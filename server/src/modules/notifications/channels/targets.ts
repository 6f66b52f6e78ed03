import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'

/** 企业微信 robots live here; a robot URL on another host is refused unless private targets are allowed. */
export const WECOM_HOST = 'qyapi.weixin.qq.com'

/** Loopback, private, link-local (cloud metadata), CGNAT and unspecified addresses, v4 and v6. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number) as [number, number]
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    )
  }
  const v6 = ip.toLowerCase()
  return v6 === '::1' || v6 === '::' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6)
}

export type TargetProblem = 'format' | 'scheme' | 'host' | 'private'

/**
 * Checks a robot/webhook URL when staff save it: http(s) only (https unless private targets are allowed),
 * no credentials in it, a 企业微信 robot on qyapi.weixin.qq.com with a key, and no literal private address.
 */
export function checkTargetUrl(
  channel: 'wecom' | 'webhook',
  raw: string,
  allowPrivate: boolean,
): TargetProblem | null {
  let u: URL
  try {
    u = new URL(raw.trim())
  } catch {
    return 'format'
  }
  if (u.username || u.password || u.hash) return 'format'
  if (u.protocol !== 'https:' && !(allowPrivate && u.protocol === 'http:')) return 'scheme'
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const literalPrivate = (isIP(host) !== 0 && isPrivateAddress(host)) || host === 'localhost'
  if (literalPrivate && !allowPrivate) return 'private'
  if (channel === 'wecom') {
    if (!allowPrivate && host !== WECOM_HOST) return 'host'
    if (!u.searchParams.get('key')) return 'format'
  }
  return null
}

/**
 * At send time, the name is resolved and refused if any address is private (a public name pointed at an
 * internal service). A later DNS change between this look-up and the connection is not caught.
 */
export async function assertPublicTarget(url: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true })
  if (addresses.some((a) => isPrivateAddress(a.address)))
    throw new SendError(`${host} resolves to a private address; refused`, true)
}

/** A failed send: `permanent` ones are not retried (bad address, refused by the receiver for good). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message)
    this.name = 'SendError'
  }
}

/** Shows where a URL points without its key or query: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=ab…cd */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw)
    const key = u.searchParams.get('key')
    const masked = key ? `?key=${key.slice(0, 4)}…${key.slice(-2)}` : u.search ? '?…' : ''
    return `${u.protocol}//${u.host}${u.pathname}${masked}`
  } catch {
    return '…'
  }
}
