import {
  ArrowLeftOutlined,
  CalendarOutlined,
  EditOutlined,
  QrcodeOutlined,
  ScanOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { Event, QrToken } from '@tongxin/contracts'
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { ApiError, call } from '../../lib/api.ts'
import { eventKeys, formatWhen, useEvent, useEventMutation } from './api.ts'
import { CodeCheckin } from './CodeCheckin.tsx'
import { useCamera } from './camera.ts'
import { STATUS_COLOR } from './EventsPage.tsx'
import { newNonce } from './scan-queue.ts'

export function QrImage({ qr, testId }: { qr: QrToken; testId: string }) {
  return (
    <img
      src={`data:image/svg+xml;utf8,${encodeURIComponent(qr.svg)}`}
      alt={qr.token}
      data-testid={testId}
      style={{ width: '100%', maxWidth: 280, aspectRatio: '1 / 1', display: 'block', margin: '0 auto' }}
    />
  )
}

function MyQr({ event }: { event: Event }) {
  const { t } = useTranslation()
  const qr = useQuery({
    queryKey: eventKeys.myQr(event.id, event.mine?.status),
    queryFn: ({ signal }) => call('GET /api/events/:id/my-qr', { params: { id: event.id }, signal }),
  })
  if (qr.isPending) return <Skeleton.Image active />
  if (qr.error) return <Alert type="warning" showIcon title={qr.error.message} />
  return (
    <Card size="small" title={t('events.page.myQr')}>
      <QrImage qr={qr.data} testId="my-qr" />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('events.page.qrHint')}
      </Typography.Paragraph>
    </Card>
  )
}

/** A member checks themself in by pointing the phone at the door poster's QR code. */
function DoorScan({ eventId }: { eventId: number }) {
  const { t } = useTranslation()
  const checkIn = useEventMutation(
    async (token: string) => {
      await call('POST /api/events/door-scans', { body: { token, nonce: newNonce() } })
      return call('GET /api/events/:id', { params: { id: eventId } })
    },
    () => t('events.page.doorDone'),
  )
  const camera = useCamera(checkIn.mutate, true)
  return (
    <Card size="small">
      <video
        ref={camera.video}
        muted
        playsInline
        style={{ width: '100%', display: camera.on ? 'block' : 'none', borderRadius: 8, background: '#000' }}
      />
      <Button
        block
        icon={<ScanOutlined />}
        onClick={() => camera.setOn(!camera.on)}
        loading={checkIn.isPending}
      >
        {camera.on ? t('events.scan.stopCamera') : t('events.page.doorScan')}
      </Button>
      {camera.failed && <Alert type="warning" title={t('events.scan.noCamera')} style={{ marginTop: 8 }} />}
    </Card>
  )
}

function CancelEvent({ event }: { event: Event }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const cancel = useEventMutation(() =>
    call('POST /api/events/:id/cancel', {
      params: { id: event.id },
      body: { version: event.version, reason },
    }),
  )
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('events.page.cancelEvent')}
      </Button>
      <Modal
        open={open}
        title={t('events.page.cancelEvent')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: cancel.isPending }}
        onOk={() => cancel.mutate(undefined, { onSuccess: () => setOpen(false) })}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('events.page.cancelReason')}
          rows={3}
        />
      </Modal>
    </>
  )
}

/** What an organiser does with their event, first on its page: the check-in desk, the scanner, editing. */
function OrganiserTools({ event: e, over }: { event: Event; over: boolean }) {
  const { t } = useTranslation()
  return (
    <Card size="small" title={t('events.page.organiserTools')} data-testid="organiser-tools">
      <Flex vertical gap={8}>
        <Typography.Text>
          {t('events.page.counter', {
            checkedIn: e.attended,
            registered: e.registered,
            capacity: e.capacity,
          })}
        </Typography.Text>
        <Flex gap={8} wrap>
          <Link to={`/events/${e.id}/checkin`} style={{ flex: '1 1 160px' }}>
            <Button type="primary" size="large" block icon={<TeamOutlined />} data-testid="open-desk">
              {t('events.page.manage')}
            </Button>
          </Link>
          <Link to={`/events/${e.id}/scan`} style={{ flex: '1 1 160px' }}>
            <Button size="large" block icon={<ScanOutlined />} data-testid="open-scanner">
              {t('events.page.scanner')}
            </Button>
          </Link>
        </Flex>
        {e.status === 'scheduled' && !over && (
          <Flex gap={8} wrap>
            <Link to={`/events/${e.id}/edit`}>
              <Button icon={<EditOutlined />} data-testid="edit-event">
                {t('events.page.edit')}
              </Button>
            </Link>
            <CancelEvent event={e} />
          </Flex>
        )}
      </Flex>
    </Card>
  )
}

/** 活动详情: what, when, where, who speaks; register or join the waitlist, my QR, and the organiser's tools. */
export function EventPage() {
  const { t, i18n } = useTranslation()
  const id = Number(useParams().id)
  const event = useEvent(id)
  const register = useEventMutation(
    () => call('POST /api/events/:id/registrations', { params: { id }, body: {} }),
    (e) =>
      e.mine?.status === 'waitlisted'
        ? t('events.page.waitlisted', { position: e.mine.waitlistPosition })
        : t('events.page.registered'),
  )
  const cancel = useEventMutation(() => call('DELETE /api/events/:id/registrations/mine', { params: { id } }))
  if (event.error instanceof ApiError && event.error.status === 404) return <NotFound />
  if (event.error) return <LoadError error={event.error} onRetry={() => void event.refetch()} />
  if (event.isPending) return <Skeleton active />
  const e = event.data
  const over = new Date(e.endsAt).getTime() < Date.now()
  const full = e.registered >= e.capacity
  const margin = e.checkinMarginMinutes * 60_000
  const checkinOpen =
    Date.now() >= new Date(e.startsAt).getTime() - margin &&
    Date.now() <= new Date(e.endsAt).getTime() + margin
  const mine = e.mine
  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Link to="/events">
        <ArrowLeftOutlined /> {t('events.page.back')}
      </Link>
      <Flex gap={6} wrap>
        <Tag color="red">{t(`events.kinds.${e.kind}`)}</Tag>
        <Tag>{t(`events.themes.${e.theme}`)}</Tag>
      </Flex>
      <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="event-title">
        {e.title}
      </Typography.Title>
      {e.status === 'cancelled' && (
        <Alert type="error" showIcon title={t('events.page.cancelledNotice', { reason: e.cancelReason })} />
      )}
      {over && e.status !== 'cancelled' && <Alert type="info" title={t('events.page.over')} />}
      {e.canManage && <OrganiserTools event={e} over={over} />}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('events.page.when')}>
          {formatWhen(e.startsAt, e.endsAt, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('events.page.where')}>
          {[e.areaName, e.venueName, e.location].filter(Boolean).join(' · ')}
        </Descriptions.Item>
        {e.lecturers.length > 0 && (
          <Descriptions.Item label={t('events.page.lecturers')}>
            {e.lecturers.map((l) => (
              <div key={l.id}>
                <Tag>{t(`events.lecturerKinds.${l.kind}`)}</Tag>
                {l.name} {l.organisation} {l.title}
              </div>
            ))}
          </Descriptions.Item>
        )}
        {e.campaignName && (
          <Descriptions.Item label={t('events.page.campaign')}>{e.campaignName}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('events.page.audience')}>
          {e.audience === 'all' ? t('events.page.audienceAll') : t('events.page.audienceLimited')}
        </Descriptions.Item>
        <Descriptions.Item label={t('events.form.capacity')}>
          {t('events.list.seats', { registered: e.registered, capacity: e.capacity })}
          {e.waitlisted > 0 && ` · ${t('events.list.waitlist', { count: e.waitlisted })}`}
        </Descriptions.Item>
      </Descriptions>
      {e.description && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.description}</Typography.Paragraph>
      )}
      <Flex gap={8} wrap>
        {!mine && e.status === 'scheduled' && !over && (
          <Button
            type={e.canManage ? 'default' : 'primary'}
            size={e.canManage ? 'middle' : 'large'}
            block={!e.canManage}
            onClick={() => register.mutate(undefined)}
            loading={register.isPending}
            data-testid="register"
          >
            {full ? t('events.page.joinWaitlist') : t('events.page.register')}
          </Button>
        )}
        {mine && (
          <Tag
            color={STATUS_COLOR[mine.status]}
            style={{ fontSize: 16, padding: '4px 12px' }}
            data-testid="my-status"
          >
            {t(`events.statuses.${mine.status}`)}
            {mine.waitlistPosition ? ` #${mine.waitlistPosition}` : ''}
          </Tag>
        )}
        {mine && (mine.status === 'registered' || mine.status === 'waitlisted') && !over && (
          <Popconfirm title={t('events.page.cancelConfirm')} onConfirm={() => cancel.mutate(undefined)}>
            <Button loading={cancel.isPending} data-testid="cancel-registration">
              {t('events.page.cancel')}
            </Button>
          </Popconfirm>
        )}
        <Button icon={<CalendarOutlined />} href={`/api/events/${e.id}/ics`}>
          {t('events.page.ics')}
        </Button>
      </Flex>
      {mine && (mine.status === 'registered' || mine.status === 'attended') && e.status === 'scheduled' && (
        <>
          {!mine.inside && !over && (
            <>
              {checkinOpen && <CodeCheckin eventId={e.id} />}
              <DoorScan eventId={e.id} />
            </>
          )}
          <MyQr event={e} />
        </>
      )}
      {!e.canManage && mine === null && e.status === 'scheduled' && (
        <Typography.Text type="secondary">
          <QrcodeOutlined /> {t('events.page.qrHint')}
        </Typography.Text>
      )}
    </Flex>
  )
}
