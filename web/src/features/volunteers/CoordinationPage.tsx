import { Button, Card, Empty, Flex, Modal, Segmented, Select, Skeleton, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../lib/api.ts'
import { useHoursReport, usePoints } from './api.ts'
import { ScanBox } from './ScanBox.tsx'
import { ShiftForm } from './ShiftForm.tsx'
import { Signups } from './SignupsCard.tsx'
import { hours } from './shared.tsx'

/** 点位协调: the points I coordinate — their code, scanning volunteers, shifts, verifying hours, totals. */
export function CoordinationPage() {
  const { t } = useTranslation()
  const points = usePoints(true)
  const [chosen, setChosen] = useState<number | undefined>()
  const [scanning, setScanning] = useState(false)
  if (points.isPending) return <Skeleton active />
  const list = points.data ?? []
  if (list.length === 0) return <Empty description={t('volunteers.coord.none')} />
  const pointId = chosen ?? list[0]!.id
  const point = list.find((p) => p.id === pointId)!
  return (
    <Flex vertical gap={12} style={{ maxWidth: 1000 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('volunteers.coord.title')}
      </Typography.Title>
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={t('volunteers.coord.point')}
          showSearch
          optionFilterProp="label"
          style={{ flex: '1 1 240px', minWidth: 0 }}
          value={pointId}
          onChange={setChosen}
          options={list.map((p) => ({ value: p.id, label: p.name }))}
          data-testid="coord-point"
        />
        <Link to={`/volunteer-coordination/points/${pointId}/qr`}>
          <Button type="primary">{t('volunteers.coord.showQr')}</Button>
        </Link>
        <Button onClick={() => setScanning(true)}>{t('volunteers.coord.scanVolunteer')}</Button>
      </Flex>
      {point.coordinators.length > 0 && (
        <Typography.Text type="secondary">
          {t('volunteers.coord.coordinators')}: {point.coordinators.map((c) => c.displayName).join('、')}
        </Typography.Text>
      )}
      {/* Keyed by point: a preview or a selection made at one point never carries over to another. */}
      <ShiftForm key={`shifts-${pointId}`} pointId={pointId} />
      <Signups key={`signups-${pointId}`} pointId={pointId} />
      <HoursReport />
      <Modal
        open={scanning}
        onCancel={() => setScanning(false)}
        footer={null}
        title={t('volunteers.coord.scanVolunteer')}
      >
        <ScanBox
          send={(body) => call('POST /api/volunteers/points/:id/scan', { params: { id: pointId }, body })}
        />
      </Modal>
    </Flex>
  )
}

function HoursReport() {
  const { t } = useTranslation()
  const [by, setBy] = useState<'volunteer' | 'point' | 'unit'>('volunteer')
  const q = useHoursReport(by)
  return (
    <Card
      size="small"
      title={t('volunteers.coord.hours')}
      extra={
        <a href="/api/volunteers/hours/export" download>
          {t('volunteers.coord.export')}
        </a>
      }
    >
      <Segmented
        value={by}
        onChange={(v) => setBy(v as typeof by)}
        options={[
          { value: 'volunteer', label: t('volunteers.coord.byVolunteer') },
          { value: 'point', label: t('volunteers.coord.byPoint') },
          { value: 'unit', label: t('volunteers.coord.byUnit') },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Table
        size="small"
        rowKey={(r) => `${r.id}-${r.name}`}
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 10 }}
        locale={{ emptyText: t('volunteers.coord.hoursEmpty') }}
        columns={[
          { title: t('volunteers.coord.name'), render: (_, r) => r.name || t('volunteers.coord.noUnit') },
          { title: t('volunteers.me.verified'), render: (_, r) => `${hours(r.verifiedMinutes)} h` },
          { title: t('volunteers.me.pending'), render: (_, r) => `${hours(r.pendingMinutes)} h` },
          { title: t('volunteers.me.shifts'), dataIndex: 'shifts' },
        ]}
      />
    </Card>
  )
}
