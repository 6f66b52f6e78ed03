import { type Locale, messages } from './messages.ts'

export type ErrorCode = keyof typeof messages

/** A parameter is plain, or worded per language (e.g. the name of the kind of record). */
export type MessageParam = string | number | Record<Locale, string>
export type MessageParams = Record<string, MessageParam>

/** The one error type services throw; the HTTP status for each code is set in plugins/errors.ts only. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: MessageParams = {},
    readonly details?: unknown,
  ) {
    super(code)
    this.name = 'AppError'
  }

  localized(locale: Locale): string {
    return formatMessage(this.code, locale, this.params)
  }
}

export function formatMessage(code: ErrorCode, locale: Locale, params: MessageParams = {}): string {
  const template = messages[code][locale]
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key]
    if (value === undefined) return `{${key}}`
    return typeof value === 'object' ? value[locale] : String(value)
  })
}
