import { PlusOutlined, PrinterOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Invitation } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Tag,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ListTotal } from '../../components/CursorTable.tsx'
import { roleName } from '../../components/grants.tsx'
import { LoadMore } from '../../components/LoadMore.tsx'
import { call } from '../../lib/api.ts'
import { useCursorRoute } from '../../lib/paging.ts'
import { invitationKeys } from './api.ts'
import { CreateDrawer } from './InvitationDrawer.tsx'
import { copyText } from './OneTimeSecret.tsx'

const STATUS_COLOR = { active: 'green', expired: 'default', used_up: 'blue', revoked: 'red' } as const

function targetOf(t: ReturnType<typeof useTranslation>['t'], i: Invitation) {
  return `${roleName(t, i.role)} · ${i.scopeName}`
}

/** The link and QR code, to copy, post in a WeChat group or print. */
function LinkModal({ invitation, onClose }: { invitation: Invitation | null; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  if (!invitation) return null
  return (
    <Modal open title={t('accounts.invite.link')} onCancel={onClose} footer={null} width={460}>
      {/* Printing shows only this card: the page around it is hidden by the print rule. */}
      <style>
        {
          '@media print { body * { visibility: hidden } .tx-print, .tx-print * { visibility: visible } .tx-print { position: fixed; inset: 0; } }'
        }
      </style>
      <Flex vertical align="center" gap={12} className="tx-print" data-testid="invite-link-modal">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('accounts.invite.printTitle')}
        </Typography.Title>
        <Typography.Text>{targetOf(t, invitation)}</Typography.Text>
        {invitation.point && <Typography.Text>{invitation.point.name}</Typography.Text>}
        {invitation.event && <Typography.Text>{invitation.event.title}</Typography.Text>}
        <img
          src={`/api/invitations/${invitation.id}/qr`}
          alt={t('accounts.invite.qr')}
          width={240}
          height={240}
          data-testid="invite-qr"
        />
        <Typography.Text type="secondary">{t('accounts.invite.printHint')}</Typography.Text>
        <Typography.Text type="secondary">
          {t('accounts.invite.expiresAt')} {dayjs(invitation.expiresAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </Flex>
      <Flex vertical gap={8} style={{ marginTop: 16 }}>
        <Input.TextArea value={invitation.url} readOnly autoSize data-testid="invite-url" />
        <Flex gap={8}>
          <Button
            type="primary"
            onClick={async () => {
              if (await copyText(invitation.url)) void message.success(t('accounts.copied'))
            }}
          >
            {t('accounts.copy')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('accounts.invite.print')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  )
}

/** 邀请注册: the invitations the person made (staff: those of their areas), with link, QR code and revoke. */
export function InvitationsPage() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<Invitation['status']>('active')
  const [creating, setCreating] = useState(false)
  const [shown, setShown] = useState<Invitation | null>(null)
  const list = useCursorRoute('invitations', 'GET /api/invitations', { status })
  const revoke = useMutation<Invitation, Error, Invitation>({
    mutationFn: (i) =>
      call('POST /api/invitations/:id/revoke', { params: { id: i.id }, body: { version: i.version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.all() }),
  })
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('accounts.invite.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="invite-create"
        >
          {t('accounts.invite.create')}
        </Button>
      </Flex>
      <Segmented
        value={status}
        onChange={setStatus}
        options={(['active', 'used_up', 'expired', 'revoked'] as const).map((s) => ({
          value: s,
          label: t(`accounts.invite.statuses.${s}`),
        }))}
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
      />
      <ListTotal total={list.total} />
      {(list.error || revoke.error) && (
        <Alert type="error" showIcon title={(list.error ?? revoke.error)!.message} />
      )}
      {list.rows.length === 0 && !list.isPending && <Empty description={t('accounts.invite.empty')} />}
      <Flex vertical gap={12} data-testid="invitations">
        {list.rows.map((i) => (
          <Card key={i.id} size="small" data-testid={`invitation-${i.id}`}>
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{targetOf(t, i)}</Typography.Text>
                <Tag color={STATUS_COLOR[i.status]}>{t(`accounts.invite.statuses.${i.status}`)}</Tag>
              </Flex>
              {i.point && <Typography.Text>{i.point.name}</Typography.Text>}
              {i.event && <Typography.Text>{i.event.title}</Typography.Text>}
              {i.volunteer && <Tag style={{ alignSelf: 'flex-start' }}>{t('accounts.invite.volunteer')}</Tag>}
              {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
              <Typography.Text type="secondary">
                {t('accounts.invite.uses')} {i.uses} / {i.maxUses} · {t('accounts.invite.expiresAt')}{' '}
                {dayjs(i.expiresAt).format('YYYY-MM-DD HH:mm')}
                {i.createdBy ? ` · ${t('accounts.invite.createdBy')} ${i.createdBy}` : ''}
              </Typography.Text>
              {i.status === 'active' && (
                <Flex gap={8} wrap>
                  <Button onClick={() => setShown(i)} data-testid={`invitation-link-${i.id}`}>
                    {t('accounts.invite.link')} / {t('accounts.invite.qr')}
                  </Button>
                  <Popconfirm title={t('accounts.invite.revokeConfirm')} onConfirm={() => revoke.mutate(i)}>
                    <Button danger>{t('accounts.invite.revoke')}</Button>
                  </Popconfirm>
                </Flex>
              )}
            </Flex>
          </Card>
        ))}
      </Flex>
      <LoadMore
        count={list.rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
      <CreateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(inv) => {
          setCreating(false)
          setStatus('active')
          setShown(inv)
        }}
      />
      <LinkModal invitation={shown} onClose={() => setShown(null)} />
    </Flex>
  )
}
