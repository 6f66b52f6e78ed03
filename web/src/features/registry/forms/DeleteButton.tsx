import { DeleteOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import { App, Button, type ButtonProps, Popconfirm } from 'antd'
import { useTranslation } from 'react-i18next'
import { call } from '../../../lib/api.ts'
import type { DeleteRoute } from '../api.ts'
import { useInvalidateRegistry } from './useRegistrySave.ts'

/**
 * Soft delete after a confirmation. The version read is sent along, so deleting a row someone has just
 * changed is refused (409) with the server's message rather than done blind.
 */
export function DeleteButton({
  route,
  id,
  version,
  name,
  onDeleted,
  testId,
  size,
}: {
  route: DeleteRoute
  id: number
  version: number
  name: string
  onDeleted?: () => void
  testId?: string
  size?: 'small' | 'middle'
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const invalidate = useInvalidateRegistry()
  const remove = useMutation({
    mutationFn: () => call(route, { params: { id }, query: { version } }),
    onSuccess: () => {
      void message.success(t('regForms.deleted', { name }))
      onDeleted?.()
      void invalidate()
    },
    onError: (error) => {
      void message.error(error.message)
      void invalidate()
    },
  })
  return (
    <Popconfirm
      title={t('regForms.deleteConfirm', { name })}
      description={t('regForms.deleteHint')}
      okText={t('regForms.delete')}
      cancelText={t('regForms.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'delete-confirm' } as ButtonProps}
      onConfirm={() => remove.mutateAsync().catch(() => undefined)}
    >
      <Button danger size={size} icon={<DeleteOutlined />} loading={remove.isPending} data-testid={testId}>
        {t('regForms.delete')}
      </Button>
    </Popconfirm>
  )
}
