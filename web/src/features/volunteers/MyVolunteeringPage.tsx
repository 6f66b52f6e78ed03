import type { Signup, VolunteerProfile } from '@tongxin/contracts'
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Skeleton,
  Statistic,
  Switch,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../lib/api.ts'
import { useSession } from '../auth/session.ts'
import {
  useLeaderboard,
  useMyHours,
  useMySignups,
  useProfile,
  useRotatingQr,
  useVolunteerAction,
} from './api.ts'
import { ScanBox } from './ScanBox.tsx'
import { AttendanceTag, hours, QrImage, shiftTime } from './shared.tsx'

/** 我的志愿服务 (phone-first): register, my shifts with my code, scan the point's code, my hours, thanks board. */
export function MyVolunteeringPage() {
  const { t } = useTranslation()
  const profile = useProfile()
  if (profile.isPending) return <Skeleton active />
  if (profile.error) return <Alert type="error" showIcon title={profile.error.message} />
  const p = profile.data.profile
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('volunteers.me.title')}
      </Typography.Title>
      {p ? <Registered profile={p} /> : <RegisterForm />}
    </Flex>
  )
}

function RegisterForm() {
  const { t } = useTranslation()
  const me = useSession()
  const register = useVolunteerAction((body: { displayName: string }) =>
    call('POST /api/volunteers/me', { body }),
  )
  return (
    <Card title={t('volunteers.me.register')}>
      <Typography.Paragraph type="secondary">{t('volunteers.me.registerHint')}</Typography.Paragraph>
      <Form
        layout="vertical"
        initialValues={{ displayName: me.account.displayName }}
        onFinish={(v: { displayName: string }) => register.mutate(v)}
      >
        <Form.Item
          name="displayName"
          label={t('volunteers.me.displayName')}
          rules={[{ required: true, max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={register.isPending}
          data-testid="register-volunteer"
        >
          {t('volunteers.me.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function Registered({ profile }: { profile: VolunteerProfile }) {
  const { t } = useTranslation()
  const upcoming = useMySignups('upcoming')
  const past = useMySignups('past')
  const [qrFor, setQrFor] = useState<Signup | null>(null)
  const cancel = useVolunteerAction((id: number) =>
    call('DELETE /api/volunteers/signups/:id', { params: { id } }),
  )
  const scan = useVolunteerAction((body: { token: string; nonce: string; action: 'in' | 'out' }) =>
    call('POST /api/volunteers/scan', { body }),
  )
  return (
    <>
      <Card size="small" title={t('volunteers.me.qualifications')}>
        {profile.qualifications.length === 0 ? (
          <Typography.Text type="secondary">{t('volunteers.me.noQualifications')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {profile.qualifications.map((q) => (
              <Tag key={q.code} color="green">
                {t(`volunteers.quals.${q.code as 'sorting_training'}`, { defaultValue: q.code })}
              </Tag>
            ))}
          </Flex>
        )}
      </Card>
      <Card
        size="small"
        title={t('volunteers.me.upcoming')}
        extra={<Link to="/volunteer-shifts">{t('volunteers.me.toBoard')}</Link>}
      >
        {upcoming.isPending ? (
          <Skeleton active />
        ) : (upcoming.data ?? []).length === 0 ? (
          <Empty description={t('volunteers.me.noUpcoming')} />
        ) : (
          <List
            data-testid="my-shifts"
            dataSource={upcoming.data}
            renderItem={(s) => (
              <List.Item data-testid="my-shift" data-signup={s.id}>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Typography.Text strong>{s.pointName}</Typography.Text>
                    <span>
                      <Tag>{s.roleName}</Tag>
                      <AttendanceTag s={s} />
                    </span>
                  </Flex>
                  <Typography.Text type="secondary">{shiftTime(s.startsAt, s.endsAt)}</Typography.Text>
                  <Flex gap={8}>
                    <Button size="small" onClick={() => setQrFor(s)} data-testid="show-my-qr">
                      {t('volunteers.me.myQr')}
                    </Button>
                    {s.attendance === 'upcoming' && new Date(s.startsAt).getTime() > Date.now() && (
                      <Button size="small" danger onClick={() => cancel.mutate(s.id)}>
                        {t('volunteers.board.cancel')}
                      </Button>
                    )}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('volunteers.me.scan')}>
        <ScanBox send={(b) => scan.mutateAsync(b)} />
      </Card>
      <MyHours />
      <ThanksBoard profile={profile} />
      {(past.data ?? []).length > 0 && (
        <Card size="small" title={t('volunteers.me.past')}>
          <List
            dataSource={past.data}
            renderItem={(s) => (
              <List.Item>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <span>{s.pointName}</span>
                    <span>
                      <AttendanceTag s={s} />
                      {s.verifiedMinutes !== null && <Tag color="green">{s.verifiedMinutes} min</Tag>}
                    </span>
                  </Flex>
                  <Typography.Text type="secondary">{shiftTime(s.startsAt, s.endsAt)}</Typography.Text>
                  {s.adjustReason && (
                    <Typography.Text type="secondary">
                      {t('volunteers.me.adjusted', { reason: s.adjustReason })}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Modal
        open={qrFor !== null}
        onCancel={() => setQrFor(null)}
        footer={null}
        title={t('volunteers.me.myQr')}
        width={360}
      >
        {qrFor && <MyQr signup={qrFor} />}
      </Modal>
    </>
  )
}

function MyQr({ signup }: { signup: Signup }) {
  const { t } = useTranslation()
  const qr = useRotatingQr({ kind: 'signup', id: signup.id })
  return (
    <Flex vertical align="center" gap={8}>
      <Typography.Text strong>{signup.pointName}</Typography.Text>
      <Typography.Text type="secondary">{shiftTime(signup.startsAt, signup.endsAt)}</Typography.Text>
      {qr.data ? <QrImage qr={qr.data} /> : <Skeleton.Image active />}
      <Typography.Text type="secondary">{t('volunteers.me.qrHint')}</Typography.Text>
    </Flex>
  )
}

function MyHours() {
  const { t } = useTranslation()
  const q = useMyHours()
  if (!q.data) return null
  return (
    <Card size="small" title={t('volunteers.me.hours')} data-testid="my-hours">
      <Flex gap={16} wrap>
        <Statistic title={t('volunteers.me.verified')} value={hours(q.data.verifiedMinutes)} suffix="h" />
        <Statistic title={t('volunteers.me.pending')} value={hours(q.data.pendingMinutes)} suffix="h" />
        <Statistic title={t('volunteers.me.shifts')} value={q.data.shifts} />
        <Statistic title={t('volunteers.me.noShows')} value={q.data.noShows} />
      </Flex>
    </Card>
  )
}

function ThanksBoard({ profile }: { profile: VolunteerProfile }) {
  const { t } = useTranslation()
  const board = useLeaderboard()
  const hide = useVolunteerAction((hidden: boolean) =>
    call('PATCH /api/volunteers/me', { body: { version: profile.version, hideFromLeaderboard: hidden } }),
  )
  return (
    <Card size="small" title={t('volunteers.thanks.title')} data-testid="thanks-board">
      <Typography.Paragraph type="secondary">{t('volunteers.thanks.note')}</Typography.Paragraph>
      <Flex component="label" gap={8} align="center" style={{ marginBottom: 8 }}>
        <Switch
          checked={profile.hideFromLeaderboard}
          loading={hide.isPending}
          onChange={(v) => hide.mutate(v)}
          data-testid="hide-from-board"
        />
        <span>{t('volunteers.thanks.hide')}</span>
      </Flex>
      {(board.data?.items ?? []).length === 0 ? (
        <Typography.Text type="secondary">{t('volunteers.thanks.empty')}</Typography.Text>
      ) : (
        <Flex gap={6} wrap>
          {board.data!.items.map((i) => (
            <Tag key={`${i.displayName}-${i.verifiedMinutes}`} color={i.me ? 'gold' : 'green'}>
              {i.displayName}
              {i.me ? `（${t('volunteers.thanks.me')}）` : ''} ·{' '}
              {t('volunteers.me.hoursValue', { h: hours(i.verifiedMinutes) })}
            </Tag>
          ))}
        </Flex>
      )}
    </Card>
  )
}
