import { ArrowLeftOutlined, DownloadOutlined, ScanOutlined, SearchOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type CheckinBoard, type CheckinRow, formatDoorCode } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Input,
  List,
  Popconfirm,
  Skeleton,
  Statistic,
  Tag,
  Typography,
} from 'antd'
import { useDeferredValue, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { ApiError, call } from '../../lib/api.ts'
import { eventKeys, formatWhen, useEvent } from './api.ts'
import { STATUS_COLOR } from './EventsPage.tsx'
import { newNonce } from './scan-queue.ts'

/** How often the counter and the list follow check-ins made elsewhere (the scanner, the door code). */
const REFRESH_MS = 5_000

/** The counter: checked in / registered / capacity, large enough to read across the room. */
function Counter({ counts }: { counts: CheckinBoard['counts'] }) {
  const { t } = useTranslation()
  return (
    <Card size="small" data-testid="checkin-counter">
      <Flex justify="space-around" gap={8} wrap>
        <Statistic
          title={t('events.desk.checkedIn')}
          value={counts.checkedIn}
          valueStyle={{ color: '#237804' }}
          data-testid="count-checked-in"
        />
        <Statistic
          title={t('events.desk.registered')}
          value={counts.registered}
          data-testid="count-registered"
        />
        <Statistic title={t('events.desk.capacity')} value={counts.capacity} data-testid="count-capacity" />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginTop: 4 }}>
        {t('events.desk.insideNow', { count: counts.inside })}
        {counts.waitlisted > 0 && ` · ${t('events.list.waitlist', { count: counts.waitlisted })}`}
      </Typography.Text>
    </Card>
  )
}

/** The short code for registrants to type on their phones; organisers may replace it if it leaks. */
function DoorCodeCard({ eventId }: { eventId: number }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const { message } = App.useApp()
  const code = useQuery({
    queryKey: eventKeys.doorCode(eventId),
    queryFn: ({ signal }) => call('GET /api/events/:id/door-code', { params: { id: eventId }, signal }),
  })
  const rotate = useMutation({
    mutationFn: () => call('POST /api/events/:id/door-code', { params: { id: eventId } }),
    onSuccess: (c) => client.setQueryData(eventKeys.doorCode(eventId), c),
    onError: (e) => void message.error(e.message),
  })
  if (code.error) return <Alert type="warning" showIcon title={code.error.message} />
  return (
    <Card
      size="small"
      title={t('events.desk.doorCode')}
      extra={
        <Popconfirm title={t('events.desk.rotateConfirm')} onConfirm={() => rotate.mutate()}>
          <Button size="small" loading={rotate.isPending}>
            {t('events.desk.rotate')}
          </Button>
        </Popconfirm>
      }
    >
      {code.data ? (
        <Typography.Text
          strong
          data-testid="door-code"
          style={{
            fontSize: 40,
            letterSpacing: 4,
            fontFamily: 'monospace',
            display: 'block',
            textAlign: 'center',
          }}
        >
          {formatDoorCode(code.data.code)}
        </Typography.Text>
      ) : (
        <Skeleton.Input active block />
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('events.desk.doorCodeHint')}
      </Typography.Paragraph>
    </Card>
  )
}

function Row({ row, eventId, onDone }: { row: CheckinRow; eventId: number; onDone: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  // One nonce per row and direction until the server answers: a second tap or a retry counts once.
  const [nonce, setNonce] = useState(newNonce)
  const seated = row.status === 'registered' || row.status === 'attended' || row.status === 'no_show'
  const direction = row.inside ? 'exit' : 'entry'
  const tap = useMutation({
    mutationFn: () =>
      call('POST /api/events/:id/registrations/:registrationId/checkin', {
        params: { id: eventId, registrationId: row.id },
        body: { nonce, direction },
      }),
    onSuccess: (r) => {
      setNonce(newNonce())
      void message.success(
        r.direction === 'entry'
          ? t('events.desk.done', { name: r.name })
          : t('events.desk.doneExit', { name: r.name }),
      )
      onDone()
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status > 0) setNonce(newNonce())
      void message.error(e.message)
    },
  })
  return (
    <List.Item
      data-testid={`desk-row-${row.id}`}
      actions={[
        seated ? (
          <Button
            key="tap"
            type={row.inside ? 'default' : 'primary'}
            size="large"
            loading={tap.isPending}
            onClick={() => tap.mutate()}
            data-testid={`desk-tap-${row.id}`}
            style={{ minWidth: 88 }}
          >
            {row.inside ? t('events.desk.checkOut') : t('events.desk.checkIn')}
          </Button>
        ) : null,
      ]}
    >
      <List.Item.Meta
        title={
          <Flex gap={6} wrap align="center">
            <span style={{ fontSize: 16 }}>{row.name}</span>
            {row.phoneTail && (
              <Typography.Text type="secondary">
                {t('events.desk.phoneTail', { tail: row.phoneTail })}
              </Typography.Text>
            )}
          </Flex>
        }
        description={
          <Flex gap={4} wrap>
            <Tag color={STATUS_COLOR[row.status]}>{t(`events.statuses.${row.status}`)}</Tag>
            {row.inside && <Tag color="blue">{t('events.page.inside')}</Tag>}
          </Flex>
        }
      />
    </List.Item>
  )
}

/** 签到台: find a registrant by name or phone tail and check them in with one tap; the counter follows. */
export function CheckinDeskPage() {
  const { t, i18n } = useTranslation()
  const id = Number(useParams().id)
  const event = useEvent(id)
  const wide = Grid.useBreakpoint().xl === true
  const [q, setQ] = useState('')
  const search = useDeferredValue(q.trim())
  const board = useQuery({
    queryKey: eventKeys.checkin(id, search),
    queryFn: ({ signal }) =>
      call('GET /api/events/:id/checkin', { params: { id }, query: { q: search }, signal }),
    refetchInterval: REFRESH_MS,
    placeholderData: (previous) => previous,
  })
  if (event.error instanceof ApiError && event.error.status === 404) return <NotFound />
  if (event.error) return <LoadError error={event.error} onRetry={() => void event.refetch()} />
  if (event.isPending) return <Skeleton active />
  const e = event.data
  const items = board.data?.items ?? []
  const counter = board.data && <Counter counts={board.data.counts} />
  const list = (
    <Flex vertical gap={12}>
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('events.desk.search')}
        aria-label={t('events.desk.search')}
        value={q}
        onChange={(ev) => setQ(ev.target.value)}
        data-testid="desk-search"
        inputMode="search"
      />
      {board.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty
          data-testid="desk-empty"
          description={search ? t('events.desk.noMatch', { q: search }) : t('events.desk.empty')}
        />
      ) : (
        <Card size="small" styles={{ body: { padding: '0 12px' } }}>
          <List
            dataSource={items}
            rowKey="id"
            data-testid="desk-list"
            renderItem={(row) => <Row row={row} eventId={id} onDone={() => void board.refetch()} />}
          />
          {board.data && board.data.matched > items.length && (
            <Typography.Paragraph type="secondary" style={{ padding: '8px 0', margin: 0 }}>
              {t('events.desk.more', { shown: items.length, count: board.data.matched })}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </Flex>
  )
  return (
    <Flex vertical gap={12} style={{ maxWidth: wide ? 1120 : 720 }}>
      <Link to={`/events/${id}`}>
        <ArrowLeftOutlined /> {e.title}
      </Link>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('events.desk.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Link to={`/events/${id}/scan`}>
            <Button icon={<ScanOutlined />}>{t('events.page.scanner')}</Button>
          </Link>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/events/${id}/registrations/export`}
            data-testid="desk-export"
          >
            {t('events.desk.export')}
          </Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{formatWhen(e.startsAt, e.endsAt, i18n.language)}</Typography.Text>
      {board.error && <Alert type="error" showIcon title={board.error.message} />}
      {wide ? (
        // A desk on a laptop: the names on the left, the counter and the code to read out beside them.
        <Flex gap={16} align="flex-start">
          <div style={{ flex: '1 1 0', minWidth: 0 }}>{list}</div>
          <Flex vertical gap={12} style={{ flex: '0 0 360px', position: 'sticky', top: 80 }}>
            {counter}
            <DoorCodeCard eventId={id} />
          </Flex>
        </Flex>
      ) : (
        <>
          {counter}
          {list}
          <DoorCodeCard eventId={id} />
        </>
      )}
    </Flex>
  )
}
