import { CheckOutlined, CloseOutlined, StopOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ResourceBooking } from '@tongxin/contracts'
import { Alert, App, Button, Card, Empty, Flex, Input, Popconfirm, Skeleton, Tag, Typography } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { exchangeKeys } from './api.ts'

const ZONE = 'Asia/Shanghai'
const STATUS_COLOR: Record<ResourceBooking['status'], string> = {
  pending: 'orange',
  approved: 'green',
  declined: 'red',
  cancelled: 'default',
}

/** `12月8日周二 10:00–12:00` in Shanghai time, whatever the browser's zone. */
export function slotText(startsAt: string, endsAt: string, lang: string) {
  const day = new Intl.DateTimeFormat(lang, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: ZONE,
  })
  const time = new Intl.DateTimeFormat(lang, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: ZONE,
  })
  return `${day.format(new Date(startsAt))} ${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`
}

/** The queries a booking's change touches: the caller's list, the owner's queue, the resource's day. */
export function useRefreshBookings() {
  const client = useQueryClient()
  return () => void client.invalidateQueries({ queryKey: exchangeKeys.resourceBookings() })
}

function BookingCard({ booking: b, actions }: { booking: ResourceBooking; actions?: ReactNode }) {
  const { t, i18n } = useTranslation()
  return (
    <Card
      size="small"
      data-testid="booking-card"
      data-booking-id={b.id}
      title={
        <Typography.Text strong style={{ whiteSpace: 'normal' }}>
          {b.offeringName}
        </Typography.Text>
      }
      extra={
        <Tag
          color={STATUS_COLOR[b.status]}
          data-testid="booking-status"
          data-status={b.status}
          style={{ marginInlineEnd: 0 }}
        >
          {t(`exchange.booking.status.${b.status}`)}
        </Tag>
      }
    >
      <Flex vertical gap={4}>
        <Typography.Text strong>{slotText(b.startsAt, b.endsAt, i18n.language)}</Typography.Text>
        <Typography.Text type="secondary">{b.providerName}</Typography.Text>
        {b.purpose && (
          <Typography.Text style={{ overflowWrap: 'anywhere' }}>
            {t('exchange.booking.purpose')}
            {t('exchange.offering.colon')}
            {b.purpose}
          </Typography.Text>
        )}
        {b.bookedBy && !b.mine && (
          <Typography.Text>
            {t('exchange.booking.bookedBy')}
            {t('exchange.offering.colon')}
            {[b.bookedBy, b.unitName].filter(Boolean).join(' · ')}
          </Typography.Text>
        )}
        {b.decisionNote && (
          <Typography.Text type="secondary" data-testid="booking-note" style={{ overflowWrap: 'anywhere' }}>
            {t('exchange.booking.note')}
            {t('exchange.offering.colon')}
            {b.decisionNote}
          </Typography.Text>
        )}
        {actions && (
          <Flex gap={8} wrap style={{ marginTop: 4 }}>
            {actions}
          </Flex>
        )}
      </Flex>
    </Card>
  )
}

function BookingList({
  query,
  empty,
  testId,
  actions,
}: {
  query: { isPending: boolean; error: Error | null; data?: { items: ResourceBooking[] } }
  empty: string
  testId: string
  actions: (b: ResourceBooking) => ReactNode
}) {
  if (query.isPending) return <Skeleton active />
  if (query.error) return <Alert type="error" showIcon title={query.error.message} />
  const items = query.data?.items ?? []
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
  return (
    <Flex vertical gap={8} data-testid={testId} style={{ maxWidth: 720 }}>
      {items.map((b) => (
        <BookingCard key={b.id} booking={b} actions={actions(b)} />
      ))}
    </Flex>
  )
}

/** 我的预约: the caller's bookings with their state and the owner's note; active future ones can be cancelled. */
export function MyBookings() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const refresh = useRefreshBookings()
  const mine = useQuery({
    queryKey: exchangeKeys.myBookings(),
    queryFn: ({ signal }) => call('GET /api/resource-bookings/mine', { signal }),
  })
  const cancel = useMutation({
    mutationFn: (id: number) => call('POST /api/resource-bookings/:id/cancel', { params: { id } }),
    onSuccess: () => {
      void message.success(t('exchange.booking.cancelled'))
      refresh()
    },
    onError: (e) => void message.error(e.message),
  })
  return (
    <BookingList
      query={mine}
      empty={t('exchange.booking.mineEmpty')}
      testId="my-bookings"
      actions={(b) =>
        (b.status === 'pending' || b.status === 'approved') && new Date(b.endsAt) > new Date() ? (
          <Popconfirm
            title={t('exchange.booking.cancelConfirm')}
            okText={t('exchange.booking.yes')}
            cancelText={t('exchange.booking.no')}
            onConfirm={() => cancel.mutate(b.id)}
          >
            <Button icon={<StopOutlined />} loading={cancel.isPending} data-testid="booking-cancel">
              {t('exchange.booking.cancel')}
            </Button>
          </Popconfirm>
        ) : null
      }
    />
  )
}

function Decide({ booking }: { booking: ResourceBooking }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const refresh = useRefreshBookings()
  const [note, setNote] = useState('')
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'decline') =>
      call(`POST /api/resource-bookings/:id/${decision}`, {
        params: { id: booking.id },
        body: note.trim() ? { note: note.trim() } : {},
      }),
    onSuccess: (b) => {
      void message.success(t(`exchange.booking.${b.status === 'approved' ? 'approved' : 'declined'}`))
      refresh()
    },
    onError: (e) => void message.error(e.message),
  })
  return (
    <Flex vertical gap={8} style={{ width: '100%' }}>
      <Input
        value={note}
        maxLength={200}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('exchange.booking.decisionNote')}
        data-testid="booking-decision-note"
      />
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          loading={decide.isPending && decide.variables === 'approve'}
          disabled={decide.isPending}
          onClick={() => decide.mutate('approve')}
          data-testid="booking-approve"
        >
          {t('exchange.booking.approve')}
        </Button>
        <Button
          danger
          icon={<CloseOutlined />}
          loading={decide.isPending && decide.variables === 'decline'}
          disabled={decide.isPending}
          onClick={() => decide.mutate('decline')}
          data-testid="booking-decline"
        >
          {t('exchange.booking.decline')}
        </Button>
      </Flex>
    </Flex>
  )
}

/** 待我审批: pending bookings of the resources the caller may edit, to approve or decline with a note. */
export function ApprovalQueue() {
  const { t } = useTranslation()
  const queue = useQuery({
    queryKey: exchangeKeys.bookingQueue(),
    queryFn: ({ signal }) => call('GET /api/resource-bookings/queue', { signal }),
  })
  return (
    <BookingList
      query={queue}
      empty={t('exchange.booking.queueEmpty')}
      testId="booking-queue"
      actions={(b) => <Decide booking={b} />}
    />
  )
}
