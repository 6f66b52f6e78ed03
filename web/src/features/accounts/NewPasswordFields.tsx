import { LockOutlined } from '@ant-design/icons'
import { Flex, Form, Input, Progress, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { usePasswordStrength } from './strength.ts'

const COLORS = ['#cf1322', '#d4380d', '#d48806', '#389e0d', '#237804']

/**
 * New password and its confirmation, with the strength shown as one types (same rules as the server: at
 * least 10 characters, zxcvbn score 3; the person's username and name count against it).
 */
export function NewPasswordFields({ inputs }: { inputs: string[] }) {
  const { t } = useTranslation()
  const form = Form.useFormInstance()
  const password: string = Form.useWatch('newPassword', form) ?? ''
  const strength = usePasswordStrength(password, inputs)
  const labels = t('accounts.password.strength', { returnObjects: true }) as string[]
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('accounts.password.next')}
        extra={t('accounts.password.rule')}
        rules={[{ required: true, message: t('accounts.required') }]}
        style={{ marginBottom: 8 }}
      >
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="new-password"
          size="large"
          data-testid="new-password"
        />
      </Form.Item>
      {password && (
        <Flex vertical gap={2} style={{ marginBottom: 16 }} data-testid="password-strength">
          <Flex align="center" gap={8}>
            <Progress
              steps={5}
              size={[40, 6]}
              percent={strength.score === null ? 0 : ((strength.score + 1) / 5) * 100}
              strokeColor={strength.score === null ? undefined : COLORS[strength.score]}
              showInfo={false}
            />
            <Typography.Text type="secondary" data-testid="password-strength-label">
              {strength.score === null ? t('accounts.password.checking') : labels[strength.score]}
            </Typography.Text>
          </Flex>
          {strength.hint && (
            <Typography.Text type="danger" data-testid="password-hint">
              {strength.hint}
            </Typography.Text>
          )}
        </Flex>
      )}
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
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="new-password"
          size="large"
          data-testid="confirm-password"
        />
      </Form.Item>
    </>
  )
}
