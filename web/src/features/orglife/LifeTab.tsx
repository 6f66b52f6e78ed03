import { DownloadOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { MeetingSummary, OrgRoster } from '@tongxin/contracts'
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Row,
  Segmented,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LoadError } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { orglifeKeys } from './api.ts'
import { GroupsCard } from './GroupsCard.tsx'
import { localName, PeriodTag, pct, periodLabel, shanghai, useKindName } from './shared.tsx'

/** 组织生活: the year's rules against what was held, the meetings, and "record a meeting" first. */
export function LifeTab({ roster }: { roster: OrgRoster }) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const thisYear = new Date().getFullYear()
  const [year, setYear] = useState(thisYear)
  const [all, setAll] = useState(false)
  const kindName = useKindName()
  const orgId = roster.partyOrgId
  const compliance = useQuery({
    queryKey: orglifeKeys.compliance(orgId, year),
    queryFn: ({ signal }) =>
      call('GET /api/orglife/orgs/:id/compliance', { params: { id: orgId }, query: { year }, signal }),
  })
  const meetings = useQuery({
    queryKey: orglifeKeys.meetings(orgId, year),
    queryFn: ({ signal }) =>
      call('GET /api/orglife/orgs/:id/meetings', { params: { id: orgId }, query: { year }, signal }),
  })
  const c = compliance.data
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between" align="center">
        <Link to={`/orglife/orgs/${orgId}/record`} style={isPhone ? { width: '100%' } : undefined}>
          <Button
            type="primary"
            size="large"
            icon={<PlusOutlined />}
            block={isPhone}
            data-testid="record-meeting"
          >
            {t('orglife.life.record')}
          </Button>
        </Link>
        <Flex gap={8} wrap>
          <Segmented
            value={year}
            onChange={(v) => setYear(Number(v))}
            options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: String(y) }))}
          />
          <Button
            icon={<DownloadOutlined />}
            href={`/api/orglife/orgs/${orgId}/compliance/export?year=${year}`}
          >
            {t('orglife.life.export')}
          </Button>
        </Flex>
      </Flex>
      {compliance.isPending && <Skeleton active />}
      {compliance.isError && <LoadError error={compliance.error} onRetry={() => void compliance.refetch()} />}
      {c && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('orglife.life.rate')} value={pct(c.rate)} data-testid="org-rate" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('orglife.life.meetings')} value={c.meetings} data-testid="org-meetings" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('orglife.life.attendance')} value={pct(c.attendanceRate)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('orglife.life.absentees')} value={c.absentees.length} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('orglife.life.calendar', { year })} data-testid="orglife-calendar">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('orglife.life.calendarHint')}
            </Typography.Paragraph>
            <Flex vertical gap={8}>
              {c.rules
                .filter((r) => r.active && c.periods.some((p) => p.rule === r.code && p.status !== 'not_due'))
                .map((r) => (
                  <Flex
                    key={r.code}
                    vertical={isPhone}
                    gap={isPhone ? 2 : 8}
                    align={isPhone ? undefined : 'baseline'}
                  >
                    <Typography.Text style={{ minWidth: 220 }} strong={!isPhone}>
                      {localName(r)}
                    </Typography.Text>
                    <Flex wrap>
                      {c.periods
                        .filter((p) => p.rule === r.code)
                        .map((p) => (
                          <PeriodTag key={p.start} status={p.status}>
                            {periodLabel(t, r.period, p.start)}
                            {p.held > 0 ? ` ·${p.held}` : ''}
                          </PeriodTag>
                        ))}
                    </Flex>
                  </Flex>
                ))}
            </Flex>
          </Card>
          {c.absentees.length > 0 && (
            <Card size="small" title={t('orglife.life.absentees')}>
              {c.absentees.map((a) => (
                <div key={a.personId}>{t('orglife.life.absenteeLine', a)}</div>
              ))}
            </Card>
          )}
        </>
      )}
      <Card size="small" title={t('orglife.life.list')}>
        {meetings.isPending ? (
          <Skeleton active />
        ) : (meetings.data ?? []).length === 0 ? (
          <Empty description={t('orglife.life.noMeetings')} />
        ) : isPhone ? (
          <List
            data-testid="meeting-list"
            dataSource={all ? meetings.data : meetings.data?.slice(0, 10)}
            loadMore={
              !all && (meetings.data?.length ?? 0) > 10 ? (
                <Button block type="link" onClick={() => setAll(true)}>
                  {t('common.loadMore')}
                </Button>
              ) : null
            }
            renderItem={(m) => (
              <List.Item>
                <Link to={`/orglife/meetings/${m.id}`} style={{ width: '100%' }}>
                  <Flex vertical gap={2}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text strong>{kindName(m.kindCode)}</Typography.Text>
                      <Typography.Text type="secondary">{m.heldOn}</Typography.Text>
                    </Flex>
                    <Typography.Text>{m.topic}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('orglife.life.presentOf', { present: m.present, total: m.present + m.absent })}
                      {m.source === 'campaign' && (
                        <Tag style={{ marginInlineStart: 6 }}>{t('orglife.life.fromCampaign')}</Tag>
                      )}
                    </Typography.Text>
                  </Flex>
                </Link>
              </List.Item>
            )}
          />
        ) : (
          <Table<MeetingSummary>
            data-testid="meeting-list"
            size="small"
            rowKey="id"
            dataSource={meetings.data}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { key: 'when', title: t('orglife.record.when'), render: (_, m) => shanghai(m.startsAt) },
              {
                key: 'kind',
                title: t('orglife.record.kind'),
                render: (_, m) => (
                  <>
                    {kindName(m.kindCode)}
                    {m.groupName ? ` · ${m.groupName}` : ''}
                    {m.source === 'campaign' && (
                      <Tag style={{ marginInlineStart: 6 }}>{t('orglife.life.fromCampaign')}</Tag>
                    )}
                  </>
                ),
              },
              {
                key: 'topic',
                title: t('orglife.record.topic'),
                render: (_, m) => <Link to={`/orglife/meetings/${m.id}`}>{m.topic}</Link>,
              },
              { key: 'presenter', title: t('orglife.record.presenter'), dataIndex: 'presenterName' },
              {
                key: 'att',
                title: t('orglife.life.attendance'),
                render: (_, m) =>
                  t('orglife.life.presentOf', { present: m.present, total: m.present + m.absent }),
              },
            ]}
          />
        )}
      </Card>
      <GroupsCard roster={roster} />
    </Flex>
  )
}
