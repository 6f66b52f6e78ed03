import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ChangePasswordBody } from '@tongxin/contracts'
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { call } from '../../lib/api.ts'
import { ME_KEY, takeTemporaryPassword, useLogout, useSession } from '../auth/session.ts'
import { NewPasswordFields } from './NewPasswordFields.tsx'

interface Values {
  currentPassword: string
  newPassword: string
  confirm: string
}

function useChangePassword() {
  const queryClient = useQueryClient()
  return useMutation<unknown, Error, ChangePasswordBody>({
    mutationFn: (body) => call('POST /api/auth/password', { body }),
    // A wrong current password is a 400, never a reason to leave the page.
    meta: { skipAuthRedirect: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  })
}

function PasswordForm({ forced, onDone }: { forced: boolean; onDone: () => void }) {
  const { t } = useTranslation()
  const me = useSession()
  const change = useChangePassword()
  const [form] = Form.useForm<Values>()
  // The temporary password just typed at login, kept in memory only, so the person need not type it twice.
  const [remembered] = useState(() => (forced ? takeTemporaryPassword() : null))
  const submit = (v: Values) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.resetFields()
          onDone()
        },
      },
    )
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      disabled={change.isPending}
      initialValues={{ currentPassword: remembered ?? undefined }}
    >
      {change.error && (
        <Alert
          type="error"
          showIcon
          title={change.error.message}
          style={{ marginBottom: 16 }}
          data-testid="password-error"
        />
      )}
      <Form.Item
        name="currentPassword"
        label={forced ? t('accounts.password.currentTemp') : t('accounts.password.current')}
        rules={[{ required: true, message: t('accounts.required') }]}
        hidden={remembered !== null}
      >
        <Input.Password autoComplete="current-password" size="large" data-testid="current-password" />
      </Form.Item>
      <NewPasswordFields inputs={[me.account.username, me.account.displayName]} />
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={change.isPending}
        data-testid="password-submit"
      >
        {t('accounts.password.submit')}
      </Button>
    </Form>
  )
}

/** 修改密码: reachable from the user menu. */
export function ChangePasswordPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  return (
    <Flex vertical gap={16} style={{ maxWidth: 480 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('accounts.password.title')}
      </Typography.Title>
      <Card>
        <PasswordForm forced={false} onDone={() => void message.success(t('accounts.password.done'))} />
      </Card>
    </Flex>
  )
}

/**
 * Shown instead of the app while the session's password was set by someone else; the server refuses every
 * other route meanwhile (password_change_required), so this page is the only way on.
 */
export function ForcedPasswordPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const logout = useLogout()
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 16, boxSizing: 'border-box' }}>
      <Flex justify="space-between" style={{ width: '100%', maxWidth: 960 }}>
        <Button
          size="small"
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
          data-testid="forced-logout"
        >
          {t('auth.logout')}
        </Button>
        <LanguageSwitch size="small" />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 420, marginTop: 24 }} data-testid="forced-password">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('accounts.password.forcedTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('accounts.password.forcedHint')}</Typography.Paragraph>
        <PasswordForm forced onDone={() => navigate('/', { replace: true })} />
      </Card>
    </Flex>
  )
}
