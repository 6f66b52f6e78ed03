import { Card, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LoadError } from '../../components/StatusPages.tsx'
import { useSurveys } from './api.ts'

const STATE_COLOR = { scheduled: 'default', open: 'green', closed: 'red' } as const

/** Surveys of the caller's scope, newest first, each with its answer link and analysis. */
export function SurveysPage() {
  const { t } = useTranslation()
  const q = useSurveys()
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />
  return (
    <Card title={t('surveys.list.title')} extra={<Link to="/surveys/new">{t('surveys.editor.new')}</Link>}>
      <List
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('surveys.list.empty') }}
        renderItem={(s) => (
          <List.Item
            data-testid={`survey-row-${s.id}`}
            actions={[
              <Link key="a" to={`/surveys/${s.id}`}>
                {t('surveys.list.analysis')}
              </Link>,
              <a key="l" href={`/survey/${s.slug}`} target="_blank" rel="noreferrer">
                {t('surveys.list.openLink')}
              </a>,
            ]}
          >
            <List.Item.Meta
              title={<Link to={`/surveys/${s.id}`}>{s.title}</Link>}
              description={
                <Space wrap size={4}>
                  <Tag color={STATE_COLOR[s.state]}>{t(`surveys.state.${s.state}`)}</Tag>
                  <Tag>{s.anonymous ? t('surveys.list.anonymous') : t('surveys.list.identified')}</Tag>
                  <Typography.Text type="secondary">
                    {s.areaName} · {t('surveys.list.responses')} {s.responses} · {s.opensAt.slice(0, 10)} ~{' '}
                    {s.closesAt.slice(0, 10)}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  )
}
