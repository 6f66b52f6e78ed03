import { ApartmentOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { JointBranchProposal } from '@tongxin/contracts'
import { Alert, Card, Col, Empty, Flex, List, Row, Skeleton, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LoadError } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'

function ProposalCard({ proposal, n }: { proposal: JointBranchProposal; n: number }) {
  const { t } = useTranslation()
  return (
    <Card
      size="small"
      data-testid="proposal"
      style={{ height: '100%' }}
      title={
        <Flex gap={8} align="center">
          <ApartmentOutlined />
          {t('gaps.proposals.proposal', { n })}
        </Flex>
      }
      extra={<Tag color="red">{t('gaps.proposals.members', { count: proposal.members })}</Tag>}
    >
      <Flex vertical gap={8}>
        {proposal.buildingId && <Link to={`/buildings/${proposal.buildingId}`}>{proposal.buildingName}</Link>}
        <List
          size="small"
          dataSource={proposal.units}
          renderItem={(u) => (
            <List.Item key={u.id} style={{ paddingInline: 0 }}>
              <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Link to={`/units/${u.id}`}>{u.name}</Link>
                  {u.industry && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {u.industry}
                    </Typography.Text>
                  )}
                </Flex>
                <Typography.Text type="secondary" style={{ flex: 'none' }}>
                  {t('gaps.proposals.unitMembers', { count: u.members })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('gaps.proposals.reason', { reason: proposal.reason })}
        </Typography.Text>
      </Flex>
    </Card>
  )
}

/** 组建建议: small units grouped into proposed joint branches, and those left to place by hand. */
export function Proposals({ area }: { area: string | undefined }) {
  const { t } = useTranslation()
  const proposals = useQuery({
    queryKey: ['gaps', 'proposals', area],
    queryFn: ({ signal }) => call('GET /api/gaps/joint-branch-proposals', { query: { area }, signal }),
  })
  if (proposals.isPending) return <Skeleton active />
  if (proposals.isError) return <LoadError error={proposals.error} onRetry={() => void proposals.refetch()} />
  const { items, unplaced } = proposals.data
  if (items.length === 0 && unplaced.length === 0) return <Empty description={t('gaps.proposals.none')} />
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('gaps.proposals.intro')}</Typography.Text>
      <Row gutter={[16, 16]}>
        {items.map((p, i) => (
          <Col key={p.units.map((u) => u.id).join('-')} xs={24} md={12} xl={8}>
            <ProposalCard proposal={p} n={i + 1} />
          </Col>
        ))}
      </Row>
      {unplaced.length > 0 && (
        <Card size="small" title={t('gaps.proposals.unplaced')} data-testid="unplaced">
          <Alert type="info" showIcon title={t('gaps.proposals.unplacedHint')} style={{ marginBottom: 12 }} />
          <Flex gap={6} wrap>
            {unplaced.map((u) => (
              <Tag key={u.id} style={{ marginInlineEnd: 0 }}>
                <Link to={`/units/${u.id}`}>{u.name}</Link> ·{' '}
                {t('gaps.proposals.unitMembers', { count: u.members })}
              </Tag>
            ))}
          </Flex>
        </Card>
      )}
    </Flex>
  )
}
