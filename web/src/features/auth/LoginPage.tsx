import { LockOutlined, UserOutlined } from '@ant-design/icons'
import type { LoginBody } from '@tongxin/contracts'
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { FullPageSpin } from '../../app/RequireAuth.tsx'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { useLogin, useMe } from './session.ts'

interface FromState {
  from?: { pathname?: string; search?: string; hash?: string }
}

// Only same-app paths: the state comes from history and must not become an open redirect or a loop.
function returnPath(state: unknown): string {
  const from = (state as FromState | null)?.from
  const path = from?.pathname
  if (!path?.startsWith('/') || path.startsWith('//') || path === '/login') return '/'
  return `${path}${from?.search ?? ''}${from?.hash ?? ''}`
}

export function LoginPage() {
  const { t } = useTranslation()
  const location = useLocation()
  const navigate = useNavigate()
  const me = useMe()
  const login = useLogin()
  const target = returnPath(location.state)

  if (me.isPending) return <FullPageSpin />
  if (me.data) return <Navigate to={target} replace />

  const submit = (values: LoginBody) =>
    login.mutate(values, { onSuccess: () => navigate(target, { replace: true }) })

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 16, boxSizing: 'border-box' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 960 }}>
        <LanguageSwitch size="small" />
      </Flex>
      <Flex flex={1} align="center" justify="center" style={{ width: '100%' }}>
        <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: '32px 28px' } }}>
          <Flex vertical align="center" gap={8} style={{ marginBottom: 24, textAlign: 'center' }}>
            <img src="/favicon.svg" alt="" width={48} height={48} />
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('auth.title')}</Typography.Text>
          </Flex>
          {login.error && (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              title={login.error.message}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form<LoginBody>
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            disabled={login.isPending}
          >
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input
                data-testid="login-username"
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                size="large"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('auth.passwordRequired') }]}
            >
              <Input.Password
                data-testid="login-password"
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
              />
            </Form.Item>
            <Button
              data-testid="login-submit"
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={login.isPending}
            >
              {t('auth.submit')}
            </Button>
          </Form>
        </Card>
      </Flex>
    </Flex>
  )
}
