import { ReloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { Need } from '@tongxin/contracts'
import { Alert, Badge, Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Typography } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { useSession } from '../auth/session.ts'
import { exchangeKeys } from './api.ts'
import { NeedCard } from './NeedCard.tsx'
import { ProviderActions } from './ProviderActions.tsx'

function Section({
  title,
  hint,
  needs,
  testId,
  render,
}: {
  title: string
  hint: string
  needs: Need[]
  testId: string
  render: (n: Need) => ReactNode
}) {
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Flex gap={8} align="center">
          {title}
          <Badge count={needs.length} showZero color={needs.length ? '#c8161d' : '#bfbfbf'} />
        </Flex>
      }
      styles={{ body: { padding: 8 } }}
    >
      <Typography.Paragraph type="secondary" style={{ margin: '0 4px 8px', fontSize: 12 }}>
        {hint}
      </Typography.Paragraph>
      {needs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Flex vertical gap={8}>
          {needs.map(render)}
        </Flex>
      )}
    </Card>
  )
}

/** 接单台: the open needs this provider may take (contact masked) and the orders it holds, each on a clock. */
export function OrderDeskPage() {
  const { t } = useTranslation()
  const me = useSession()
  const units = me.grants.filter((g) => g.role === 'provider' && g.scopeType === 'unit' && g.scopeId)
  const [unitId, setUnitId] = useState<number | undefined>(units[0] ? Number(units[0].scopeId) : undefined)
  const desk = useQuery({
    queryKey: exchangeKeys.orderDesk(),
    queryFn: ({ signal }) => call('GET /api/needs/orders', { signal }),
    // New needs arrive without anyone pressing a button.
    refetchInterval: 60_000,
  })

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('exchange.desk.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          {units.length > 1 && (
            <Select<number>
              aria-label={t('exchange.desk.unit')}
              value={unitId}
              onChange={setUnitId}
              style={{ minWidth: 220 }}
              options={units.map((g) => ({ value: Number(g.scopeId), label: g.scopeName ?? g.scopeId }))}
            />
          )}
          <Button
            icon={<ReloadOutlined />}
            loading={desk.isFetching}
            onClick={() => void desk.refetch()}
            data-testid="desk-refresh"
          >
            {t('exchange.desk.refresh')}
          </Button>
        </Flex>
      </Flex>
      {units.length === 1 && (
        <Typography.Text type="secondary">
          {t('exchange.desk.asUnit', { unit: units[0]!.scopeName })}
        </Typography.Text>
      )}
      {units.length === 0 && <Alert type="info" showIcon title={t('exchange.desk.noUnit')} />}
      {desk.error && <Alert type="error" showIcon title={desk.error.message} />}
      {desk.isPending ? (
        <Skeleton active />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Section
              testId="desk-open"
              title={t('exchange.desk.open')}
              hint={t('exchange.desk.openHint')}
              needs={desk.data?.open ?? []}
              render={(n) => (
                <NeedCard
                  key={n.id}
                  need={n}
                  to={`/orders/${n.id}`}
                  testId="desk-need"
                  actions={
                    <ProviderActions need={n} held={false} unitId={units.length > 1 ? unitId : undefined} />
                  }
                />
              )}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Section
              testId="desk-mine"
              title={t('exchange.desk.mine')}
              hint={t('exchange.desk.mineHint')}
              needs={desk.data?.mine ?? []}
              render={(n) => (
                <NeedCard
                  key={n.id}
                  need={n}
                  to={`/orders/${n.id}`}
                  testId="desk-need"
                  actions={<ProviderActions need={n} held unitId={units.length > 1 ? unitId : undefined} />}
                />
              )}
            />
          </Col>
        </Row>
      )}
    </Flex>
  )
}
