import type { ServiceProject } from '@tongxin/contracts'
import { Card, Descriptions, Flex, List, Spin, Statistic, Steps, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LoadError } from '../../components/StatusPages.tsx'
import { useServiceProject, useServiceProjects } from './api.ts'

export function ProjectsPage() {
  const { t } = useTranslation()
  const q = useServiceProjects()
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />
  return (
    <Card title={t('surveys.projects.title')}>
      <List
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('surveys.projects.empty') }}
        renderItem={(p) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/service-projects/${p.id}`}>{p.name}</Link>}
              description={
                <Flex wrap gap={4}>
                  <Tag>{t(`surveys.projects.status.${p.status}`)}</Tag>
                  <Typography.Text type="secondary">
                    {p.areaName} · {t('surveys.projects.findings')} {p.findings} ·{' '}
                    {t('surveys.projects.eventsHeld')} {p.eventsHeld} · {t('surveys.projects.participants')}{' '}
                    {p.participants} · {t('surveys.projects.plays')} {p.plays}
                  </Typography.Text>
                </Flex>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  )
}

/** One project as the chain survey → finding → project → participation. */
export function ProjectPage() {
  const { t } = useTranslation()
  const q = useServiceProject(Number(useParams().id))
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />
  if (!q.data) return <Spin />
  const p = q.data
  const surveys = [...new Map(p.findings.map((f) => [f.surveyId, f.surveyTitle])).entries()]
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {p.name} <Tag>{t(`surveys.projects.status.${p.status}`)}</Tag>
      </Typography.Title>
      <Typography.Paragraph>{p.description}</Typography.Paragraph>
      <Card size="small" title={t('surveys.projects.chain')}>
        <Steps
          direction="vertical"
          size="small"
          current={3}
          items={[
            {
              title: t('surveys.projects.survey'),
              description: surveys.map(([sid, title]) => (
                <div key={sid}>
                  <Link to={`/surveys/${sid}`}>{title}</Link>
                </div>
              )),
            },
            {
              title: t('surveys.projects.finding'),
              description: (
                <List
                  size="small"
                  dataSource={p.findings}
                  renderItem={(f) => (
                    <List.Item>
                      <div>
                        <Typography.Text strong>
                          {f.questionTitle}
                          {f.optionLabel ? ` → ${f.optionLabel}` : ''}
                          {f.theme ? ` →「${f.theme}」` : ''}
                        </Typography.Text>
                        {f.count !== null && f.answered !== null && (
                          <Tag color="blue" style={{ marginLeft: 8 }}>
                            {t('surveys.projects.evidence', { count: f.count, answered: f.answered })}
                          </Tag>
                        )}
                        {f.note && <div>{f.note}</div>}
                      </div>
                    </List.Item>
                  )}
                />
              ),
            },
            {
              title: p.name,
              description: (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('surveys.projects.offerings')}>
                    {p.offerings.length
                      ? p.offerings.map((o) => `${o.name}（${o.providerName}）`).join('、')
                      : t('surveys.projects.none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('surveys.projects.events')}>
                    {p.eventIds.length ? p.eventIds.join('、') : t('surveys.projects.none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('surveys.projects.contents')}>
                    {p.contents.length
                      ? p.contents.map((c) => (
                          <a key={c.id} href={`/listen/${c.slug}`} style={{ marginRight: 8 }}>
                            {c.title}
                          </a>
                        ))
                      : t('surveys.projects.none')}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              title: t('surveys.projects.results'),
              description: <ProjectFigures totals={p.totals} />,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('surveys.projects.ratings')}>
        <Typography.Paragraph type="secondary">{t('surveys.projects.ratingsNote')}</Typography.Paragraph>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={p.results}
          columns={[
            { title: t('surveys.projects.heldOn'), dataIndex: 'heldOn' },
            { title: t('surveys.projects.session'), dataIndex: 'title' },
            { title: t('surveys.projects.ratingCount'), dataIndex: 'ratingCount', align: 'right' },
            {
              title: t('surveys.projects.rating'),
              dataIndex: 'ratingAvg',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
          ]}
        />
      </Card>
    </Flex>
  )
}

/** The figures computed from linked rows; a note says where each comes from, so none reads as typed in. */
function ProjectFigures({ totals }: { totals: ServiceProject['totals'] }) {
  const { t } = useTranslation()
  const items = [
    ['eventsHeld', totals.eventsHeld],
    ['participants', totals.participants],
    ['plays', totals.plays],
    ['responses', totals.responses],
  ] as const
  return (
    <div data-testid="project-figures">
      <Flex wrap gap={24}>
        {items.map(([key, value]) => (
          <Statistic key={key} title={t(`surveys.projects.${key}`)} value={value} />
        ))}
        <Statistic title={t('surveys.projects.rating')} value={totals.ratingAvg ?? '—'} />
      </Flex>
      <Typography.Text type="secondary">{t('surveys.projects.computedNote')}</Typography.Text>
    </div>
  )
}
