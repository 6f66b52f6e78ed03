import { ArrowLeftOutlined, CameraOutlined, TeamOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Flex, Input, List, Segmented, Tag, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ApiError, call } from '../../lib/api.ts'
import { eventKeys, useEvent } from './api.ts'
import { useCamera } from './camera.ts'
import { QrImage } from './EventPage.tsx'
import { dequeue, enqueue, newNonce, type QueuedScan, readQueue } from './scan-queue.ts'

interface Line {
  key: string
  ok: boolean
  text: string
}

/** 扫码签到: camera or typed code; every scan is queued locally first and replayed with its nonce. */
export function ScannerPage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const event = useEvent(id)
  const client = useQueryClient()
  const [direction, setDirection] = useState<'entry' | 'exit'>('entry')
  const [manual, setManual] = useState('')
  const [lines, setLines] = useState<Line[]>([])
  const [pending, setPending] = useState(() => readQueue(id).length)
  const [online, setOnline] = useState(() => navigator.onLine)
  const sending = useRef(false)
  const door = useQuery({
    queryKey: eventKeys.doorQr(id),
    queryFn: ({ signal }) => call('GET /api/events/:id/door-qr', { params: { id }, signal }),
  })

  const report = useCallback((line: Line) => setLines((prev) => [line, ...prev].slice(0, 30)), [])

  /** Sends what is queued, oldest first; stops at the first network failure and keeps the rest. */
  const flush = useCallback(async () => {
    if (sending.current) return
    sending.current = true
    try {
      for (const scan of readQueue(id)) {
        try {
          const r = await call('POST /api/events/:id/scans', { params: { id }, body: scan })
          dequeue(id, scan.nonce)
          report({
            key: scan.nonce,
            ok: true,
            text: r.replayed
              ? t('events.scan.replayed', { name: r.name })
              : t('events.scan.ok', { name: r.name, direction: t(`events.scan.${r.direction}`) }),
          })
        } catch (error) {
          if (error instanceof ApiError && error.status < 500) {
            // The server answered: the scan is settled either way.
            dequeue(id, scan.nonce)
            report({ key: scan.nonce, ok: false, text: error.message })
          } else {
            setOnline(false)
            break
          }
        }
      }
    } finally {
      sending.current = false
      setPending(readQueue(id).length)
      void client.invalidateQueries({ queryKey: eventKeys.registrations(id) })
    }
  }, [id, client, report, t])

  const submit = useCallback(
    (token: string) => {
      // Only a ticket goes to the server; anything else typed or read gets a sentence here, and no queue slot.
      if (token.trim() && !/^TX1\.R\./i.test(token.trim())) {
        report({ key: newNonce(), ok: false, text: t('events.scan.notTicket') })
        return
      }
      const scan: QueuedScan = {
        token: token.trim(),
        nonce: newNonce(),
        direction,
        scannedAt: new Date().toISOString(),
      }
      if (!scan.token) return
      enqueue(id, scan)
      setPending(readQueue(id).length)
      void flush()
    },
    [id, direction, flush, report, t],
  )
  const camera = useCamera(submit)

  useEffect(() => {
    const up = () => {
      setOnline(true)
      void flush()
    }
    const down = () => setOnline(false)
    window.addEventListener('online', up)
    window.addEventListener('offline', down)
    const retry = window.setInterval(() => void flush(), 15_000)
    void flush()
    return () => {
      window.removeEventListener('online', up)
      window.removeEventListener('offline', down)
      window.clearInterval(retry)
    }
  }, [flush])

  return (
    <Flex vertical gap={12} style={{ maxWidth: 560 }}>
      <Link to={`/events/${id}`}>
        <ArrowLeftOutlined /> {event.data?.title ?? t('events.page.back')}
      </Link>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('events.scan.title')}
        </Typography.Title>
        <Link to={`/events/${id}/checkin`}>
          <Button icon={<TeamOutlined />} data-testid="open-desk">
            {t('events.scan.desk')}
          </Button>
        </Link>
      </Flex>
      {!online && <Alert type="warning" showIcon title={t('events.scan.offline')} />}
      {pending > 0 && (
        <Alert
          type="info"
          showIcon
          title={
            online
              ? t('events.scan.pending', { count: pending })
              : t('events.scan.queued', { count: pending })
          }
          action={<Button onClick={() => void flush()}>{t('events.scan.sync')}</Button>}
          data-testid="scan-pending"
        />
      )}
      <Segmented
        block
        value={direction}
        onChange={(v) => setDirection(v as 'entry' | 'exit')}
        options={[
          { value: 'entry', label: t('events.scan.entry') },
          { value: 'exit', label: t('events.scan.exit') },
        ]}
      />
      <Card size="small">
        <video
          ref={camera.video}
          muted
          playsInline
          style={{
            width: '100%',
            display: camera.on ? 'block' : 'none',
            borderRadius: 8,
            background: '#000',
          }}
        />
        <Button
          block
          icon={<CameraOutlined />}
          onClick={() => camera.setOn(!camera.on)}
          style={{ marginTop: 8 }}
        >
          {camera.on ? t('events.scan.stopCamera') : t('events.scan.camera')}
        </Button>
        {camera.failed && <Alert type="warning" title={t('events.scan.noCamera')} style={{ marginTop: 8 }} />}
      </Card>
      <Flex gap={8}>
        <Input
          value={manual}
          onChange={(e) => setManual(e.target.value)}
          placeholder={t('events.scan.manual')}
          aria-label={t('events.scan.manual')}
          data-testid="manual-code"
          onPressEnter={() => {
            submit(manual)
            setManual('')
          }}
        />
        <Button
          type="primary"
          data-testid="manual-submit"
          onClick={() => {
            submit(manual)
            setManual('')
          }}
        >
          {t('events.scan.submit')}
        </Button>
      </Flex>
      <List
        size="small"
        header={t('events.scan.recent')}
        dataSource={lines}
        data-testid="scan-results"
        renderItem={(l) => (
          <List.Item key={l.key}>
            <Tag color={l.ok ? 'green' : 'red'}>{l.ok ? '✓' : '✗'}</Tag>
            <span style={{ wordBreak: 'break-word' }}>{l.text}</span>
          </List.Item>
        )}
      />
      {door.data && (
        <Card size="small" title={t('events.scan.door')}>
          <QrImage qr={door.data} testId="door-qr" />
        </Card>
      )}
    </Flex>
  )
}
