import type { CampaignProgress, Lecturer } from '@tongxin/contracts'
import { Alert, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { EChart } from '../../components/EChart.tsx'
import { useCampaigns } from './api.ts'

function CampaignCard({ c }: { c: CampaignProgress }) {
  const { t } = useTranslation()
  const months = c.byMonth.map((m) => m.month)
  return (
    <Card
      title={<span style={{ whiteSpace: 'normal' }}>{c.name}</span>}
      extra={
        <Tag color={c.onTrack ? 'green' : 'orange'}>
          {c.onTrack ? t('events.campaigns.onTrack') : t('events.campaigns.behind')}
        </Tag>
      }
      data-testid={`campaign-${c.id}`}
    >
      <Typography.Paragraph type="secondary">
        {t('events.campaigns.period', { from: c.startsOn, to: c.endsOn })} ·{' '}
        {t('events.campaigns.target', { count: c.targetCount })}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('events.campaigns.held')} value={c.held} suffix={`/ ${c.targetCount}`} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('events.campaigns.planned')} value={c.planned} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('events.campaigns.forecast')} value={c.forecast} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('events.campaigns.attendees')} value={c.attendees} />
        </Col>
      </Row>
      <Flex vertical gap={4} style={{ marginTop: 12 }}>
        <Progress
          percent={Math.round((c.held / c.targetCount) * 100)}
          status={c.onTrack ? 'normal' : 'exception'}
        />
        <Typography.Text type="secondary">
          {t('events.campaigns.elapsed')} {Math.round(c.elapsedShare * 100)}%
        </Typography.Text>
      </Flex>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('events.campaigns.byMonth')}</Typography.Text>
          <EChart
            aria-label={t('events.campaigns.byMonth')}
            height={240}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { bottom: 0 },
              grid: { left: 32, right: 8, top: 16, bottom: 48 },
              xAxis: { type: 'category', data: months },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                {
                  name: t('events.campaigns.held'),
                  type: 'bar',
                  stack: 'n',
                  data: c.byMonth.map((m) => m.held),
                  color: '#c41d26',
                },
                {
                  name: t('events.campaigns.planned'),
                  type: 'bar',
                  stack: 'n',
                  data: c.byMonth.map((m) => m.planned),
                  color: '#f5a623',
                },
              ],
            }}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('events.campaigns.byLecturer')}</Typography.Text>
          <EChart
            aria-label={t('events.campaigns.byLecturer')}
            height={240}
            option={{
              tooltip: { trigger: 'item' },
              legend: { bottom: 0 },
              series: [
                {
                  type: 'pie',
                  radius: ['35%', '65%'],
                  data: c.byLecturerKind.map((k) => ({
                    name: t(`events.lecturerKinds.${k.kind as Lecturer['kind']}`),
                    value: k.events,
                  })),
                },
              ],
            }}
          />
        </Col>
      </Row>
    </Card>
  )
}

/** 活动计划: each campaign's target, events held and scheduled, and the linear-pace forecast. */
export function CampaignsPage() {
  const { t } = useTranslation()
  const list = useCampaigns()
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('events.campaigns.title')}
      </Typography.Title>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.isPending ? (
        <Skeleton active />
      ) : list.data?.items.length ? (
        list.data.items.map((c) => <CampaignCard key={c.id} c={c} />)
      ) : (
        <Empty description={t('events.campaigns.empty')} />
      )}
    </Flex>
  )
}
