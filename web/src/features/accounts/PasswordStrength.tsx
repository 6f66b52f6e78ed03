import { Flex, theme } from 'antd'
import { useTranslation } from 'react-i18next'
import { Text } from '../../components/Light.tsx'
import { usePasswordStrength } from './strength.ts'

const COLORS = ['#cf1322', '#d4380d', '#d48806', '#389e0d', '#237804']

/**
 * The strength of a new password as it is typed (same rules as the server: at least 10 characters, zxcvbn
 * score 3; the person's username and name count against it): five steps, a word, and why it is weak. Plain
 * elements rather than antd's Progress: the sign-up page opens on a phone from a link.
 */
export function PasswordStrength({ password, inputs }: { password: string; inputs: string[] }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const strength = usePasswordStrength(password, inputs)
  if (!password) return null
  const labels = t('accounts.password.strength', { returnObjects: true }) as string[]
  const lit = strength.score === null ? 0 : strength.score + 1
  const colour = strength.score === null ? undefined : COLORS[strength.score]
  return (
    <Flex vertical gap={2} style={{ marginBottom: 16 }} data-testid="password-strength">
      <Flex align="center" gap={8}>
        <Flex gap={2} aria-hidden>
          {COLORS.map((c, i) => (
            <span
              key={c}
              style={{
                width: 40,
                height: 6,
                background: i < lit && colour ? colour : token.colorFillSecondary,
              }}
            />
          ))}
        </Flex>
        <Text type="secondary" data-testid="password-strength-label">
          {strength.score === null ? t('accounts.password.checking') : labels[strength.score]}
        </Text>
      </Flex>
      {strength.hint && (
        <Text type="danger" data-testid="password-hint">
          {strength.hint}
        </Text>
      )}
    </Flex>
  )
}
