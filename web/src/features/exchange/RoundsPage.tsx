import { PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { RoundSummary } from '@tongxin/contracts'
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { call } from '../../lib/api.ts'
import { exchangeKeys } from './api.ts'
import { formatDateTime } from './shared.tsx'

export const ROUND_STATE_COLOR: Record<RoundSummary['state'], string> = {
  draft: 'default',
  proposed: 'blue',
  confirmed: 'green',
  closed: 'purple',
}

export function RoundStateTag({ round }: { round: Pick<RoundSummary, 'state' | 'solveStatus'> }) {
  const { t } = useTranslation()
  return (
    <Flex gap={4} wrap>
      <Tag color={ROUND_STATE_COLOR[round.state]} data-testid="round-state" style={{ marginInlineEnd: 0 }}>
        {t(`exchange.matching.states.${round.state}`)}
      </Tag>
      {round.solveStatus !== 'idle' && (
        <Tag color={round.solveStatus === 'failed' ? 'red' : 'processing'} style={{ marginInlineEnd: 0 }}>
          {t(`exchange.matching.solveStatus.${round.solveStatus}`)}
        </Tag>
      )}
    </Flex>
  )
}

/** 对接轮次: the rounds of the caller's areas, newest first. */
export function RoundsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const rounds = useQuery({
    queryKey: exchangeKeys.rounds(),
    queryFn: ({ signal }) => call('GET /api/matching/rounds', { signal }),
  })
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('exchange.matching.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/matching/new')}>
          {t('exchange.matching.newRound')}
        </Button>
      </Flex>
      {rounds.error && <Alert type="error" showIcon title={rounds.error.message} />}
      <Table<RoundSummary>
        rowKey="id"
        size="middle"
        loading={rounds.isLoading}
        dataSource={rounds.data?.items ?? []}
        locale={{ emptyText: t('exchange.matching.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={false}
        data-testid="rounds-table"
        columns={[
          {
            title: t('exchange.matching.columns.name'),
            dataIndex: 'name',
            render: (name: string, r) => <Link to={`/matching/${r.id}`}>{name}</Link>,
          },
          { title: t('exchange.matching.columns.area'), dataIndex: 'areaName' },
          {
            title: t('exchange.matching.columns.state'),
            render: (_, r) => <RoundStateTag round={r} />,
          },
          { title: t('exchange.matching.columns.providers'), dataIndex: 'providers', align: 'right' },
          { title: t('exchange.matching.columns.targets'), dataIndex: 'targets', align: 'right' },
          { title: t('exchange.matching.columns.agreements'), dataIndex: 'agreements', align: 'right' },
          {
            title: t('exchange.matching.columns.totalFit'),
            dataIndex: 'totalFit',
            align: 'right',
            render: (v: number | null) => v ?? '—',
          },
          {
            title: t('exchange.matching.columns.updatedAt'),
            dataIndex: 'updatedAt',
            render: (v: string) => formatDateTime(v),
          },
        ]}
      />
    </Flex>
  )
}
