import { CopyOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/** A password or link shown this once (the server keeps only its hash), with a copy button. */
export function OneTimeSecret({
  title,
  hint,
  value,
  testId,
}: {
  title: string
  hint: string
  value: string
  testId: string
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  return (
    <Alert
      type="warning"
      showIcon
      title={title}
      description={
        <Flex vertical gap={8}>
          <Flex align="center" gap={8} wrap>
            <Typography.Text
              code
              copyable={false}
              style={{ fontSize: 20, userSelect: 'all' }}
              data-testid={testId}
            >
              {value}
            </Typography.Text>
            <Button
              icon={<CopyOutlined />}
              onClick={async () => {
                if (await copyText(value)) void message.success(t('accounts.copied'))
              }}
              data-testid={`${testId}-copy`}
            >
              {t('accounts.copy')}
            </Button>
          </Flex>
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </Flex>
      }
    />
  )
}
