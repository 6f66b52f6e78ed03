import { CheckCircleOutlined, GiftOutlined, ThunderboltOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { Need } from '@tongxin/contracts'
import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../lib/api.ts'
import { exchangeKeys } from './api.ts'
import { NeedCard } from './NeedCard.tsx'
import { useNeedAction } from './shared.tsx'

/**
 * 认领心愿: a member's or a firm's desk for small wishes — open wishes in their areas (contact masked until
 * they claim) and the ones they hold. Claiming and delivering are the need's own actions; the wisher
 * confirms on their needs page.
 */
export function WishDeskPage() {
  const { t } = useTranslation()
  const desk = useQuery({
    queryKey: exchangeKeys.wishDesk(),
    queryFn: ({ signal }) => call('GET /api/wishes/desk', { signal }),
  })
  const action = useNeedAction({ successMessage: (b) => t(`exchange.actions.done.${b.action}`) })
  const list = (items: Need[], testId: string, buttons: (n: Need) => React.ReactNode) =>
    items.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exchange.wish.deskEmpty')} />
    ) : (
      <Flex vertical gap={8} data-testid={testId}>
        {items.map((n) => (
          <NeedCard key={n.id} need={n} to="/wishes" testId="wish-desk-card" actions={buttons(n)} />
        ))}
      </Flex>
    )
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('exchange.wish.deskTitle')}
        </Typography.Title>
        <Link to="/my-needs/new?kind=wish">
          <Button icon={<GiftOutlined />}>{t('exchange.wish.post')}</Button>
        </Link>
      </Flex>
      {desk.isPending && <Spin />}
      {desk.error && <Alert type="error" showIcon title={desk.error.message} />}
      {desk.data && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('exchange.wish.deskOpen')}
          </Typography.Title>
          {list(desk.data.open, 'wish-desk-open', (n) => (
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={action.isPending}
              data-testid="wish-claim"
              onClick={() => action.mutate({ id: n.id, body: { action: 'claim' } })}
            >
              {t('exchange.wish.claim')}
            </Button>
          ))}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('exchange.wish.deskMine')}
          </Typography.Title>
          {list(desk.data.mine, 'wish-desk-mine', (n) =>
            n.state === 'accepted' || n.state === 'in_progress' ? (
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                loading={action.isPending}
                data-testid="wish-deliver"
                onClick={() => action.mutate({ id: n.id, body: { action: 'deliver' } })}
              >
                {t('exchange.wish.deliver')}
              </Button>
            ) : null,
          )}
        </>
      )}
    </Flex>
  )
}
