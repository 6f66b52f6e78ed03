import type { FieldError } from '@tongxin/contracts'
import type { FormInstance } from 'antd'
import { ApiError } from './api.ts'

type NamePath = string | (string | number)[]

/**
 * Puts the server's field messages (validation_failed) on the form's own fields. `names` maps an API field
 * (`grants[0].scopeType`) to the form's name where they differ; otherwise the API path is the form's name.
 * Returns the field errors no shown field could carry, for a summary above the form.
 */
export function placeFieldErrors(
  // biome-ignore lint/suspicious/noExplicitAny: each form has its own values type.
  form: FormInstance<any>,
  error: unknown,
  names: Partial<Record<string, NamePath>> = {},
): { placed: number; rest: FieldError[] } {
  if (!(error instanceof ApiError) || error.fields.length === 0) return { placed: 0, rest: [] }
  const shown = new Set(form.getFieldsError().map((f) => f.name.join('.')))
  const placed: { name: (string | number)[]; errors: string[] }[] = []
  const rest: FieldError[] = []
  for (const f of error.fields) {
    const name = [names[f.field] ?? f.path].flat()
    if (f.in === 'body' && shown.has(name.join('.'))) placed.push({ name, errors: [f.message] })
    else rest.push(f)
  }
  if (placed.length > 0) {
    form.setFields(placed)
    void form.scrollToField(placed[0]!.name)
  }
  return { placed: placed.length, rest }
}
