import { CheckOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { CENSUS_PARTS, type CensusPart, type PlanRow, type VisitFollowUp } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  List,
  Row,
  Segmented,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { LoadMore } from '../../components/LoadMore.tsx'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { useCursorRoute } from '../../lib/paging.ts'
import { defaultScope } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { censusKeys } from './api.ts'
import { StalePartTags } from './PartTags.tsx'

const isPart = (p: string | null): p is CensusPart => CENSUS_PARTS.includes(p as CensusPart)

/** Freshness of 五个清 over the caller's area: what is stale (by part, drillable), the visit plan, follow-ups. */
export function CensusPage() {
  const { t } = useTranslation()
  const me = useSession()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const [params, setParams] = useSearchParams()
  const scope = defaultScope(me)
  // Area staff pick an area; a building chief sees their building(s): the server narrows to the grants.
  const area = params.get('area') ?? scope.area
  const partParam = params.get('part')
  const part = isPart(partParam) ? partParam : undefined
  const staleOnly = params.get('stale') === 'true'
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
  }
  const filters = { area, part, stale: staleOnly || undefined }
  const figures = useQuery({
    queryKey: censusKeys.freshnessIn(area),
    queryFn: ({ signal }) => call('GET /api/census/freshness', { query: { area }, signal }),
  })
  const plan = useCursorRoute('census-plan', 'GET /api/census/plan', filters)
  const f = figures.data

  const canVisit = hasPermission(me, 'census.visit')
  const due = (r: PlanRow) =>
    f && r.dueOn < f.asOf ? (
      <Typography.Text type="danger">
        {r.dueOn} · {t('census.overdue')}
      </Typography.Text>
    ) : (
      r.dueOn
    )
  const visitLink = (r: PlanRow) =>
    canVisit && (
      <Link to={`/census/visit?building=${r.buildingId}`} data-testid={`plan-visit-${r.buildingId}`}>
        {t('census.record')}
      </Link>
    )
  // A phone gets one column per building (name, due date, stale parts, the visit link), nothing to scroll.
  const phoneColumns: TableProps<PlanRow>['columns'] = [
    {
      key: 'building',
      title: t('census.columns.building'),
      render: (_, r) => (
        <Flex vertical gap={4}>
          <Flex justify="space-between" gap={8}>
            <Link to={`/buildings/${r.buildingId}`}>{r.name}</Link>
            {visitLink(r)}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('census.columns.dueOn')} {due(r)}
          </Typography.Text>
          <StalePartTags parts={r.staleParts} />
        </Flex>
      ),
    },
  ]
  const columns: TableProps<PlanRow>['columns'] = [
    {
      key: 'name',
      title: t('census.columns.building'),
      render: (_, r) => <Link to={`/buildings/${r.buildingId}`}>{r.name}</Link>,
    },
    { key: 'area', title: t('census.columns.area'), render: (_, r) => r.areaName },
    { key: 'due', title: t('census.columns.dueOn'), render: (_, r) => due(r) },
    {
      key: 'stale',
      title: t('census.columns.stale'),
      render: (_, r) => <StalePartTags parts={r.staleParts} />,
    },
    {
      key: 'last',
      title: t('census.columns.lastVisit'),
      render: (_, r) => r.lastVisitOn ?? t('census.never'),
    },
    { key: 'fu', title: t('census.columns.followUps'), render: (_, r) => r.openFollowUps || '' },
    { key: 'visit', title: '', render: (_, r) => visitLink(r) },
  ]

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ maxWidth: 720 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('census.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('census.intro', { months: f?.periodMonths ?? 6 })}
          </Typography.Text>
        </div>
        {canVisit && (
          <Link to="/census/visit">
            <Button type="primary" icon={<PlusOutlined />} data-testid="census-record">
              {t('census.record')}
            </Button>
          </Link>
        )}
      </Flex>
      {scope.area && (
        <AreaCascader
          value={area ?? scope.area}
          onChange={(a) => set('area', a)}
          width={isPhone ? '100%' : 280}
        />
      )}
      {figures.error && <Alert type="error" showIcon title={figures.error.message} />}
      <Row gutter={[12, 12]}>
        {(
          [
            ['buildings', f?.buildings],
            ['allFresh', f?.allFresh],
            ['staleParts', f?.staleParts],
            ['dueSoon', f?.dueSoon],
            ['openFollowUps', f?.openFollowUps],
            ['overdueFollowUps', f?.overdueFollowUps],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small" loading={figures.isPending}>
              <Statistic
                title={t(`census.figures.${key}`)}
                value={value ?? 0}
                data-testid={`census-figure-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('census.byPart')}>
        <Row gutter={[8, 8]}>
          {(f?.byPart ?? []).map((p) => (
            <Col key={p.part} xs={12} md={8} xl={4} style={{ flex: isPhone ? undefined : '1 1 0' }}>
              <Card
                size="small"
                hoverable
                data-testid={`census-part-${p.part}`}
                onClick={() => set('part', part === p.part ? undefined : p.part)}
                style={part === p.part ? { borderColor: '#c8161d' } : undefined}
              >
                <Typography.Text strong>{t(`completenessKeys.${p.part}`)}</Typography.Text>
                <div>
                  <Typography.Text type={p.stale > 0 ? 'warning' : 'success'}>
                    {t('census.staleCount', { n: p.stale })}
                  </Typography.Text>
                </div>
                {p.neverVerified > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('census.neverVerified', { n: p.neverVerified })}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card
        size="small"
        title={part ? t('census.planFor', { part: t(`completenessKeys.${part}`) }) : t('census.plan')}
        extra={
          part ? (
            <Button size="small" onClick={() => set('part', undefined)}>
              {t('census.showAll')}
            </Button>
          ) : (
            <Segmented
              size="small"
              value={staleOnly ? 'stale' : 'all'}
              onChange={(v) => set('stale', v === 'stale' ? 'true' : undefined)}
              options={[
                { value: 'all', label: t('census.showAll') },
                { value: 'stale', label: t('census.staleOnly') },
              ]}
            />
          )
        }
      >
        {plan.error && <Alert type="error" showIcon title={plan.error.message} />}
        <Table<PlanRow>
          data-testid="census-plan"
          rowKey="buildingId"
          size="small"
          columns={isPhone ? phoneColumns : columns}
          dataSource={plan.rows}
          loading={plan.isPending}
          pagination={false}
          scroll={isPhone ? undefined : { x: 'max-content' }}
        />
        <LoadMore
          count={plan.rows.length}
          hasNextPage={plan.hasNextPage}
          isFetchingNextPage={plan.isFetchingNextPage}
          fetchNextPage={plan.fetchNextPage}
        />
      </Card>
      <FollowUps area={area} />
    </Flex>
  )
}

function FollowUps({ area }: { area?: string }) {
  const { t } = useTranslation()
  const me = useSession()
  const { message } = App.useApp()
  const client = useQueryClient()
  const list = useCursorRoute('census-followups', 'GET /api/census/followups', { area })
  const done = useMutation({
    mutationFn: (f: VisitFollowUp) =>
      call('POST /api/census/followups/:id/done', {
        params: { id: f.id },
        body: { version: f.version },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: censusKeys.followUps() })
      void client.invalidateQueries({ queryKey: censusKeys.freshness() })
    },
    onError: (e) => void message.error(e.message),
  })
  return (
    <Card size="small" title={t('census.followUps')}>
      <List<VisitFollowUp>
        data-testid="census-followups"
        loading={list.isPending}
        dataSource={list.rows}
        locale={{ emptyText: t('census.noFollowUps') }}
        renderItem={(fu) => (
          <List.Item
            actions={
              hasPermission(me, 'census.visit')
                ? [
                    <Button
                      key="done"
                      size="small"
                      icon={<CheckOutlined />}
                      loading={done.isPending && done.variables?.id === fu.id}
                      onClick={() => done.mutate(fu)}
                    >
                      {t('census.done')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={fu.text}
              description={
                <Flex gap={8} wrap>
                  <Link to={`/buildings/${fu.buildingId}`}>{fu.buildingName}</Link>
                  <Tag color={fu.overdue ? 'error' : 'default'}>{t('census.due', { date: fu.dueOn })}</Tag>
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      <LoadMore
        count={list.rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Card>
  )
}
