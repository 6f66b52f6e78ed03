import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { EVENT_KINDS, type EventKind, type UnreachedMember } from '@tongxin/contracts'
import {
  Alert,
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Input,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { EChart } from '../../components/EChart.tsx'
import { AreaCascader, BuildingSelect } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { formatRate } from '../../lib/format.ts'
import { defaultScope } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { useSession } from '../auth/session.ts'
import { useCampaigns } from './api.ts'

type Q = Record<string, string | undefined>

function Unreached({ query, open, onClose }: { query: Q; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const rows = useInfiniteQuery({
    queryKey: ['participation', 'unreached', query],
    enabled: open,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call('GET /api/participation/unreached', {
        query: { ...query, cursor: pageParam, limit: 50 },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const items = rows.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('events.participation.unreached')}
      size={isPhone ? '100%' : 720}
    >
      <Table<UnreachedMember>
        size="small"
        rowKey="personId"
        loading={rows.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        data-testid="unreached-table"
        columns={[
          { dataIndex: 'name', title: t('events.participation.person') },
          { dataIndex: 'phone', title: t('events.participation.phone') },
          { dataIndex: 'orgName', title: t('events.participation.org') },
          { dataIndex: 'unitName', title: t('events.participation.unit') },
        ]}
      />
      {rows.hasNextPage && (
        <Button
          block
          onClick={() => void rows.fetchNextPage()}
          loading={rows.isFetchingNextPage}
          style={{ marginTop: 8 }}
        >
          +50
        </Button>
      )}
    </Drawer>
  )
}

/** 参学覆盖: how many of a place's members attended at least one lecture in a period, and who has not. */
export function ParticipationPage() {
  const { t } = useTranslation()
  const me = useSession()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const [params, setParams] = useSearchParams()
  const fallback = defaultScope(me)
  const year = new Date().getFullYear()
  const orgGrant = me.grants.find((g) => g.scopeType === 'party_org')?.scopeId ?? undefined
  const query: Q = {
    area: params.get('area') ?? undefined,
    building: params.get('building') ?? undefined,
    org: params.get('org') ?? undefined,
    campaign: params.get('campaign') ?? undefined,
    from: params.get('from') ?? (params.get('campaign') ? undefined : `${year}-01-01`),
    to: params.get('to') ?? (params.get('campaign') ? undefined : `${year}-12-31`),
    kind: params.get('kind') ?? undefined,
  }
  if (!query.area && !query.building && !query.org && !query.campaign) {
    if (fallback.building) query.building = String(fallback.building)
    else if (orgGrant && !me.grants.some((g) => g.scopeType === 'area' || g.scopeType === 'city'))
      query.org = orgGrant
    else query.area = fallback.area
  }
  const set = (next: Q) => {
    const updated = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...query, ...next })) if (v) updated.set(k, v)
    setParams(updated, { replace: true })
  }
  const setScope = (next: Q) =>
    set({ area: undefined, building: undefined, org: undefined, campaign: undefined, ...next })
  const [drill, setDrill] = useState<Q | null>(null)
  const figures = useQuery({
    queryKey: ['participation', query],
    queryFn: ({ signal }) => call('GET /api/participation', { query, signal }),
  })
  const campaigns = useCampaigns()
  const f = figures.data
  const breakdown = f?.breakdown ?? []
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('events.participation.title')}
      </Typography.Title>
      <Flex gap={8} wrap vertical={isPhone}>
        <AreaCascader
          value={query.area}
          onChange={(area) => area && setScope({ area })}
          width={isPhone ? '100%' : undefined}
        />
        <BuildingSelect
          area={query.area}
          value={query.building ? Number(query.building) : undefined}
          selectedName={f?.scope.kind === 'building' ? f.scope.name : undefined}
          onChange={(b) => (b ? setScope({ building: String(b) }) : setScope({ area: fallback.area }))}
          width={isPhone ? '100%' : undefined}
        />
        <Select<number>
          allowClear
          placeholder={t('events.participation.scopeCampaign')}
          value={query.campaign ? Number(query.campaign) : undefined}
          onChange={(c) =>
            c
              ? setScope({ campaign: String(c), from: undefined, to: undefined })
              : setScope({ area: fallback.area })
          }
          options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: isPhone ? '100%' : 220 }}
        />
        <Select<EventKind>
          value={(query.kind as EventKind | undefined) ?? 'lecture'}
          onChange={(kind) => set({ kind })}
          options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
          style={{ width: isPhone ? '100%' : 130 }}
          aria-label={t('events.participation.kind')}
        />
        <Flex gap={8}>
          <Input
            type="date"
            value={f?.from ?? query.from}
            onChange={(e) => set({ from: e.target.value })}
            aria-label={t('events.participation.from')}
          />
          <Input
            type="date"
            value={f?.to ?? query.to}
            onChange={(e) => set({ to: e.target.value })}
            aria-label={t('events.participation.to')}
          />
        </Flex>
      </Flex>
      {figures.error && <Alert type="error" showIcon title={figures.error.message} />}
      {figures.isPending || !f ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small" title={f.scope.name}>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={8}>
                <Statistic title={t('events.participation.target')} value={f.targetMembers} />
              </Col>
              <Col xs={12} md={8}>
                <Statistic
                  title={t('events.participation.reached')}
                  value={f.reached}
                  data-testid="reached"
                />
              </Col>
              <Col xs={24} md={8}>
                <Statistic title={t('events.participation.share')} value={formatRate(f.share)} />
              </Col>
            </Row>
            <Button style={{ marginTop: 12 }} onClick={() => setDrill(query)} data-testid="show-unreached">
              {t('events.participation.showUnreached')}
            </Button>
          </Card>
          {breakdown.length > 0 && (
            <Card
              size="small"
              title={
                breakdown[0]!.kind === 'building'
                  ? t('events.participation.breakdownBuilding')
                  : t('events.participation.breakdownOrg')
              }
            >
              <EChart
                aria-label={
                  breakdown[0]!.kind === 'building'
                    ? t('events.participation.breakdownBuilding')
                    : t('events.participation.breakdownOrg')
                }
                height={Math.max(200, Math.min(breakdown.length, 15) * 28 + 40)}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${Math.round(v * 100)}%` },
                  grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
                  xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } },
                  yAxis: { type: 'category', inverse: true, data: breakdown.slice(0, 15).map((b) => b.name) },
                  series: [
                    { type: 'bar', data: breakdown.slice(0, 15).map((b) => b.share), color: '#c41d26' },
                  ],
                }}
              />
              <Table
                size="small"
                rowKey="id"
                dataSource={breakdown}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: true }}
                onRow={(r) => ({
                  onClick: () =>
                    setDrill({
                      ...query,
                      area: undefined,
                      campaign: undefined,
                      building: undefined,
                      org: undefined,
                      [r.kind === 'building' ? 'building' : 'org']: String(r.id),
                    }),
                  style: { cursor: 'pointer' },
                })}
                columns={[
                  { dataIndex: 'name', title: t('events.participation.name') },
                  { dataIndex: 'targetMembers', title: t('events.participation.target') },
                  { dataIndex: 'reached', title: t('events.participation.reached') },
                  {
                    dataIndex: 'share',
                    title: t('events.participation.share'),
                    render: (v: number) => formatRate(v),
                  },
                ]}
              />
            </Card>
          )}
        </>
      )}
      <Unreached query={drill ?? query} open={drill !== null} onClose={() => setDrill(null)} />
    </Flex>
  )
}
