import { describe, expect, it } from 'vitest'
import { assertPublicTarget, checkTargetUrl, isPrivateAddress, maskUrl } from './targets.ts'

describe('robot and webhook URLs', () => {
  it('accepts a 企业微信 robot URL and an https webhook', () => {
    expect(
      checkTargetUrl('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx', false),
    ).toBeNull()
    expect(checkTargetUrl('webhook', 'https://sms.example.gov.cn/hook', false)).toBeNull()
  })

  it('refuses other schemes, credentials, other robot hosts and private addresses', () => {
    expect(checkTargetUrl('webhook', 'http://sms.example.gov.cn/hook', false)).toBe('scheme')
    expect(checkTargetUrl('webhook', 'ftp://sms.example.gov.cn/hook', true)).toBe('scheme')
    expect(checkTargetUrl('webhook', 'https://user:pw@sms.example.gov.cn/', false)).toBe('format')
    expect(checkTargetUrl('wecom', 'https://example.com/cgi-bin/webhook/send?key=1', false)).toBe('host')
    expect(checkTargetUrl('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', false)).toBe('format')
    for (const host of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '192.168.1.1', '[::1]', 'localhost'])
      expect(checkTargetUrl('webhook', `https://${host}/hook`, false)).toBe('private')
    expect(checkTargetUrl('webhook', 'http://127.0.0.1:8080/hook', true)).toBeNull()
  })

  it('knows private ranges, v4 and v6', () => {
    expect(
      ['172.16.0.1', '100.64.0.1', '0.0.0.0', '::ffff:10.0.0.1', 'fd00::1', 'fe80::1'].map(isPrivateAddress),
    ).toEqual([true, true, true, true, true, true])
    expect(['8.8.8.8', '172.32.0.1', '2402:4e00::1'].map(isPrivateAddress)).toEqual([false, false, false])
  })

  it('refuses at send time a name that resolves to this machine', async () => {
    await expect(assertPublicTarget('https://localhost:9/hook', false)).rejects.toThrow(/private/)
    await expect(assertPublicTarget('https://localhost:9/hook', true)).resolves.toBeUndefined()
  })

  it('masks the robot key when showing a URL', () => {
    expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7abc')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…bc',
    )
  })
})
