import type { Locale } from './locale.ts'

/**
 * A module's own error codes: each with its HTTP status and its message in both languages. Modules keep
 * their catalogue next to their code; lib/messages.ts and plugins/errors.ts merge them, so codes and statuses
 * still live in one table at run time.
 */
export type ErrorCatalog = Record<string, { status: number } & Record<Locale, string>>

export function messagesOf<C extends ErrorCatalog>(catalog: C): { [K in keyof C]: Record<Locale, string> } {
  return Object.fromEntries(
    Object.entries(catalog).map(([code, e]) => [code, { 'zh-CN': e['zh-CN'], 'en-US': e['en-US'] }]),
  ) as { [K in keyof C]: Record<Locale, string> }
}

export function statusesOf<C extends ErrorCatalog>(catalog: C): { [K in keyof C]: number } {
  return Object.fromEntries(Object.entries(catalog).map(([code, e]) => [code, e.status])) as {
    [K in keyof C]: number
  }
}
