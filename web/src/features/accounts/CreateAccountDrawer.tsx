import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { CreateAccountBody, CreatedAccount } from '@tongxin/contracts'
import { USERNAME_PATTERN } from '@tongxin/contracts'
import { Alert, Button, Drawer, Flex, Form, Input, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { accountKeys } from './api.ts'
import { completeGrants, type DraftGrant, GrantEditor } from './GrantEditor.tsx'
import { OneTimeSecret } from './OneTimeSecret.tsx'

interface Values {
  username: string
  displayName: string
  phone?: string
}

/** 新建账号: the server generates the first password, shown here once. */
export function CreateAccountDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [grants, setGrants] = useState<DraftGrant[]>([{ role: 'member', scopeType: 'area', scopeId: null }])
  const create = useMutation<CreatedAccount, Error, CreateAccountBody>({
    mutationFn: (body) => call('POST /api/accounts', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all() }),
  })
  const close = () => {
    form.resetFields()
    setGrants([{ role: 'member', scopeType: 'area', scopeId: null }])
    create.reset()
    onClose()
  }
  const created = create.data
  return (
    <Drawer
      title={t('accounts.createTitle')}
      open={open}
      onClose={close}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
    >
      {created?.temporary ? (
        <Flex vertical gap={16} data-testid="account-created">
          <Typography.Text strong>
            {created.username} · {created.displayName}
          </Typography.Text>
          <OneTimeSecret
            title={t('accounts.tempTitle')}
            hint={t('accounts.tempHint', {
              time: dayjs(created.temporary.expiresAt).format('YYYY-MM-DD HH:mm'),
            })}
            value={created.temporary.temporaryPassword}
            testId="temp-password"
          />
          <Button type="primary" onClick={close}>
            {t('accounts.done')}
          </Button>
        </Flex>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={create.isPending}
          onFinish={(v) =>
            create.mutate({
              username: v.username.trim().toLowerCase(),
              displayName: v.displayName.trim(),
              phone: v.phone?.trim() ? v.phone.trim() : null,
              grants: completeGrants(grants),
            })
          }
        >
          <Typography.Paragraph type="secondary">{t('accounts.createHint')}</Typography.Paragraph>
          {create.error && (
            <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 16 }} />
          )}
          <Form.Item
            name="username"
            label={t('accounts.username')}
            extra={t('accounts.usernameRule')}
            rules={[
              { required: true, message: t('accounts.required') },
              {
                pattern: new RegExp(USERNAME_PATTERN),
                message: t('accounts.usernameRule'),
                transform: (v: string) => v?.trim().toLowerCase(),
              },
            ]}
          >
            <Input autoCapitalize="none" spellCheck={false} data-testid="create-username" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('accounts.displayName')}
            rules={[{ required: true, whitespace: true, message: t('accounts.required') }]}
          >
            <Input data-testid="create-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('accounts.phoneOptional')}
            rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('accounts.phoneInvalid') }]}
          >
            <Input inputMode="tel" maxLength={11} />
          </Form.Item>
          <Form.Item label={t('accounts.grants')} required>
            <GrantEditor value={grants} onChange={setGrants} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            block
            data-testid="create-submit"
          >
            {t('accounts.save')}
          </Button>
        </Form>
      )}
    </Drawer>
  )
}
