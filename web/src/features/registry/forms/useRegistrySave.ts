import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, type FormInstance } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../lib/api.ts'
import { placeFieldErrors } from '../../../lib/form-errors.ts'

/** Which form field a server error code belongs to; the rest are shown above the form. */
export type FieldMap = Partial<Record<string, string | (string | number)[]>>

/** Every cached registry figure may change with one save; the session itself does not. */
export function useInvalidateRegistry() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' })
}

/**
 * One save of a registry form. A stale version (409 version_conflict) is kept apart so the form can offer
 * to load the latest values instead of overwriting them; errors the server ties to a field are shown on it.
 */
export function useRegistrySave<R>({
  form,
  send,
  fields,
  onSaved,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: each form has its own values type.
  form: FormInstance<any>
  send: () => Promise<R>
  fields: FieldMap
  onSaved: (result: R) => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const invalidate = useInvalidateRegistry()
  const [conflict, setConflict] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const mutation = useMutation({
    mutationFn: send,
    onMutate: () => {
      setConflict(null)
      setProblem(null)
    },
    onSuccess: (result) => {
      void message.success(t('common.saved'))
      void invalidate()
      onSaved(result)
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        setConflict(error.message)
        return
      }
      // A refusal by field (validation_failed) goes onto those fields; a summary only for what has no field.
      const byField = placeFieldErrors(form, error)
      if (byField.placed > 0) {
        if (byField.rest.length > 0) setProblem(error.message)
        return
      }
      const field = error instanceof ApiError ? fields[error.code] : undefined
      // Only fields the form shows can carry the message (a chief's unit form has no area field).
      const shown =
        field !== undefined &&
        form.getFieldsError().some((f) => f.name.join('.') === [field].flat().join('.'))
      if (field && shown) {
        form.setFields([{ name: field, errors: [error.message] }])
        void form.scrollToField(field)
      } else setProblem(error.message)
    },
  })
  return {
    save: () => mutation.mutate(),
    saving: mutation.isPending,
    conflict,
    problem,
    clearConflict: () => setConflict(null),
  }
}

/**
 * The version an edit form sends back, and a way to load the row's latest state after a stale save: the
 * user sees what the other person saved and decides again, nothing is overwritten behind their back.
 */
export function useLatest<T extends { version: number }>(
  initial: T | null | undefined,
  fetchLatest: (() => Promise<T>) | undefined,
  apply: (row: T) => void,
) {
  const { message } = App.useApp()
  const [version, setVersion] = useState(initial?.version)
  const [reloading, setReloading] = useState(false)
  const reload = fetchLatest
    ? async () => {
        setReloading(true)
        try {
          const row = await fetchLatest()
          apply(row)
          setVersion(row.version)
          return true
        } catch (error) {
          void message.error((error as Error).message)
          return false
        } finally {
          setReloading(false)
        }
      }
    : undefined
  return { version, reload, reloading }
}
