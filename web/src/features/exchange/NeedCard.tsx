import { EnvironmentOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons'
import type { Need } from '@tongxin/contracts'
import { Card, Flex, Rate, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatDateTime, NeedMarkers, NeedStateTag, needPlace, SlaCountdown } from './shared.tsx'

/** One need as a card: what, where, who to call, the clock; `actions` for the viewer's buttons. */
export function NeedCard({
  need,
  to,
  actions,
  showContact = true,
  due,
  testId = 'need-card',
}: {
  need: Need
  /** The need's page for this viewer. */
  to: string
  actions?: ReactNode
  showContact?: boolean
  due?: 'response' | 'resolution'
  testId?: string
}) {
  const { t } = useTranslation()
  return (
    <Card size="small" data-testid={testId} data-need-id={need.id} styles={{ body: { padding: 12 } }}>
      <Flex vertical gap={6} style={{ minWidth: 0 }}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Link to={to} style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              {need.categoryName}
            </Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              #{need.id}
            </Typography.Text>
          </Link>
          <Flex gap={4} wrap justify="flex-end" style={{ flex: 'none' }}>
            <NeedMarkers need={need} />
            <NeedStateTag state={need.state} />
          </Flex>
        </Flex>
        <Typography.Paragraph
          ellipsis={{ rows: 2 }}
          style={{ margin: 0, overflowWrap: 'anywhere' }}
          data-testid="need-description"
        >
          {need.description}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 13, overflowWrap: 'anywhere' }}>
          <EnvironmentOutlined /> {needPlace(t, need)}
        </Typography.Text>
        {showContact && (need.contactName || need.contactPhone) && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="need-contact">
            <UserOutlined /> {need.contactName ?? '—'}
            {need.contactPhone && (
              <>
                {'  '}
                <PhoneOutlined /> {need.contactPhone}
              </>
            )}
          </Typography.Text>
        )}
        {need.providerName && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('exchange.need.provider')}
            {t('exchange.offering.colon')}
            {need.providerName}
          </Typography.Text>
        )}
        {need.rating !== null && (
          <Flex gap={6} align="center" wrap>
            <Rate disabled value={need.rating} style={{ fontSize: 14 }} />
            {need.ratingComment && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {need.ratingComment}
              </Typography.Text>
            )}
          </Flex>
        )}
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('exchange.need.submittedAt', { time: formatDateTime(need.submittedAt) })}
          </Typography.Text>
          <SlaCountdown need={need} due={due} />
        </Flex>
        {actions && (
          <Flex gap={8} wrap justify="flex-end">
            {actions}
          </Flex>
        )}
      </Flex>
    </Card>
  )
}
