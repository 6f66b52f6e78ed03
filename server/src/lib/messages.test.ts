import { describe, expect, it } from 'vitest'
import { formatMessage } from './errors.ts'
import { localeFromHeader, messages } from './messages.ts'

describe('localeFromHeader', () => {
  it('defaults to Chinese', () => {
    expect(localeFromHeader(undefined)).toBe('zh-CN')
    expect(localeFromHeader('fr-FR')).toBe('zh-CN')
  })
  it('honours the preferred language and q-values', () => {
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en-US')
    expect(localeFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN')
    expect(localeFromHeader('zh;q=0.2, en;q=0.8')).toBe('en-US')
    expect(localeFromHeader('fr, en-GB;q=0.5')).toBe('en-US')
  })
})

describe('messages', () => {
  it('has both languages for every code and fills parameters', () => {
    for (const [code, text] of Object.entries(messages)) {
      expect(text['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/)
      expect(text['en-US'], code).toMatch(/^[\x20-\x7e]+$/)
    }
    expect(formatMessage('login_locked', 'en-US', { minutes: 15 })).toBe(
      'Too many failed logins; try again in 15 minutes',
    )
  })
})

describe('module error catalogues', () => {
  it('never define a code twice (a later catalogue would silently replace the earlier message)', async () => {
    const { coreMessages } = await import('./messages.ts')
    const { MODULE_ERROR_CATALOGUES } = await import('./module-errors.ts')
    const seen = new Map<string, string>(Object.keys(coreMessages).map((code) => [code, 'core']))
    for (const [name, catalogue] of Object.entries(MODULE_ERROR_CATALOGUES))
      for (const code of Object.keys(catalogue)) {
        expect(seen.get(code), `${code} in ${name}`).toBeUndefined()
        seen.set(code, name)
      }
  })
})
