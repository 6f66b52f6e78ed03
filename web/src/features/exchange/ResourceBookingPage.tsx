import { CalendarOutlined, ClockCircleOutlined, ShopOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import type { Me, Offering, ResourceBookingInput } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { useListParams } from '../registry/useListParams.ts'
import { exchangeKeys } from './api.ts'
import { openingHoursText } from './ListsPage.tsx'
import { ApprovalQueue, MyBookings, slotText, useRefreshBookings } from './ResourceBookingLists.tsx'

interface Values {
  day: string
  start: string
  end: string
  purpose: string
  unitId?: number
}

const DAY_MS = 86_400_000
/** The Shanghai calendar day `offset` days from now (YYYY-MM-DD). */
const shanghaiDay = (offset = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * DAY_MS).toISOString().slice(0, 10)
/** The first day from tomorrow on which the resource opens (any day when it keeps no hours), and its first window. */
function firstOpenDay(hours: Offering['openingHours']) {
  for (let offset = 1; offset <= 7; offset++) {
    const day = shanghaiDay(offset)
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7
    const windows = hours.filter((h) => h.day === weekday).sort((a, b) => a.opens.localeCompare(b.opens))
    if (hours.length === 0 || windows.length > 0) return { day, opens: windows[0]?.opens }
  }
  return { day: shanghaiDay(1), opens: undefined }
}
/** `hh:mm` plus an hour, kept within the day. */
const hourLater = (hhmm: string) =>
  `${String(Math.min(Number(hhmm.slice(0, 2)) + 1, 23)).padStart(2, '0')}${hhmm.slice(2)}`
/** A day and a time typed in Shanghai local time → an instant. */
const instant = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString()

/** The slots already held on the chosen day, so the booker picks a free one before the server has to refuse. */
function TakenSlots({ offeringId, day }: { offeringId: number; day: string | undefined }) {
  const { t, i18n } = useTranslation()
  const valid = day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day)
  const taken = useQuery({
    queryKey: exchangeKeys.bookingDay(offeringId, day!),
    queryFn: ({ signal }) =>
      call('GET /api/offerings/:id/bookings', {
        params: { id: offeringId },
        query: {
          from: instant(day!, '00:00'),
          to: new Date(new Date(instant(day!, '00:00')).getTime() + DAY_MS).toISOString(),
        },
        signal,
      }),
    enabled: valid,
  })
  if (!valid || !taken.data) return null
  const items = taken.data.items
  return (
    <Flex vertical gap={4} data-testid="booking-taken" style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">
        {items.length ? t('exchange.booking.form.taken') : t('exchange.booking.form.free')}
      </Typography.Text>
      {items.length > 0 && (
        <Flex gap={4} wrap>
          {items.map((b) => (
            <Tag key={b.id} color={b.status === 'approved' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
              {slotText(b.startsAt, b.endsAt, i18n.language).split(' ').at(-1)}
              {' · '}
              {t(`exchange.booking.status.${b.status}`)}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  )
}

/** The booking form for one resource: the server's refusal (overlap, hours, eligibility) shows on the form. */
function BookingForm({ offering, onDone }: { offering: Offering; onDone: () => void }) {
  const { t } = useTranslation()
  const me = useSession()
  const { message } = App.useApp()
  const refresh = useRefreshBookings()
  const [form] = Form.useForm<Values>()
  const day = Form.useWatch('day', form)
  const units = me.grants.filter((g) => g.scopeType === 'unit' && g.scopeId)
  // Suggest a slot the resource is open for: its next opening day, an hour from its opening (or 10:00).
  const first = firstOpenDay(offering.openingHours)
  const start = first.opens && first.opens > '10:00' ? first.opens : '10:00'
  const book = useMutation({
    mutationFn: (v: Values) =>
      call('POST /api/offerings/:id/bookings', {
        params: { id: offering.id },
        body: {
          purpose: v.purpose.trim(),
          startsAt: instant(v.day, v.start),
          endsAt: instant(v.day, v.end),
          ...(v.unitId ? { unitId: v.unitId } : {}),
        } satisfies ResourceBookingInput,
      }),
    onSuccess: (b) => {
      void message.success(
        t(b.status === 'pending' ? 'exchange.booking.form.requested' : 'exchange.booking.form.booked'),
      )
      refresh()
      onDone()
    },
  })
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ day: first.day, start, end: hourLater(start) }}
      onFinish={(v) => book.mutate(v)}
      onValuesChange={() => book.error && book.reset()}
    >
      {offering.bookingNeedsApproval && (
        <Alert
          type="info"
          showIcon
          title={t('exchange.booking.form.approvalNote')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Flex gap={6} align="baseline" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          <ClockCircleOutlined />
        </Typography.Text>
        <Typography.Text style={{ fontSize: 13 }}>
          {openingHoursText(t, offering.openingHours) ?? t('exchange.offering.byAppointment')}
        </Typography.Text>
      </Flex>
      <Form.Item name="day" label={t('exchange.booking.form.day')} rules={[{ required: true }]}>
        <Input type="date" min={shanghaiDay()} data-testid="booking-day" />
      </Form.Item>
      <TakenSlots offeringId={offering.id} day={day} />
      <Flex gap={12}>
        <Form.Item
          name="start"
          label={t('exchange.booking.form.start')}
          rules={[{ required: true }]}
          style={{ flex: 1 }}
        >
          <Input type="time" step={900} data-testid="booking-start" />
        </Form.Item>
        <Form.Item
          name="end"
          label={t('exchange.booking.form.end')}
          rules={[{ required: true }]}
          style={{ flex: 1 }}
        >
          <Input type="time" step={900} data-testid="booking-end" />
        </Form.Item>
      </Flex>
      <Form.Item
        name="purpose"
        label={t('exchange.booking.form.purpose')}
        rules={[{ required: true, min: 2, max: 200, whitespace: true }]}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          placeholder={t('exchange.booking.form.purposePlaceholder')}
          data-testid="booking-purpose"
        />
      </Form.Item>
      {units.length > 0 && (
        <Form.Item name="unitId" label={t('exchange.booking.form.unit')}>
          <Select
            allowClear
            placeholder={t('exchange.booking.form.unitPlaceholder')}
            options={units.map((g) => ({ value: Number(g.scopeId), label: g.scopeName ?? `#${g.scopeId}` }))}
          />
        </Form.Item>
      )}
      {book.error && (
        <Alert
          type="error"
          showIcon
          title={book.error.message}
          data-testid="booking-error"
          style={{ marginBottom: 16 }}
        />
      )}
      <Button type="primary" htmlType="submit" block loading={book.isPending} data-testid="booking-submit">
        {t('exchange.booking.form.submit')}
      </Button>
    </Form>
  )
}

function ResourceCard({ offering: o, onBook }: { offering: Offering; onBook: () => void }) {
  const { t } = useTranslation()
  const paused = o.status !== 'active'
  return (
    <Card
      size="small"
      data-testid="bookable-resource"
      data-offering-id={o.id}
      // The Book button sits at the foot of every card of a row, whatever the description's length.
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      styles={{ body: { flex: 1, display: 'flex', flexDirection: 'column' } }}
      title={
        <Typography.Text strong style={{ whiteSpace: 'normal' }}>
          {o.name}
        </Typography.Text>
      }
      extra={
        <Tag color={o.bookingNeedsApproval ? 'orange' : 'green'} style={{ marginInlineEnd: 0 }}>
          {t(o.bookingNeedsApproval ? 'exchange.booking.needsApproval' : 'exchange.booking.instant')}
        </Tag>
      }
    >
      <Flex vertical gap={6} style={{ flex: 1 }}>
        {o.description && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {o.description}
          </Typography.Paragraph>
        )}
        <Typography.Text style={{ fontSize: 13 }}>
          <ShopOutlined /> {o.providerName}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 13 }}>
          <ClockCircleOutlined />{' '}
          {openingHoursText(t, o.openingHours) ?? t('exchange.offering.byAppointment')}
        </Typography.Text>
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 'auto' }}>
          {paused ? <Tag>{t(`exchange.offering.status.${o.status}`)}</Tag> : <span />}
          <Button
            type="primary"
            icon={<CalendarOutlined />}
            disabled={paused}
            onClick={onBook}
            data-testid="resource-book"
          >
            {t('exchange.booking.book')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  )
}

/**
 * The one area the session's grants all lie in, to list only resources serving it; null (no filter) for city
 * grants, several areas or grants on buildings, units or organisations — the server refuses a resource out of
 * the caller's areas on booking (resource_out_of_area), in the user's language on the form.
 */
function ownArea(me: Me): string | null {
  const areas = new Set(me.grants.map((g) => (g.scopeType === 'area' ? g.scopeId : null)))
  const [only] = areas
  return areas.size === 1 && only ? only : null
}

function BookableResources() {
  const { t } = useTranslation()
  const me = useSession()
  const area = ownArea(me)
  const [booking, setBooking] = useState<Offering | null>(null)
  const resources = useQuery({
    queryKey: exchangeKeys.bookable(area),
    queryFn: ({ signal }) =>
      call('GET /api/offerings', {
        query: { list: 'resource', bookable: true, area: area ?? undefined, limit: 100 },
        signal,
      }),
  })
  if (resources.isPending) return <Skeleton active />
  if (resources.error) return <Alert type="error" showIcon title={resources.error.message} />
  if (resources.data.items.length === 0) return <Empty description={t('exchange.booking.empty')} />
  return (
    <>
      <Row gutter={[12, 12]} data-testid="bookable-resources">
        {resources.data.items.map((o) => (
          <Col key={o.id} xs={24} md={12} xl={8}>
            <ResourceCard offering={o} onBook={() => setBooking(o)} />
          </Col>
        ))}
      </Row>
      <Modal
        open={booking !== null}
        title={booking ? t('exchange.booking.form.title', { name: booking.name }) : null}
        footer={null}
        onCancel={() => setBooking(null)}
        destroyOnHidden
      >
        {booking && <BookingForm offering={booking} onDone={() => setBooking(null)} />}
      </Modal>
    </>
  )
}

/**
 * 资源预约: the alliance's shared rooms and instruments booked by the hour under the station rooms' rules
 * (no overlap; approval by the owner where the resource asks for it). Bookers see the bookable resources and
 * their own bookings; owners (offering.write) also the requests waiting for them.
 */
export function ResourceBookingPage() {
  const { t } = useTranslation()
  const me = useSession()
  const { values, set } = useListParams(['tab'] as const)
  const owner = hasPermission(me, 'offering.write')
  const tabs = ['resources', 'mine', ...(owner ? ['queue' as const] : [])] as const
  const tab = tabs.find((k) => k === values.tab) ?? 'resources'
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('exchange.booking.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 720 }}>
        {t('exchange.booking.intro')}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => set('tab', key === 'resources' ? null : key)}
        items={tabs.map((k) => ({
          key: k,
          label: <span data-testid={`booking-tab-${k}`}>{t(`exchange.booking.tabs.${k}`)}</span>,
          children:
            k === 'resources' ? <BookableResources /> : k === 'mine' ? <MyBookings /> : <ApprovalQueue />,
        }))}
      />
    </Flex>
  )
}
