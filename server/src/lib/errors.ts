import type { FieldIssue, RequestPart } from './field-errors.ts'
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
    /** For validation_failed: the fields at fault, sent with a message each in the caller's language. */
    readonly fields?: FieldIssue[],
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

/** A refused field found by a service rather than the schema, answered like a schema's (field + message). */
export function fieldError(
  part: RequestPart,
  path: Array<string | number>,
  keyword: string,
  params: Record<string, string | number> = {},
): AppError {
  return new AppError('validation_failed', {}, undefined, [{ in: part, path, keyword, params }])
}
