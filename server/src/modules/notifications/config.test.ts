import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../config.ts'

describe('notification settings in the environment', () => {
  it('defaults to in-app only: no mail server, no robots or webhooks', () => {
    const c = loadConfig({}).notify
    expect(c).toMatchObject({
      smtpUrl: null,
      webhooks: false,
      privateTargets: false,
      publicUrl: null,
      maxAttempts: 8,
    })
  })

  it('reads an SMTP URL, the sender and the public address', () => {
    const c = loadConfig({
      TONGXIN_SMTP_URL: 'smtps://mailer:pw@smtp.example.cn:465',
      TONGXIN_MAIL_FROM: '奉浦街道 <no-reply@fengpu.example.cn>',
      TONGXIN_PUBLIC_URL: 'https://tongxin.example.cn/',
      TONGXIN_NOTIFY_WEBHOOKS: '1',
    }).notify
    expect(c).toMatchObject({
      smtpUrl: 'smtps://mailer:pw@smtp.example.cn:465',
      mailFrom: '奉浦街道 <no-reply@fengpu.example.cn>',
      publicUrl: 'https://tongxin.example.cn',
      webhooks: true,
    })
  })

  it('reports every bad value together', () => {
    let error: unknown
    try {
      loadConfig({
        TONGXIN_SMTP_URL: 'mail.example.cn:25',
        TONGXIN_MAIL_FROM: 'nobody',
        TONGXIN_PUBLIC_URL: 'tongxin.example.cn',
        TONGXIN_NOTIFY_MAX_ATTEMPTS: '0',
        TONGXIN_NOTIFY_WEBHOOKS: 'yes',
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    for (const name of [
      'TONGXIN_SMTP_URL',
      'TONGXIN_MAIL_FROM',
      'TONGXIN_PUBLIC_URL',
      'TONGXIN_NOTIFY_MAX_ATTEMPTS',
      'TONGXIN_NOTIFY_WEBHOOKS',
    ])
      expect(problems).toContain(name)
  })
})
