import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Incubatee } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EChart } from '../../components/EChart.tsx'
import { call } from '../../lib/api.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { enterpriseKeys, useIncubatees, useIncubatorSeries, useIncubators, useUnitSearch } from './api.ts'

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

/** 入孵: search a unit and admit it today. */
function Admit({ incubatorId }: { incubatorId: number }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [q, setQ] = useState('')
  const [unitId, setUnitId] = useState<number | undefined>()
  const search = useUnitSearch(q)
  const admit = useMutation({
    mutationFn: (unit: number) =>
      call('POST /api/enterprise/incubators/:id/incubatees', {
        params: { id: incubatorId },
        body: { unitId: unit, enteredOn: today() },
      }),
    onSuccess: () => {
      void message.success(t('enterprise.common.saved'))
      setUnitId(undefined)
      void qc.invalidateQueries({ queryKey: enterpriseKeys.all() })
    },
    onError: (e) => message.error(e.message),
  })
  return (
    <Space wrap>
      <Select
        showSearch
        style={{ minWidth: 240 }}
        placeholder={t('enterprise.matches.pickUnit')}
        aria-label={t('enterprise.matches.pickUnit')}
        filterOption={false}
        onSearch={setQ}
        value={unitId}
        onChange={setUnitId}
        options={(search.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
      />
      <Button
        type="primary"
        disabled={!unitId}
        loading={admit.isPending}
        onClick={() => unitId && admit.mutate(unitId)}
      >
        {t('enterprise.incubators.admit')}
      </Button>
    </Space>
  )
}

const fiveYearsAgo = () => `${new Date().getFullYear() - 5}-01-01`

/** 孵化平台: today's figures per incubator and in total, month-end trend, and the incubatees of one. */
export function IncubatorsPage() {
  const { t } = useTranslation()
  const [selected, setSelected] = useState<number | undefined>()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const canManage = hasPermission(useSession(), 'incubator.manage')
  const exit = useMutation({
    mutationFn: (v: { id: number; version: number; status: 'graduated' | 'left' }) =>
      call('POST /api/enterprise/incubatees/:id/exit', {
        params: { id: v.id },
        body: { status: v.status, exitedOn: today(), version: v.version },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: enterpriseKeys.all() }),
    onError: (e) => message.error(e.message),
  })
  const list = useIncubators()
  const series = useIncubatorSeries(fiveYearsAgo(), selected)
  const incubatees = useIncubatees(selected)
  const items = list.data?.items ?? []
  const total = items.reduce(
    (a, i) => ({
      incubating: a.incubating + i.figures.incubating,
      cumulative: a.cumulative + i.figures.cumulative,
      graduated: a.graduated + i.figures.graduated,
    }),
    { incubating: 0, cumulative: 0, graduated: 0 },
  )
  const option = useMemo(() => {
    const pts = series.data?.points ?? []
    return {
      tooltip: { trigger: 'axis' },
      legend: {
        data: [
          t('enterprise.incubators.incubating'),
          t('enterprise.incubators.cumulative'),
          t('enterprise.incubators.graduated'),
        ],
      },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: pts.map((p) => p.month) },
      yAxis: { type: 'value' },
      series: [
        { name: t('enterprise.incubators.incubating'), type: 'line', data: pts.map((p) => p.incubating) },
        { name: t('enterprise.incubators.cumulative'), type: 'line', data: pts.map((p) => p.cumulative) },
        { name: t('enterprise.incubators.graduated'), type: 'line', data: pts.map((p) => p.graduated) },
      ],
    }
  }, [series.data, t])
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('enterprise.incubators.title')}
      </Typography.Title>
      {list.error && <Alert type="error" message={list.error.message} />}
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Card size="small" data-testid="incubating-total">
            <Statistic title={t('enterprise.incubators.incubating')} value={total.incubating} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small" data-testid="cumulative-total">
            <Statistic title={t('enterprise.incubators.cumulative')} value={total.cumulative} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('enterprise.incubators.graduated')} value={total.graduated} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        {items.map((i) => (
          <Col xs={24} md={8} key={i.id}>
            <Card
              size="small"
              title={i.name}
              hoverable
              onClick={() => setSelected(i.id)}
              style={selected === i.id ? { borderColor: '#c8161d' } : undefined}
            >
              <Flex gap={16} wrap>
                <Statistic title={t('enterprise.incubators.incubating')} value={i.figures.incubating} />
                <Statistic title={t('enterprise.incubators.cumulative')} value={i.figures.cumulative} />
              </Flex>
              <Typography.Text type="secondary">{i.parkName ?? ''}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t('enterprise.incubators.trend')}
        extra={
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('enterprise.incubators.total')}
            aria-label={t('enterprise.incubators.total')}
            value={selected}
            onChange={setSelected}
            options={items.map((i) => ({ value: i.id, label: i.name }))}
          />
        }
      >
        <EChart
          option={option}
          height={280}
          data-testid="incubator-chart"
          aria-label={t('enterprise.incubators.trend')}
        />
      </Card>
      {selected !== undefined && (
        <Card
          size="small"
          title={t('enterprise.incubators.incubatees')}
          extra={canManage ? <Admit incubatorId={selected} /> : null}
        >
          <Table<Incubatee>
            size="small"
            rowKey="id"
            scroll={{ x: true }}
            loading={incubatees.isLoading}
            dataSource={incubatees.data?.items ?? []}
            columns={[
              { title: t('enterprise.incubators.unit'), dataIndex: 'unitName' },
              { title: t('enterprise.incubators.enteredOn'), dataIndex: 'enteredOn' },
              { title: t('enterprise.incubators.exitedOn'), dataIndex: 'exitedOn' },
              {
                title: t('enterprise.incubators.status'),
                dataIndex: 'status',
                render: (s: Incubatee['status']) => (
                  <Tag color={s === 'incubating' ? 'blue' : s === 'graduated' ? 'green' : 'default'}>
                    {t(`enterprise.incubators.statuses.${s}` as 'enterprise.incubators.statuses.left')}
                  </Tag>
                ),
              },
              { title: t('enterprise.incubators.services'), dataIndex: 'services' },
              ...(canManage
                ? [
                    {
                      key: 'actions',
                      render: (_: unknown, r: Incubatee) =>
                        r.status === 'incubating' ? (
                          <Space>
                            <Button
                              size="small"
                              onClick={() =>
                                exit.mutate({ id: r.id, version: r.version, status: 'graduated' })
                              }
                            >
                              {t('enterprise.incubators.graduate')}
                            </Button>
                            <Button
                              size="small"
                              danger
                              onClick={() => exit.mutate({ id: r.id, version: r.version, status: 'left' })}
                            >
                              {t('enterprise.incubators.leave')}
                            </Button>
                          </Space>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
    </Flex>
  )
}
