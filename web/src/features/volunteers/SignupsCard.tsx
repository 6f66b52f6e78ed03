import type { Signup, VerifyBatchBody } from '@tongxin/contracts'
import { Button, Card, Flex, Input, InputNumber, Modal, Switch, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { usePointSignups, useVolunteerAction } from './api.ts'
import { AttendanceTag, shiftTime } from './shared.tsx'

/** A finished sign-up not verified yet: the rows a batch may decide. */
const decidable = (s: Signup) => s.minutes !== null && s.verifiedAt === null

/**
 * 报名与出勤: the point's sign-ups; one row is verified or adjusted on its own, several finished ones are
 * approved or rejected together (the server takes the whole selection or none of it).
 */
export function Signups({ pointId }: { pointId: number }) {
  const { t } = useTranslation()
  const [unverified, setUnverified] = useState(true)
  const [verifying, setVerifying] = useState<Signup | null>(null)
  const [selected, setSelected] = useState<number[]>([])
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const q = usePointSignups(pointId, unverified)
  const rows = q.data ?? []
  const picked = rows.filter((s) => selected.includes(s.id) && decidable(s))
  const batch = useVolunteerAction(
    (body: VerifyBatchBody) => call('POST /api/volunteers/signups/verify-batch', { body }),
    (r) => t('volunteers.batch.done', { count: r.length }),
  )
  const decide = (decision: 'approve' | 'reject') =>
    batch.mutate(
      {
        decision,
        reason: decision === 'reject' ? reason.trim() : undefined,
        items: picked.map((s) => ({ id: s.id, version: s.version })),
      },
      {
        onSuccess: () => {
          setSelected([])
          setRejecting(false)
          setReason('')
        },
        // The selection was refused as a whole; the list is fetched again to show what changed.
        onError: () => void q.refetch(),
      },
    )
  return (
    <Card size="small" title={t('volunteers.coord.signups')}>
      {/* The filter sits with the actions, not in the title bar, where a phone would cut the title short. */}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Flex gap={4} align="center">
          <Switch
            size="small"
            checked={unverified}
            onChange={setUnverified}
            aria-label={t('volunteers.coord.unverifiedOnly')}
          />
          <span>{t('volunteers.coord.unverifiedOnly')}</span>
        </Flex>
        <Button
          type="primary"
          disabled={picked.length === 0}
          loading={batch.isPending && !rejecting}
          onClick={() => decide('approve')}
          data-testid="batch-approve"
        >
          {t('volunteers.batch.approve', { count: picked.length })}
        </Button>
        <Button
          danger
          disabled={picked.length === 0}
          onClick={() => setRejecting(true)}
          data-testid="batch-reject"
        >
          {t('volunteers.batch.reject', { count: picked.length })}
        </Button>
        <Typography.Text type="secondary">{t('volunteers.batch.hint')}</Typography.Text>
      </Flex>
      <Table<Signup>
        size="small"
        rowKey="id"
        loading={q.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 720 }}
        locale={{
          emptyText: unverified ? t('volunteers.batch.emptyUnverified') : t('volunteers.batch.empty'),
        }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
          getCheckboxProps: (s) => ({ disabled: !decidable(s) }),
        }}
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
      <Modal
        open={rejecting}
        title={t('volunteers.batch.reject', { count: picked.length })}
        onCancel={() => setRejecting(false)}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: batch.isPending }}
        onOk={() => decide('reject')}
      >
        <Flex vertical gap={8}>
          <Typography.Text>{picked.map((s) => s.volunteerName).join('、')}</Typography.Text>
          <Input.TextArea
            placeholder={t('volunteers.batch.rejectReason')}
            value={reason}
            maxLength={300}
            onChange={(e) => setReason(e.target.value)}
            data-testid="batch-reject-reason"
          />
        </Flex>
      </Modal>
    </Card>
  )
}

function VerifyModal({ signup, onClose }: { signup: Signup; onClose: () => void }) {
  const { t } = useTranslation()
  const [minutes, setMinutes] = useState(signup.verifiedMinutes ?? signup.minutes ?? 0)
  const [reason, setReason] = useState(signup.adjustReason ?? '')
  const verify = useVolunteerAction(
    () =>
      call('POST /api/volunteers/signups/:id/verify', {
        params: { id: signup.id },
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
