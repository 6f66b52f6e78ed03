import { LockOutlined } from '@ant-design/icons'
import { Form } from 'antd'
// antd's Input index hangs Search, Password, TextArea and OTP on Input, so importing it brings all four.
import Password from 'antd/es/input/Password'
import { useTranslation } from 'react-i18next'
import { PasswordStrength } from './PasswordStrength.tsx'

/**
 * New password and its confirmation in an antd Form (the change-password pages), with the strength shown as
 * one types. The sign-up page has its own plain fields and shares PasswordStrength.
 */
export function NewPasswordFields({ inputs }: { inputs: string[] }) {
  const { t } = useTranslation()
  const form = Form.useFormInstance()
  const password: string = Form.useWatch('newPassword', form) ?? ''
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('accounts.password.next')}
        extra={t('accounts.password.rule')}
        rules={[{ required: true, message: t('accounts.required') }]}
        style={{ marginBottom: 8 }}
      >
        <Password
          prefix={<LockOutlined />}
          autoComplete="new-password"
          size="large"
          data-testid="new-password"
        />
      </Form.Item>
      <PasswordStrength password={password} inputs={inputs} />
      <Form.Item
        name="confirm"
        label={t('accounts.password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('accounts.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('accounts.password.mismatch'))),
          }),
        ]}
      >
        <Password
          prefix={<LockOutlined />}
          autoComplete="new-password"
          size="large"
          data-testid="confirm-password"
        />
      </Form.Item>
    </>
  )
}
