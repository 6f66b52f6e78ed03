import { LockOutlined, UserOutlined } from '@ant-design/icons'
import type { LoginBody } from '@tongxin/contracts'
import { Alert, Button, Flex } from 'antd'
// antd's Input index hangs Search, Password, TextArea and OTP on Input, so importing it brings all four.
import Input from 'antd/es/input/Input'
import Password from 'antd/es/input/Password'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { BootSkeleton } from '../../app/BootSkeleton.tsx'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { Field, fieldAria, Panel, Text, Title } from '../../components/Light.tsx'
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

type Problems = Partial<Record<keyof LoginBody, string>>

// A plain <form> rather than antd's Form: two required fields do not need its engine and validator, which
// were a sixth of the login page's JavaScript on a phone's first visit.
export function LoginPage() {
  const { t } = useTranslation()
  const location = useLocation()
  const navigate = useNavigate()
  const me = useMe()
  const login = useLogin()
  const target = returnPath(location.state)
  const [values, setValues] = useState<LoginBody>({ username: '', password: '' })
  const [problems, setProblems] = useState<Problems>({})

  if (me.isPending) return <BootSkeleton />
  if (me.data) return <Navigate to={target} replace />

  const edit = (field: keyof LoginBody, value: string) => {
    setValues((v) => ({ ...v, [field]: value }))
    // Editing a field clears its message; the next submit checks again.
    if (problems[field]) setProblems((p) => ({ ...p, [field]: undefined }))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found: Problems = {
      username: values.username.trim() ? undefined : t('auth.usernameRequired'),
      password: values.password ? undefined : t('auth.passwordRequired'),
    }
    setProblems(found)
    if (found.username || found.password || login.isPending) return
    login.mutate(values, { onSuccess: () => navigate(target, { replace: true }) })
  }

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 16, boxSizing: 'border-box' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 960 }}>
        <LanguageSwitch size="small" />
      </Flex>
      <Flex flex={1} align="center" justify="center" style={{ width: '100%' }}>
        <Panel padding="32px 28px" style={{ width: '100%', maxWidth: 400 }}>
          <Flex vertical align="center" gap={8} style={{ marginBottom: 24, textAlign: 'center' }}>
            <img src="/favicon.svg" alt="" width={48} height={48} />
            <Title level={3} style={{ margin: 0 }}>
              {t('app.title')}
            </Title>
            <Text type="secondary">{t('auth.title')}</Text>
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
          <form noValidate onSubmit={submit}>
            <Field id="login-username" label={t('auth.username')} error={problems.username}>
              <Input
                {...fieldAria('login-username', problems.username)}
                data-testid="login-username"
                value={values.username}
                onChange={(e) => edit('username', e.target.value)}
                disabled={login.isPending}
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                size="large"
              />
            </Field>
            <Field id="login-password" label={t('auth.password')} error={problems.password}>
              <Password
                {...fieldAria('login-password', problems.password)}
                data-testid="login-password"
                value={values.password}
                onChange={(e) => edit('password', e.target.value)}
                disabled={login.isPending}
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
              />
            </Field>
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
          </form>
        </Panel>
      </Flex>
    </Flex>
  )
}
