import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Flex, List, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { orglifeKeys, usePointsRules } from './api.ts'

export function RulesNote() {
  const { t } = useTranslation()
  const rules = usePointsRules()
  return (
    <Flex gap={4} wrap>
      {(rules.data ?? [])
        .filter((r) => r.active)
        .map((r) => (
          <Tag key={r.source}>
            {t('orglife.points.rule', {
              source: t(`orglife.points.sources.${r.source}`),
              rate:
                r.unit === 'hour'
                  ? t('orglife.points.perHour', { n: r.points })
                  : t('orglife.points.perEach', { n: r.points }),
            })}
          </Tag>
        ))}
    </Flex>
  )
}

/** 党员积分 of the organisation's members, by name: encouragement, never a ranking. */
export function PointsTab({ orgId }: { orgId: number }) {
  const { t } = useTranslation()
  const points = useQuery({
    queryKey: orglifeKeys.points(orgId),
    queryFn: ({ signal }) => call('GET /api/orglife/orgs/:id/points', { params: { id: orgId }, signal }),
  })
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('orglife.points.note')} />
      <RulesNote />
      <Card size="small">
        <List
          dataSource={points.data?.members ?? []}
          loading={points.isPending}
          renderItem={(m) => (
            <List.Item>
              <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
                <Typography.Text>{m.name}</Typography.Text>
                <span>
                  {m.bySource
                    .filter((s) => s.count > 0)
                    .map((s) => (
                      <Tag key={s.source}>
                        {t(`orglife.points.sources.${s.source}`)} {s.points}
                      </Tag>
                    ))}
                  <Tag color="gold">
                    {t('orglife.points.total')} {m.total}
                  </Tag>
                </span>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  )
}
