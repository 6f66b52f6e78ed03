import { CameraOutlined } from '@ant-design/icons'
import type { CoverageFigures, Snapshot } from '@tongxin/contracts'
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Table, Tabs, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { figureLabel, isRateKey } from '../../components/labels.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { formatCount, formatDelta, formatRate } from '../../lib/format.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { useComparison, useFreezeSnapshot, useSnapshots } from './api.ts'
import { TrendChart } from './TrendChart.tsx'

function FreezeButton({ area, areaName }: { area: string; areaName: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<{ label?: string }>()
  const freeze = useFreezeSnapshot(area, () => {
    void message.success(t('coverage.snapshots.frozen'))
    setOpen(false)
    form.resetFields()
  })
  return (
    <>
      <Button data-testid="freeze-snapshot" icon={<CameraOutlined />} onClick={() => setOpen(true)}>
        {t('coverage.snapshots.freeze')}
      </Button>
      <Modal
        open={open}
        title={t('coverage.snapshots.freezeTitle', { area: areaName })}
        okText={t('coverage.snapshots.freeze')}
        confirmLoading={freeze.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => freeze.mutate(v.label?.trim())}>
          <Form.Item name="label" label={t('coverage.snapshots.label')}>
            <Input maxLength={60} placeholder={t('coverage.snapshots.labelPlaceholder')} />
          </Form.Item>
        </Form>
        {freeze.error && <Typography.Text type="danger">{freeze.error.message}</Typography.Text>}
      </Modal>
    </>
  )
}

const snapshotName = (s: Snapshot) => (s.label ? `${s.label} · ${s.takenOn}` : s.takenOn)

function Compare({ snapshots }: { snapshots: Snapshot[] }) {
  const { t } = useTranslation()
  const [from, setFrom] = useState<number | undefined>(snapshots[0]?.id)
  const [to, setTo] = useState<number>(0)
  const comparison = useComparison(from, to || undefined)
  const value = (key: string, n: number) => (isRateKey(key) ? formatRate(n) : formatCount(n))
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Select<number>
          data-testid="compare-from"
          aria-label={t('coverage.snapshots.from')}
          value={from}
          onChange={setFrom}
          style={{ minWidth: 200 }}
          options={snapshots.map((s) => ({ value: s.id, label: snapshotName(s) }))}
        />
        <span>→</span>
        <Select<number>
          data-testid="compare-to"
          aria-label={t('coverage.snapshots.to')}
          value={to}
          onChange={setTo}
          style={{ minWidth: 200 }}
          options={[
            { value: 0, label: t('coverage.snapshots.now') },
            ...snapshots.map((s) => ({ value: s.id, label: snapshotName(s) })),
          ]}
        />
      </Flex>
      {comparison.isError && <LoadError error={comparison.error} onRetry={() => void comparison.refetch()} />}
      <Table
        data-testid="compare-table"
        rowKey="key"
        size="small"
        loading={comparison.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={comparison.data?.changes ?? []}
        columns={[
          { key: 'key', title: t('coverage.snapshots.figure'), render: (_, r) => figureLabel(t, r.key) },
          {
            key: 'from',
            title: comparison.data?.from.takenOn,
            align: 'right',
            render: (_, r) => value(r.key, r.from),
          },
          {
            key: 'to',
            title: comparison.data?.to.id ? comparison.data.to.takenOn : t('coverage.snapshots.now'),
            align: 'right',
            render: (_, r) => value(r.key, r.to),
          },
          {
            key: 'delta',
            title: t('coverage.snapshots.delta'),
            align: 'right',
            render: (_, r) => (
              <Typography.Text strong={r.delta !== 0} type={r.delta === 0 ? 'secondary' : undefined}>
                {formatDelta(r.delta, isRateKey(r.key))}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  )
}

/** Snapshots of an area: freeze today's figures, follow the trend, compare two dates. */
export function SnapshotsPanel({ area, current }: { area: string; current: CoverageFigures }) {
  const { t } = useTranslation()
  const me = useSession()
  const snapshots = useSnapshots(area)
  const items = snapshots.data ?? []
  const canFreeze = hasPermission(me, 'census.snapshot')
  return (
    <Card
      size="small"
      data-testid="snapshots"
      title={t('coverage.snapshots.title')}
      extra={canFreeze ? <FreezeButton area={area} areaName={current.scope.name} /> : null}
    >
      {snapshots.isError && <LoadError error={snapshots.error} onRetry={() => void snapshots.refetch()} />}
      {snapshots.isSuccess && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coverage.snapshots.empty')} />
      )}
      {items.length > 0 && (
        <Tabs
          items={[
            {
              key: 'trend',
              label: t('coverage.snapshots.trend'),
              children: <TrendChart snapshots={items} current={current} />,
            },
            {
              key: 'compare',
              label: t('coverage.snapshots.compare'),
              children: <Compare key={area} snapshots={items} />,
            },
            {
              key: 'list',
              label: t('coverage.snapshots.list'),
              children: (
                <Table<Snapshot>
                  data-testid="snapshot-table"
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={[...items].reverse()}
                  columns={[
                    { key: 'takenOn', title: t('coverage.snapshots.takenOn'), dataIndex: 'takenOn' },
                    { key: 'label', title: t('coverage.snapshots.label'), render: (_, s) => s.label ?? '—' },
                    {
                      key: 'units',
                      title: t('coverage.figures.operatingUnits'),
                      align: 'right',
                      render: (_, s) => formatCount(s.figures.operatingUnits),
                    },
                    {
                      key: 'members',
                      title: t('coverage.figures.members'),
                      align: 'right',
                      render: (_, s) => formatCount(s.figures.members),
                    },
                    {
                      key: 'org',
                      title: t('coverage.figures.orgCoverageRate'),
                      align: 'right',
                      render: (_, s) => formatRate(s.figures.orgCoverageRate),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </Card>
  )
}
