import { useQuery } from '@tanstack/react-query'
import type { Shift, Signup, VolunteerScanResult } from '@tongxin/contracts'
import {
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Skeleton,
  Switch,
  Table,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../lib/api.ts'
import { ScanBox } from './ScanBox.tsx'
import { AttendanceTag, hours, shiftTime, usePoints, useRoles, useVolunteerAction, VKEY } from './shared.tsx'

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
      <NewShift pointId={pointId} />
      <Signups pointId={pointId} />
      <HoursReport />
      <Modal
        open={scanning}
        onCancel={() => setScanning(false)}
        footer={null}
        title={t('volunteers.coord.scanVolunteer')}
      >
        <ScanBox
          send={(b) =>
            api<VolunteerScanResult>(`/api/volunteers/points/${pointId}/scan`, { method: 'POST', body: b })
          }
        />
      </Modal>
    </Flex>
  )
}

function NewShift({ pointId }: { pointId: number }) {
  const { t } = useTranslation()
  const roles = useRoles()
  const create = useVolunteerAction(
    (v: { starts: string; ends: string; roleId: number; needed: number }) =>
      api<Shift>('/api/volunteers/shifts', {
        method: 'POST',
        body: {
          pointId,
          startsAt: new Date(`${v.starts}:00+08:00`).toISOString(),
          endsAt: new Date(`${v.ends}:00+08:00`).toISOString(),
          needs: [{ roleId: v.roleId, needed: v.needed }],
        },
      }),
    () => t('volunteers.coord.created'),
  )
  return (
    <Card size="small" title={t('volunteers.coord.newShift')}>
      <Form layout="inline" onFinish={(v) => create.mutate(v)} style={{ rowGap: 8 }}>
        <Form.Item name="starts" label={t('volunteers.coord.starts')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="ends" label={t('volunteers.coord.ends')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="roleId" label={t('volunteers.coord.role')} rules={[{ required: true }]}>
          <Select
            style={{ width: 140 }}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
        <Form.Item
          name="needed"
          label={t('volunteers.coord.needed')}
          initialValue={2}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={50} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('volunteers.coord.create')}
        </Button>
      </Form>
    </Card>
  )
}

function Signups({ pointId }: { pointId: number }) {
  const { t } = useTranslation()
  const [unverified, setUnverified] = useState(true)
  const [verifying, setVerifying] = useState<Signup | null>(null)
  const q = useQuery({
    queryKey: [...VKEY, 'point-signups', pointId, unverified],
    queryFn: ({ signal }) =>
      api<Signup[]>(`/api/volunteers/points/${pointId}/signups`, {
        signal,
        query: { unverified: unverified ? 'true' : undefined },
      }),
  })
  return (
    <Card
      size="small"
      title={t('volunteers.coord.signups')}
      extra={
        <Flex gap={4} align="center">
          <Switch size="small" checked={unverified} onChange={setUnverified} />
          <span>{t('volunteers.coord.unverifiedOnly')}</span>
        </Flex>
      }
    >
      <Table<Signup>
        size="small"
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 720 }}
        columns={[
          { title: t('volunteers.coord.volunteer'), dataIndex: 'volunteerName' },
          { title: t('volunteers.coord.role'), dataIndex: 'roleName' },
          { title: t('volunteers.coord.time'), render: (_, s) => shiftTime(s.startsAt, s.endsAt) },
          { title: t('volunteers.coord.status'), render: (_, s) => <AttendanceTag s={s} /> },
          { title: t('volunteers.coord.minutes'), dataIndex: 'minutes' },
          { title: t('volunteers.coord.verifiedMinutes'), dataIndex: 'verifiedMinutes' },
          {
            title: '',
            render: (_, s) =>
              s.minutes !== null && (
                <Button size="small" onClick={() => setVerifying(s)}>
                  {t('volunteers.coord.verify')}
                </Button>
              ),
          },
        ]}
      />
      {verifying && <VerifyModal signup={verifying} onClose={() => setVerifying(null)} />}
    </Card>
  )
}

function VerifyModal({ signup, onClose }: { signup: Signup; onClose: () => void }) {
  const { t } = useTranslation()
  const [minutes, setMinutes] = useState(signup.verifiedMinutes ?? signup.minutes ?? 0)
  const [reason, setReason] = useState(signup.adjustReason ?? '')
  const verify = useVolunteerAction(
    () =>
      api<Signup>(`/api/volunteers/signups/${signup.id}/verify`, {
        method: 'POST',
        body: { version: signup.version, minutes, reason: reason || undefined },
      }),
    () => t('volunteers.coord.verifiedOk'),
  )
  const adjusted = minutes !== signup.minutes
  return (
    <Modal
      open
      title={`${t('volunteers.coord.verify')} · ${signup.volunteerName}`}
      onCancel={onClose}
      okText={adjusted ? t('volunteers.coord.adjust') : t('volunteers.coord.approve')}
      okButtonProps={{ disabled: adjusted && !reason.trim(), loading: verify.isPending }}
      onOk={() => verify.mutate(undefined, { onSuccess: onClose })}
    >
      <Flex vertical gap={8}>
        <Typography.Text>
          {shiftTime(signup.startsAt, signup.endsAt)} · {t('volunteers.coord.minutes')} {signup.minutes}
        </Typography.Text>
        <InputNumber
          min={0}
          max={720}
          value={minutes}
          onChange={(v) => setMinutes(v ?? 0)}
          addonAfter="min"
        />
        {adjusted && (
          <>
            <Input.TextArea
              placeholder={t('volunteers.coord.reason')}
              value={reason}
              maxLength={300}
              onChange={(e) => setReason(e.target.value)}
            />
            <Typography.Text type="secondary">{t('volunteers.coord.reasonRequired')}</Typography.Text>
          </>
        )}
      </Flex>
    </Modal>
  )
}

function HoursReport() {
  const { t } = useTranslation()
  const [by, setBy] = useState<'volunteer' | 'point' | 'unit'>('volunteer')
  const q = useQuery({
    queryKey: [...VKEY, 'hours', by],
    queryFn: ({ signal }) =>
      api<
        Array<{
          id: number | null
          name: string
          verifiedMinutes: number
          pendingMinutes: number
          shifts: number
        }>
      >('/api/volunteers/hours', { signal, query: { by } }),
  })
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
