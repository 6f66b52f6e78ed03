import { SettingOutlined } from '@ant-design/icons'
import type { Notice } from '@tongxin/contracts'
import { App, Badge, Button, Card, Empty, Flex, List, Switch, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { LoadMore } from '../../components/LoadMore.tsx'
import { useCursorRoute } from '../../lib/paging.ts'
import { useMarkAllRead, useMarkRead } from './api.ts'

const URGENT = new Set(['event.cancelled', 'need.escalated', 'desk.need'])

/** The inbox, phone-first: each notice with its kind, what it is about, when, and a tap to open the object. */
export function InboxPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [unreadOnly, setUnreadOnly] = useState(false)
  const list = useCursorRoute('notifications', 'GET /api/notifications', {
    unread: unreadOnly || undefined,
  })
  const markRead = useMarkRead()
  const markAll = useMarkAllRead()
  const kindLabel = (k: string) => t(`notify.kinds.${k}` as 'notify.kinds.need.new', { defaultValue: k })

  const open = async (n: Notice) => {
    if (!n.readAt) await markRead.mutateAsync(n.id).catch(() => undefined)
    if (n.link) void navigate(n.link)
  }

  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('notify.inbox.title')}
        </Typography.Title>
        <Button
          data-testid="notify-read-all"
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: (r) => void message.success(t('notify.inbox.markedAll', { count: r.marked })),
            })
          }
          loading={markAll.isPending}
        >
          {t('notify.inbox.markAll')}
        </Button>
        <Button
          icon={<SettingOutlined />}
          onClick={() => navigate('/notifications/settings')}
          data-testid="notify-settings"
        >
          {t('notify.inbox.settings')}
        </Button>
      </Flex>
      <Flex align="center" gap={8}>
        <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} data-testid="notify-unread-only" />
        <Typography.Text>{t('notify.inbox.unreadOnly')}</Typography.Text>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <List
          data-testid="notify-list"
          loading={list.isPending}
          dataSource={list.rows}
          locale={{ emptyText: <Empty description={t('notify.inbox.empty')} /> }}
          renderItem={(n) => (
            <List.Item
              data-testid={`notice-${n.id}`}
              data-unread={n.readAt ? 'false' : 'true'}
              onClick={() => void open(n)}
              style={{
                cursor: n.link ? 'pointer' : 'default',
                padding: '12px 16px',
                alignItems: 'flex-start',
              }}
            >
              <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
                <Flex align="center" gap={8} wrap>
                  {!n.readAt && <Badge status="processing" />}
                  <Tag color={URGENT.has(n.kind) ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
                    {kindLabel(n.kind)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                </Flex>
                <Typography.Text strong={!n.readAt} style={{ wordBreak: 'break-word' }}>
                  {n.subject ?? n.title}
                </Typography.Text>
                {n.body && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {n.body}
                  </Typography.Paragraph>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <LoadMore
        count={list.rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Flex>
  )
}
