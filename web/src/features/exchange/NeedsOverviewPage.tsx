import { useQuery } from '@tanstack/react-query'
import { NEED_STATE_LIST, type Need } from '@tongxin/contracts'
import { Alert, Card, Checkbox, Col, Flex, Row, Select, type TableProps, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { EChart, type EChartOption } from '../../components/EChart.tsx'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { formatCount } from '../../lib/format.ts'
import { type PageFilters, useCursorRoute } from '../../lib/paging.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { FigureTile } from '../coverage/FigureCards.tsx'
import { useListParams } from '../registry/useListParams.ts'
import { exchangeKeys } from './api.ts'
import { NeedCard } from './NeedCard.tsx'
import { StaffActions } from './StaffActions.tsx'
import {
  categoryOptions,
  formatDateTime,
  isInHand,
  isOpenForOrders,
  NEED_STATE_CHART_COLOR,
  NeedMarkers,
  type NeedState,
  NeedStateTag,
  needPlace,
  SlaCountdown,
  useCategories,
} from './shared.tsx'

/** The charts count at most this many needs (newest first); the caption says so when it bites. */
const CHART_PAGES = 5
const CHART_PAGE_SIZE = 200

type Filters = Omit<PageFilters<'GET /api/needs'>, 'state'>

/** The needs behind the charts: every filter except the state, so the state chart shows the whole spread. */
function useChartNeeds(filters: Filters) {
  return useQuery({
    queryKey: exchangeKeys.needCharts(filters),
    queryFn: async ({ signal }) => {
      const rows: Need[] = []
      let cursor: string | undefined
      for (let i = 0; i < CHART_PAGES; i++) {
        const page = await call('GET /api/needs', {
          query: { ...filters, cursor, limit: CHART_PAGE_SIZE },
          signal,
        })
        rows.push(...page.items)
        if (!page.nextCursor) return { rows, capped: false }
        cursor = page.nextCursor
      }
      return { rows, capped: true }
    },
  })
}

function Charts({
  rows,
  onState,
  onCategory,
}: {
  rows: Need[]
  onState: (s: NeedState) => void
  onCategory: (code: string) => void
}) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const byState = useMemo(() => {
    const counts = new Map<NeedState, number>()
    for (const n of rows) counts.set(n.state, (counts.get(n.state) ?? 0) + 1)
    return NEED_STATE_LIST.map((s) => ({ state: s, count: counts.get(s) ?? 0 }))
  }, [rows])
  const byCategory = useMemo(() => {
    const counts = new Map<string, { code: string; name: string; count: number; overdue: number }>()
    for (const n of rows) {
      const c = counts.get(n.categoryCode) ?? {
        code: n.categoryCode,
        name: n.categoryName,
        count: 0,
        overdue: 0,
      }
      c.count++
      if (n.overdue) c.overdue++
      counts.set(n.categoryCode, c)
    }
    return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 12)
  }, [rows])

  const stateOption = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: byState.map((s) => t(`exchange.states.${s.state}`)),
        // Chinese labels break between characters rather than overlap their neighbours.
        axisLabel: {
          interval: 0,
          width: isPhone ? 28 : 40,
          overflow: 'breakAll',
          fontSize: isPhone ? 10 : 12,
        },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          label: { show: true, position: 'top' },
          data: byState.map((s) => ({
            value: s.count,
            itemStyle: { color: NEED_STATE_CHART_COLOR[s.state] },
          })),
        },
      ],
    }),
    [byState, isPhone, t],
  )
  const categoryOption = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [t('exchange.overview.all'), t('exchange.overdue')] },
      grid: { left: 8, right: 32, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: byCategory.map((c) => c.name),
        axisLabel: { width: isPhone ? 96 : 160, overflow: 'truncate' },
      },
      series: [
        {
          name: t('exchange.overview.all'),
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { color: '#c8161d' },
          label: { show: true, position: 'right' },
          data: byCategory.map((c) => c.count),
        },
        {
          name: t('exchange.overdue'),
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { color: '#faad14' },
          data: byCategory.map((c) => c.overdue),
        },
      ],
    }),
    [byCategory, isPhone, t],
  )
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('exchange.overview.byState')} style={{ height: '100%' }}>
          <EChart
            data-testid="needs-state-chart"
            aria-label={t('exchange.overview.byState')}
            option={stateOption}
            height={isPhone ? 220 : 260}
            onClick={(e) => {
              const s = byState[e.dataIndex]
              if (s) onState(s.state)
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('exchange.overview.byCategory')} style={{ height: '100%' }}>
          <EChart
            data-testid="needs-category-chart"
            aria-label={t('exchange.overview.byCategory')}
            option={categoryOption}
            height={Math.max(isPhone ? 200 : 260, byCategory.length * 34 + 48)}
            onClick={(e) => {
              const c = byCategory[e.dataIndex]
              if (c) onCategory(c.code)
            }}
          />
        </Card>
      </Col>
    </Row>
  )
}

/** 需求总览: the needs of the staff member's areas, what is late, and where the pressure is. */
export function NeedsOverviewPage() {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const { values, set } = useListParams(['area', 'state', 'category', 'overdue'] as const)
  const categories = useCategories()
  // The URL's text as the route's types; the query sent reads the same.
  const overdue = values.overdue ? values.overdue === 'true' : undefined
  const list = useCursorRoute('needs-staff', 'GET /api/needs', {
    ...values,
    state: values.state as NeedState | undefined,
    overdue,
  })
  const chartFilters = { area: values.area, category: values.category, overdue }
  const charts = useChartNeeds(chartFilters)
  const rows = charts.data?.rows ?? []
  const figures = {
    total: rows.length,
    waiting: rows.filter((n) => isOpenForOrders(n.state)).length,
    inHand: rows.filter((n) => isInHand(n.state)).length,
    overdue: rows.filter((n) => n.overdue).length,
    escalated: rows.filter((n) => n.escalatedAt && n.status === 'open').length,
  }

  const columns: TableProps<Need>['columns'] = [
    {
      key: 'need',
      title: t('exchange.overview.need'),
      render: (_, n) => (
        <Flex vertical gap={2} style={{ maxWidth: 240 }}>
          <Link to={`/needs/${n.id}`}>
            {n.categoryName} <Typography.Text type="secondary">#{n.id}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" ellipsis={{ tooltip: n.description }} style={{ fontSize: 12 }}>
            {n.description}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'place',
      title: t('exchange.need.place'),
      render: (_, n) => <div style={{ maxWidth: 160 }}>{needPlace(t, n)}</div>,
    },
    {
      key: 'state',
      title: t('exchange.overview.stateAndProvider'),
      render: (_, n) => (
        <Flex vertical gap={4} style={{ maxWidth: 180 }}>
          <Flex gap={4} wrap>
            <NeedStateTag state={n.state} />
            <NeedMarkers need={n} />
          </Flex>
          {n.providerName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.providerName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'clock',
      title: t('exchange.overview.clock'),
      render: (_, n) => (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('exchange.need.submittedAt', { time: formatDateTime(n.submittedAt) })}
          </Typography.Text>
          <SlaCountdown need={n} />
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('exchange.need.actions'),
      render: (_, n) => (
        <Flex vertical gap={4} align="flex-start">
          <StaffActions need={n} size="small" />
        </Flex>
      ),
    },
  ]

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('exchange.overview.title')}
      </Typography.Title>
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <AreaCascader
            value={values.area}
            onChange={(a) => set('area', a)}
            allowClear
            width={isPhone ? '100%' : 240}
          />
          <Select<NeedState>
            data-testid="needs-state-filter"
            allowClear
            placeholder={t('exchange.overview.statePlaceholder')}
            aria-label={t('exchange.overview.statePlaceholder')}
            value={values.state as NeedState | undefined}
            onChange={(s) => set('state', s)}
            style={{ width: isPhone ? '100%' : 160 }}
            options={NEED_STATE_LIST.map((s) => ({ value: s, label: t(`exchange.states.${s}`) }))}
          />
          <Select<string>
            data-testid="needs-category-filter"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('exchange.overview.categoryPlaceholder')}
            aria-label={t('exchange.overview.categoryPlaceholder')}
            value={values.category}
            onChange={(c) => set('category', c)}
            style={{ width: isPhone ? '100%' : 220 }}
            options={categoryOptions(categories)}
          />
          <Checkbox
            data-testid="needs-overdue-filter"
            checked={values.overdue === 'true'}
            onChange={(e) => set('overdue', e.target.checked ? 'true' : null)}
          >
            {t('exchange.overview.overdueOnly')}
          </Checkbox>
        </Flex>
      </Card>
      <div className="tx-figure-grid" data-testid="needs-figures">
        {(
          [
            ['total', figures.total, undefined],
            ['waiting', figures.waiting, () => set('state', 'submitted')],
            ['inHand', figures.inHand, () => set('state', 'in_progress')],
            ['overdue', figures.overdue, () => set('overdue', 'true')],
            ['escalated', figures.escalated, undefined],
          ] as const
        ).map(([key, value, open]) => (
          <FigureTile
            key={key}
            testId={`needs-figure-${key}`}
            label={t(`exchange.overview.figures.${key}`)}
            value={charts.isPending ? '…' : formatCount(value)}
            accent={key === 'overdue' && value > 0}
            onOpen={open ?? (() => set('state', null))}
          />
        ))}
      </div>
      {charts.error && <Alert type="error" showIcon title={charts.error.message} />}
      <Charts rows={rows} onState={(s) => set('state', s)} onCategory={(c) => set('category', c)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {charts.data?.capped
          ? t('exchange.overview.chartsCapped', { count: rows.length })
          : t('exchange.overview.chartsNote')}
      </Typography.Text>
      <Card size="small" title={t('exchange.overview.list')}>
        <CursorTable<Need>
          list={list}
          testId="needs-table"
          size="small"
          columns={columns}
          rowClassName={(n) => (n.overdue ? 'tx-row-overdue' : '')}
          renderCard={(n) => (
            <div style={{ width: '100%', minWidth: 0 }}>
              <NeedCard
                need={n}
                to={`/needs/${n.id}`}
                testId="staff-need"
                actions={<StaffActions need={n} size="small" />}
              />
            </div>
          )}
        />
      </Card>
    </Flex>
  )
}
