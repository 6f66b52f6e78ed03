import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Empty, Flex, List, Skeleton, Statistic, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError, call } from '../../lib/api.ts'
import { orglifeKeys } from './api.ts'
import { RulesNote } from './PointsTab.tsx'
import { percentBp, useKindName, yuan } from './shared.tsx'

const STATUS_COLOR = { present: 'green', absent: 'red', excused: 'default' } as const

/** 我的组织生活 (phone-first): my meetings this year, my dues, my points and where they came from. */
export function MyOrglifePage() {
  const { t } = useTranslation()
  const kindName = useKindName()
  const me = useQuery({
    queryKey: orglifeKeys.me(),
    queryFn: ({ signal }) => call('GET /api/orglife/me', { signal }),
    retry: false,
  })
  if (me.isPending) return <Skeleton active />
  if (me.error)
    return (
      <Alert
        type={me.error instanceof ApiError && me.error.code === 'orglife_no_person' ? 'info' : 'error'}
        showIcon
        title={
          me.error instanceof ApiError && me.error.code === 'orglife_no_person'
            ? t('orglife.me.notLinked')
            : me.error.message
        }
      />
    )
  const d = me.data
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Flex vertical gap={2}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('orglife.me.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {d.name}
          {d.partyOrgName ? ` · ${d.partyOrgName}` : ''}
        </Typography.Text>
      </Flex>
      <Card size="small" title={t('orglife.me.points')} data-testid="my-points">
        <Flex gap={16} wrap>
          <Statistic title={t('orglife.points.total')} value={d.points.total} />
          {d.points.bySource.map((s) => (
            <Statistic key={s.source} title={t(`orglife.points.sources.${s.source}`)} value={s.points} />
          ))}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          {t('orglife.points.note')}
        </Typography.Paragraph>
        <RulesNote />
        {d.points.entries.length > 0 && (
          <List
            size="small"
            header={t('orglife.points.entries')}
            dataSource={d.points.entries.slice(0, 30)}
            renderItem={(e) => (
              <List.Item>
                <span>
                  <Tag>{t(`orglife.points.sources.${e.source}`)}</Tag>
                  {e.title}
                </span>
                <span>
                  {e.day} · +{e.points}
                </span>
              </List.Item>
            )}
          />
        )}
      </Card>
      {d.dues && (
        <Card size="small" title={t('orglife.me.dues')} data-testid="my-dues">
          <Flex gap={16} wrap>
            <Statistic
              title={t('orglife.dues.base')}
              value={
                d.dues.category
                  ? t(`orglife.dues.category.${d.dues.category as 'employed'}`)
                  : t('orglife.dues.noBase')
              }
            />
            <Statistic title={t('orglife.dues.rate', { rate: '' })} value={percentBp(d.dues.rateBp)} />
            <Statistic title={t('orglife.dues.monthly', { amount: '' })} value={yuan(d.dues.monthlyCents)} />
            <Statistic title={t('orglife.dues.arrears')} value={yuan(d.dues.arrearsCents)} />
          </Flex>
          {d.dues.monthlyIncome !== null && (
            <Typography.Text type="secondary">
              {t('orglife.me.income', { income: yuan(Math.round(d.dues.monthlyIncome * 100)) })}
            </Typography.Text>
          )}
          <div>
            {d.dues.arrearsMonths.length > 0 && (
              <Typography.Text type="danger">
                {t('orglife.dues.arrearsMonths', { months: d.dues.arrearsMonths.join('、') })}
              </Typography.Text>
            )}
            {d.dues.paidThrough && (
              <Typography.Text>
                {' '}
                {t('orglife.dues.paidThrough', { month: d.dues.paidThrough })}
              </Typography.Text>
            )}
          </div>
        </Card>
      )}
      <Card size="small" title={t('orglife.me.meetings')} data-testid="my-meetings">
        {d.meetings.length === 0 ? (
          <Empty description={t('orglife.me.noMeetings')} />
        ) : (
          <List
            size="small"
            dataSource={d.meetings}
            renderItem={(m) => (
              <List.Item>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong>{kindName(m.kindCode)}</Typography.Text>
                    <Tag color={STATUS_COLOR[m.status]}>{t(`orglife.record.status.${m.status}`)}</Tag>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.heldOn} · {m.topic}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  )
}
