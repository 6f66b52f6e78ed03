import { type Locale, messages } from './messages.ts'

export type ErrorCode = keyof typeof messages

/** The one error type services throw; the HTTP status for each code is set in plugins/errors.ts only. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code)
    this.name = 'AppError'
  }

  localized(locale: Locale): string {
    return formatMessage(this.code, locale, this.params)
  }
}

export function formatMessage(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  const template = messages[code][locale]
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`))
}
