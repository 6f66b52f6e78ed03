import type { Delivery } from '@tongxin/contracts'
import { App, Button, Card, Flex, Select, Space, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorTable } from '../../components/CursorTable.tsx'
import { call } from '../../lib/api.ts'
import { useCursorRoute } from '../../lib/paging.ts'
import { useNotifyStatus } from './api.ts'

const STATE_COLOR: Record<Delivery['state'], string> = {
  pending: 'default',
  retrying: 'orange',
  sending: 'processing',
  sent: 'green',
  failed: 'red',
}
const when = (iso: string | null) => (iso ? dayjs(iso).format('MM-DD HH:mm:ss') : '—')

/** The outbox for staff: which channels are on, and each message's state — sent, failed with why, retrying. */
export function DeliveriesPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const status = useNotifyStatus()
  const [state, setState] = useState<Delivery['state']>()
  const [channel, setChannel] = useState<Delivery['channel']>()
  const list = useCursorRoute('notify-deliveries', 'GET /api/notifications/deliveries', {
    state,
    channel,
  })
  const channelName = (c: string) => t(`notify.admin.${c}` as 'notify.admin.email')
  const retry = async (id: number) => {
    try {
      await call('POST /api/notifications/deliveries/:id/retry', { params: { id } })
      void message.success(t('notify.admin.retried'))
      void list.refetch()
      void status.refetch()
    } catch (e) {
      void message.error((e as Error).message)
    }
  }
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('notify.admin.title')}
      </Typography.Title>
      <Card title={t('notify.admin.channels')} size="small" data-testid="notify-channels-status">
        <Flex gap={16} wrap>
          {status.data?.channels.map((c) => (
            <Space key={c.channel} direction="vertical" size={0} data-testid={`channel-${c.channel}`}>
              <Space>
                <Typography.Text strong>{channelName(c.channel)}</Typography.Text>
                <Tag color={c.on ? 'green' : 'default'}>
                  {c.on ? t('notify.admin.on') : t('notify.admin.off')}
                </Tag>
              </Space>
              {!c.on && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('notify.admin.offHint', { name: c.note })}
                </Typography.Text>
              )}
            </Space>
          ))}
        </Flex>
        {status.data && (
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            {Object.entries(status.data.counts).map(([s, n]) => (
              <Tag key={s} color={STATE_COLOR[s as Delivery['state']]}>
                {t(`notify.admin.states.${s}` as 'notify.admin.states.sent')} {n}
              </Tag>
            ))}
            <Typography.Text type="secondary">
              {t('notify.admin.maxAttempts', { n: status.data.maxAttempts })}
            </Typography.Text>
          </Flex>
        )}
      </Card>
      <Flex gap={8} wrap>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('notify.admin.state')}
          value={state}
          onChange={setState}
          data-testid="delivery-state"
          options={(['pending', 'retrying', 'sending', 'sent', 'failed'] as const).map((s) => ({
            value: s,
            label: t(`notify.admin.states.${s}`),
          }))}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('notify.admin.channel')}
          value={channel}
          onChange={setChannel}
          options={(['email', 'wecom', 'webhook'] as const).map((c) => ({ value: c, label: channelName(c) }))}
        />
      </Flex>
      <CursorTable<Delivery>
        list={list}
        testId="delivery-table"
        size="small"
        columns={[
          {
            title: t('notify.admin.state'),
            render: (_, d) => <Tag color={STATE_COLOR[d.state]}>{t(`notify.admin.states.${d.state}`)}</Tag>,
          },
          { title: t('notify.admin.channel'), render: (_, d) => channelName(d.channel) },
          {
            title: t('notify.admin.kind'),
            render: (_, d) => t(`notify.kinds.${d.kind}` as 'notify.kinds.need.new'),
          },
          { title: t('notify.admin.titleCol'), dataIndex: 'title', ellipsis: true, width: 260 },
          { title: t('notify.admin.target'), dataIndex: 'target' },
          { title: t('notify.admin.recipient'), render: (_, d) => d.recipient ?? '—' },
          { title: t('notify.admin.area'), render: (_, d) => d.areaName ?? '—' },
          { title: t('notify.admin.attempts'), dataIndex: 'attempts' },
          {
            title: t('notify.admin.lastError'),
            render: (_, d) =>
              d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : '—',
          },
          { title: t('notify.admin.next'), render: (_, d) => when(d.nextAttemptAt) },
          { title: t('notify.admin.sentAt'), render: (_, d) => when(d.sentAt) },
          {
            title: '',
            render: (_, d) =>
              d.state === 'failed' ? (
                <Button size="small" onClick={() => void retry(d.id)}>
                  {t('notify.admin.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Flex>
  )
}
