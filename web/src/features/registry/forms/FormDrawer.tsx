import { Alert, Button, Drawer, Flex } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PHONE_QUERY, useMediaQuery } from '../../../lib/useMediaQuery.ts'

/**
 * The shell of every registry form: a drawer that takes the whole screen on a phone, the stale-save notice
 * with its "load the latest" button, other server refusals, and Cancel / Save at the bottom.
 */
export function FormDrawer({
  open,
  title,
  testId,
  onClose,
  onSubmit,
  save,
  latest,
  children,
}: {
  open: boolean
  title: string
  testId: string
  onClose: () => void
  onSubmit: () => void
  /** From useRegistrySave: whether a save runs, a stale save's message, another refusal. */
  save: { saving: boolean; conflict: string | null; problem: string | null; clearConflict: () => void }
  /** From useLatest: how to load the row as someone else saved it (edit forms only). */
  latest?: { reload?: () => Promise<boolean>; reloading: boolean }
  children: ReactNode
}) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const { saving, conflict, problem } = save
  const reload = latest?.reload
  const onReload = reload && (() => void reload().then((ok) => ok && save.clearConflict()))
  const reloading = latest?.reloading
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
      data-testid={testId}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('regForms.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSubmit} data-testid={`${testId}-save`}>
            {t('regForms.save')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {conflict && (
          <Alert
            type="warning"
            showIcon
            data-testid="conflict-alert"
            title={conflict}
            description={
              <Flex vertical gap={8} align="flex-start">
                <span>{t('regForms.conflictHint')}</span>
                {onReload && (
                  <Button size="small" loading={reloading} onClick={onReload} data-testid="conflict-reload">
                    {t('regForms.reloadLatest')}
                  </Button>
                )}
              </Flex>
            }
          />
        )}
        {problem && <Alert type="error" showIcon data-testid="form-error" title={problem} />}
        {children}
      </Flex>
    </Drawer>
  )
}
