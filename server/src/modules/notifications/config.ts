/** Settings of the notification channels, read from the environment with the rest of config.ts. */
export interface NotifyConfig {
  /** smtp:// or smtps:// URL (credentials inside); null = e-mail off. */
  smtpUrl: string | null
  mailFrom: string
  /** 企业微信 robots and signed webhooks on/off. */
  webhooks: boolean
  /** Whether robot/webhook URLs may point at loopback or private addresses (an on-premises gateway, tests). */
  privateTargets: boolean
  /** Base of the links put into e-mails and robot messages, e.g. https://tongxin.example.gov.cn; null = none. */
  publicUrl: string | null
  maxAttempts: number
  /** Seconds one send may take before it counts as failed. */
  sendTimeoutSeconds: number
  /** Read notices older than this are deleted. */
  keepReadDays: number
  /** Sent or failed outbox rows older than this are deleted. */
  keepDeliveriesDays: number
}

type Int = (name: string, fallback: number, min: number, max: number) => number
type Flag = (name: string) => boolean | null

const MAIL_FROM = /^(?:[^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/

/** Parses the TONGXIN_SMTP_* / TONGXIN_NOTIFY_* variables; problems are added to the caller's list. */
export function loadNotifyConfig(
  env: NodeJS.ProcessEnv,
  problems: string[],
  int: Int,
  flag: Flag,
): NotifyConfig {
  const text = (name: string) => {
    const v = env[name]
    return v === undefined || v.trim() === '' ? null : v.trim()
  }
  const smtpUrl = text('TONGXIN_SMTP_URL')
  if (smtpUrl !== null) {
    let ok = false
    try {
      const u = new URL(smtpUrl)
      ok = (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== ''
    } catch {
      ok = false
    }
    if (!ok)
      problems.push('TONGXIN_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465')
  }
  const mailFrom = text('TONGXIN_MAIL_FROM') ?? '同心 tongxin <no-reply@tongxin.invalid>'
  if (!MAIL_FROM.test(mailFrom))
    problems.push('TONGXIN_MAIL_FROM must be an address, optionally with a name: 同心 <no-reply@example.cn>')
  const publicUrl = text('TONGXIN_PUBLIC_URL')
  if (publicUrl !== null && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl))
    problems.push('TONGXIN_PUBLIC_URL must be an http(s) URL such as https://tongxin.example.cn')
  return {
    smtpUrl,
    mailFrom,
    webhooks: flag('TONGXIN_NOTIFY_WEBHOOKS') ?? false,
    privateTargets: flag('TONGXIN_NOTIFY_PRIVATE_TARGETS') ?? false,
    publicUrl: publicUrl?.replace(/\/+$/, '') ?? null,
    maxAttempts: int('TONGXIN_NOTIFY_MAX_ATTEMPTS', 8, 1, 30),
    sendTimeoutSeconds: int('TONGXIN_NOTIFY_SEND_TIMEOUT_SECONDS', 10, 1, 120),
    keepReadDays: int('TONGXIN_NOTIFY_KEEP_READ_DAYS', 90, 1, 3650),
    keepDeliveriesDays: int('TONGXIN_NOTIFY_KEEP_DELIVERIES_DAYS', 30, 1, 3650),
  }
}
