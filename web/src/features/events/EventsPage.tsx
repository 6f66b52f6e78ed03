import { CalendarOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import { EVENT_KINDS, type Event, type EventKind } from '@tongxin/contracts'
import {
  Alert,
  Badge,
  Button,
  Calendar,
  Card,
  Empty,
  Flex,
  Modal,
  Segmented,
  Select,
  Skeleton,
  Switch,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { formatWhen, shanghaiDay, useEvents } from './api.ts'

export const STATUS_COLOR: Record<string, string> = {
  registered: 'green',
  waitlisted: 'orange',
  attended: 'blue',
  no_show: 'default',
  cancelled: 'default',
}

export function EventCard({ event }: { event: Event }) {
  const { t, i18n } = useTranslation()
  const full = event.registered >= event.capacity
  return (
    <Link to={`/events/${event.id}`} data-testid={`event-card-${event.id}`}>
      <Card size="small" hoverable>
        <Flex vertical gap={4}>
          <Flex gap={6} wrap align="center">
            <Tag color="red">{t(`events.kinds.${event.kind}`)}</Tag>
            <Tag>{t(`events.themes.${event.theme}`)}</Tag>
            {event.status === 'cancelled' && <Tag color="default">{t('events.list.cancelled')}</Tag>}
            {event.mine && (
              <Tag color={STATUS_COLOR[event.mine.status]}>{t(`events.statuses.${event.mine.status}`)}</Tag>
            )}
          </Flex>
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {event.title}
          </Typography.Text>
          <Typography.Text type="secondary">
            {formatWhen(event.startsAt, event.endsAt, i18n.language)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
            {event.venueName ?? event.location ?? event.areaName}
          </Typography.Text>
          <Flex gap={8}>
            <Typography.Text>
              {t('events.list.seats', { registered: event.registered, capacity: event.capacity })}
            </Typography.Text>
            {full && event.status !== 'cancelled' && <Tag color="orange">{t('events.list.full')}</Tag>}
            {event.waitlisted > 0 && (
              <Typography.Text type="secondary">
                {t('events.list.waitlist', { count: event.waitlisted })}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      </Card>
    </Link>
  )
}

function FeedButton() {
  const { t } = useTranslation()
  const [url, setUrl] = useState<string | null>(null)
  const reset = useMutation({
    mutationFn: () => call('POST /api/calendar/feed-token'),
    onSuccess: (r) => setUrl(`${window.location.origin}${r.path}`),
  })
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={() => reset.mutate()} loading={reset.isPending}>
        {t('events.list.feed')}
      </Button>
      <Modal open={url !== null} onCancel={() => setUrl(null)} footer={null} title={t('events.list.feed')}>
        <Typography.Paragraph>{t('events.list.feedHint')}</Typography.Paragraph>
        <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }}>
          {url}
        </Typography.Paragraph>
        <Button onClick={() => reset.mutate()}>{t('events.list.feedReset')}</Button>
      </Modal>
    </>
  )
}

/** 活动日历: the coming weeks as a list on a phone, or a month calendar; filters by kind and "mine". */
export function EventsPage() {
  const { t } = useTranslation()
  const me = useSession()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const [view, setView] = useState<'list' | 'calendar'>('list')
  const [kind, setKind] = useState<EventKind | undefined>()
  const [mine, setMine] = useState(false)
  const [month, setMonth] = useState<Dayjs>(dayjs())
  const [day, setDay] = useState<string | null>(null)
  const range =
    view === 'calendar'
      ? {
          from: month.startOf('month').subtract(7, 'day').toISOString(),
          to: month.endOf('month').add(7, 'day').toISOString(),
        }
      : {}
  const list = useEvents({ ...range, kind, mine })
  const byDay = useMemo(() => {
    const map = new Map<string, Event[]>()
    for (const e of list.data?.items ?? []) {
      const d = shanghaiDay(e.startsAt)
      map.set(d, [...(map.get(d) ?? []), e])
    }
    return map
  }, [list.data])
  const shown = view === 'calendar' && day ? (byDay.get(day) ?? []) : (list.data?.items ?? [])
  return (
    <Flex vertical gap={12} style={{ maxWidth: 900 }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('events.list.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <FeedButton />
          {hasPermission(me, 'event.manage') && (
            <Link to="/events/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-event">
                {t('events.list.new')}
              </Button>
            </Link>
          )}
        </Flex>
      </Flex>
      <Flex gap={8} wrap align="center">
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'list' | 'calendar')}
          options={[
            { value: 'list', label: t('events.list.view.list') },
            { value: 'calendar', label: t('events.list.view.calendar') },
          ]}
        />
        <Select<EventKind>
          allowClear
          placeholder={t('events.list.allKinds')}
          aria-label={t('events.list.allKinds')}
          value={kind}
          onChange={setKind}
          style={{ width: isPhone ? 130 : 160 }}
          options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
        />
        <Flex component="label" gap={6} align="center">
          <Switch checked={mine} onChange={setMine} data-testid="only-mine" />
          <span>{t('events.list.mine')}</span>
        </Flex>
      </Flex>
      {view === 'calendar' && (
        <Card size="small">
          <Calendar
            fullscreen={false}
            value={day ? dayjs(day) : month}
            onPanelChange={(d) => setMonth(d)}
            onSelect={(d) => {
              setMonth(d)
              setDay(d.format('YYYY-MM-DD'))
            }}
            cellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode
              const n = byDay.get(d.format('YYYY-MM-DD'))?.length ?? 0
              return n > 0 ? <Badge count={n} size="small" color="#c41d26" /> : null
            }}
          />
        </Card>
      )}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.isPending ? (
        <Skeleton active />
      ) : shown.length === 0 ? (
        <Empty
          data-testid="events-empty"
          description={
            hasPermission(me, 'event.manage') ? t('events.list.emptyOrganiser') : t('events.list.empty')
          }
        />
      ) : (
        <Flex vertical gap={8} data-testid="event-list">
          {shown.map((e) => (
            <EventCard key={e.id} event={e} />
          ))}
        </Flex>
      )}
    </Flex>
  )
}
