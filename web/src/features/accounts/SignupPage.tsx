import { UserOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AccountSignupBody, Me, SignupInfo } from '@tongxin/contracts'
import { USERNAME_PATTERN } from '@tongxin/contracts'
import { Alert, Button, Card, Flex, Form, Input, Result, Skeleton, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { roleName } from '../../components/grants.tsx'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import '../../i18n/accounts.ts'
import { api, rememberCsrfToken } from '../../lib/api.ts'
import { ME_KEY, useMe } from '../auth/session.ts'
import { NewPasswordFields } from './NewPasswordFields.tsx'

interface Values {
  username: string
  displayName: string
  phone?: string
  newPassword: string
  confirm: string
}

/** The token rides in the link's fragment (/join#<token>): browsers never send it, so no log holds it. */
const tokenFromHash = () => window.location.hash.replace(/^#/, '').trim()

/** 注册: the public page an invitation link or QR code opens, made for a 390 px phone. */
export function SignupPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const me = useMe()
  const [form] = Form.useForm<Values>()
  const token = tokenFromHash()
  const username: string = Form.useWatch('username', form) ?? ''
  const displayName: string = Form.useWatch('displayName', form) ?? ''
  const info = useQuery({
    queryKey: ['signup', token],
    queryFn: () => api<SignupInfo>('/api/signup/check', { method: 'POST', body: { token } }),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  })
  const signup = useMutation<Me, Error, AccountSignupBody>({
    mutationFn: (body) => api<Me>('/api/signup', { method: 'POST', body }),
    meta: { skipAuthRedirect: true },
    onSuccess: (created) => {
      rememberCsrfToken(created.csrfToken)
      queryClient.clear()
      queryClient.setQueryData(ME_KEY, created)
      const event = info.data?.event
      navigate(event ? `/events/${event.id}` : '/', { replace: true })
    },
  })
  const submit = (v: Values) =>
    signup.mutate({
      token,
      username: v.username.trim().toLowerCase(),
      displayName: v.displayName.trim(),
      password: v.newPassword,
      phone: v.phone?.trim() ? v.phone.trim() : null,
    })

  let body: React.ReactNode
  if (!token)
    body = <Result status="warning" title={t('accounts.signup.noToken')} data-testid="signup-invalid" />
  else if (info.isPending) body = <Skeleton active />
  else if (info.isError)
    body = <Result status="warning" title={info.error.message} data-testid="signup-invalid" />
  else {
    const i = info.data
    body = (
      <>
        <Flex vertical gap={4} style={{ marginBottom: 16 }} data-testid="signup-info">
          <Typography.Text strong>
            {t('accounts.signup.invitedAs', {
              inviter: i.invitedBy,
              role: roleName(t, i.role),
              scope: i.scopeName,
            })}
          </Typography.Text>
          {i.pointName && (
            <Typography.Text>{t('accounts.signup.point', { name: i.pointName })}</Typography.Text>
          )}
          {i.event && (
            <Typography.Text>{t('accounts.signup.event', { title: i.event.title })}</Typography.Text>
          )}
          {i.volunteer && <Typography.Text>{t('accounts.signup.volunteer')}</Typography.Text>}
          <Typography.Text type="secondary">
            {t('accounts.signup.expires', { time: dayjs(i.expiresAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
        </Flex>
        {me.data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('accounts.signup.signedIn', { name: me.data.account.displayName })}
          />
        )}
        {signup.error && (
          <Alert
            type="error"
            showIcon
            title={signup.error.message}
            style={{ marginBottom: 16 }}
            data-testid="signup-error"
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          disabled={signup.isPending}
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
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
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              size="large"
              data-testid="signup-username"
            />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('accounts.displayName')}
            extra={t('accounts.signup.displayNameHint')}
            rules={[{ required: true, whitespace: true, message: t('accounts.required') }, { max: 64 }]}
          >
            <Input autoComplete="name" size="large" data-testid="signup-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('accounts.phoneOptional')}
            rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('accounts.phoneInvalid') }]}
          >
            <Input
              inputMode="tel"
              autoComplete="tel"
              size="large"
              maxLength={11}
              data-testid="signup-phone"
            />
          </Form.Item>
          <NewPasswordFields inputs={[username, displayName]} />
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={signup.isPending}
            data-testid="signup-submit"
          >
            {t('accounts.signup.submit')}
          </Button>
        </Form>
      </>
    )
  }

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 16, boxSizing: 'border-box' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 960 }}>
        <LanguageSwitch size="small" />
      </Flex>
      <Card
        style={{ width: '100%', maxWidth: 440, marginTop: 8 }}
        styles={{ body: { padding: '24px 20px' } }}
      >
        <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('accounts.signup.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.title')}</Typography.Text>
        </Flex>
        {body}
      </Card>
    </Flex>
  )
}
