import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AccountSignupBody, Me } from '@tongxin/contracts'
import { USERNAME_PATTERN } from '@tongxin/contracts'
import { Alert, Button, Flex, Spin } from 'antd'
// antd's Input index hangs Search, Password, TextArea and OTP on Input, so importing it brings all four.
import Input from 'antd/es/input/Input'
import Password from 'antd/es/input/Password'
import dayjs from 'dayjs'
import type { TFunction } from 'i18next'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { roleName } from '../../components/grants.tsx'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { Field, fieldAria, Outcome, Panel, Text, Title } from '../../components/Light.tsx'
import '../../i18n/accounts.ts'
import { call, rememberCsrfToken } from '../../lib/api.ts'
import { ME_KEY, useMe } from '../auth/session.ts'
import { invitationKeys } from './api.ts'
import { PasswordStrength } from './PasswordStrength.tsx'

interface Values {
  username: string
  displayName: string
  phone: string
  newPassword: string
  confirm: string
}
type Problems = Partial<Record<keyof Values, string>>

const EMPTY: Values = { username: '', displayName: '', phone: '', newPassword: '', confirm: '' }
const PHONE = /^1[3-9]\d{9}$/

/**
 * The checks the page makes before sending (the server makes them all again, with the password's strength).
 * A plain <form> rather than antd's Form: its engine and validator would put this phone page over its budget.
 */
function problemsOf(v: Values, t: TFunction): Problems {
  const username = v.username.trim().toLowerCase()
  const phone = v.phone.trim()
  return {
    username: !username
      ? t('accounts.required')
      : new RegExp(USERNAME_PATTERN).test(username)
        ? undefined
        : t('accounts.usernameRule'),
    displayName: v.displayName.trim() ? undefined : t('accounts.required'),
    phone: phone && !PHONE.test(phone) ? t('accounts.phoneInvalid') : undefined,
    newPassword: v.newPassword ? undefined : t('accounts.required'),
    confirm: !v.confirm
      ? t('accounts.required')
      : v.confirm === v.newPassword
        ? undefined
        : t('accounts.password.mismatch'),
  }
}

/** The token rides in the link's fragment (/join#<token>): browsers never send it, so no log holds it. */
const tokenFromHash = () => window.location.hash.replace(/^#/, '').trim()

/** 注册: the public page an invitation link or QR code opens, made for a 390 px phone. */
export function SignupPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const me = useMe()
  const token = tokenFromHash()
  const [values, setValues] = useState<Values>(EMPTY)
  const [problems, setProblems] = useState<Problems>({})
  const info = useQuery({
    queryKey: invitationKeys.signup(token),
    queryFn: () => call('POST /api/signup/check', { body: { token } }),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  })
  const signup = useMutation<Me, Error, AccountSignupBody>({
    mutationFn: (body) => call('POST /api/signup', { body }),
    meta: { skipAuthRedirect: true },
    onSuccess: (created) => {
      rememberCsrfToken(created.csrfToken)
      queryClient.clear()
      queryClient.setQueryData(ME_KEY, created)
      const event = info.data?.event
      void navigate(event ? `/events/${event.id}` : '/', { replace: true })
    },
  })
  const edit = (field: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [field]: value }))
    // Editing a field clears its message; the next submit checks again.
    if (problems[field]) setProblems((p) => ({ ...p, [field]: undefined }))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found = problemsOf(values, t)
    setProblems(found)
    if (Object.values(found).some(Boolean) || signup.isPending) return
    signup.mutate({
      token,
      username: values.username.trim().toLowerCase(),
      displayName: values.displayName.trim(),
      password: values.newPassword,
      phone: values.phone.trim() ? values.phone.trim() : null,
    })
  }

  let body: React.ReactNode
  if (!token)
    body = <Outcome status="warning" title={t('accounts.signup.noToken')} data-testid="signup-invalid" />
  else if (info.isPending)
    body = (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    )
  else if (info.isError)
    body = <Outcome status="warning" title={info.error.message} data-testid="signup-invalid" />
  else {
    const i = info.data
    body = (
      <>
        <Flex vertical gap={4} style={{ marginBottom: 16 }} data-testid="signup-info">
          <Text strong>
            {t('accounts.signup.invitedAs', {
              inviter: i.invitedBy,
              role: roleName(t, i.role),
              scope: i.scopeName,
            })}
          </Text>
          {i.pointName && <Text>{t('accounts.signup.point', { name: i.pointName })}</Text>}
          {i.event && <Text>{t('accounts.signup.event', { title: i.event.title })}</Text>}
          {i.volunteer && <Text>{t('accounts.signup.volunteer')}</Text>}
          <Text type="secondary">
            {t('accounts.signup.expires', { time: dayjs(i.expiresAt).format('YYYY-MM-DD HH:mm') })}
          </Text>
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
        <form noValidate onSubmit={submit}>
          <Field
            id="signup-username"
            label={t('auth.username')}
            hint={t('accounts.usernameRule')}
            error={problems.username}
          >
            <Input
              {...fieldAria('signup-username', problems.username, true)}
              value={values.username}
              onChange={(e) => edit('username', e.target.value)}
              disabled={signup.isPending}
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              size="large"
              data-testid="signup-username"
            />
          </Field>
          <Field
            id="signup-name"
            label={t('accounts.displayName')}
            hint={t('accounts.signup.displayNameHint')}
            error={problems.displayName}
          >
            <Input
              {...fieldAria('signup-name', problems.displayName, true)}
              value={values.displayName}
              onChange={(e) => edit('displayName', e.target.value)}
              disabled={signup.isPending}
              autoComplete="name"
              size="large"
              maxLength={64}
              data-testid="signup-name"
            />
          </Field>
          <Field id="signup-phone" label={t('accounts.phoneOptional')} error={problems.phone}>
            <Input
              {...fieldAria('signup-phone', problems.phone)}
              value={values.phone}
              onChange={(e) => edit('phone', e.target.value)}
              disabled={signup.isPending}
              inputMode="tel"
              autoComplete="tel"
              size="large"
              maxLength={11}
              data-testid="signup-phone"
            />
          </Field>
          <Field
            id="signup-password"
            label={t('accounts.password.next')}
            hint={t('accounts.password.rule')}
            error={problems.newPassword}
          >
            <Password
              {...fieldAria('signup-password', problems.newPassword, true)}
              value={values.newPassword}
              onChange={(e) => edit('newPassword', e.target.value)}
              disabled={signup.isPending}
              prefix={<LockOutlined />}
              autoComplete="new-password"
              size="large"
              data-testid="new-password"
            />
          </Field>
          <PasswordStrength password={values.newPassword} inputs={[values.username, values.displayName]} />
          <Field id="signup-confirm" label={t('accounts.password.confirm')} error={problems.confirm}>
            <Password
              {...fieldAria('signup-confirm', problems.confirm)}
              value={values.confirm}
              onChange={(e) => edit('confirm', e.target.value)}
              disabled={signup.isPending}
              prefix={<LockOutlined />}
              autoComplete="new-password"
              size="large"
              data-testid="confirm-password"
            />
          </Field>
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
        </form>
      </>
    )
  }

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 16, boxSizing: 'border-box' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 960 }}>
        <LanguageSwitch size="small" />
      </Flex>
      {/* Light stand-ins for Card, Typography and Result: this page opens on a phone from a link or a QR code. */}
      <Panel padding="24px 20px" style={{ width: '100%', maxWidth: 440, marginTop: 8 }}>
        <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Title level={4} style={{ margin: 0 }}>
            {t('accounts.signup.title')}
          </Title>
          <Text type="secondary">{t('app.title')}</Text>
        </Flex>
        {body}
      </Panel>
    </Flex>
  )
}
