import { PlusOutlined, PrinterOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CreateInvitationBody, DutyPoint, Event, Invitation, Role, ScopeType } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Segmented,
  Select,
  Tag,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { roleName } from '../../components/grants.tsx'
import { LoadMore } from '../../components/LoadMore.tsx'
import { api } from '../../lib/api.ts'
import { useCursorList } from '../../lib/paging.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { ROLE_SCOPES, ScopeSelect, useGrantableRoles } from './GrantEditor.tsx'
import { copyText } from './OneTimeSecret.tsx'

type Kind = 'grant' | 'building' | 'point' | 'event'
const STATUS_COLOR = { active: 'green', expired: 'default', used_up: 'blue', revoked: 'red' } as const

interface Values {
  kind: Kind
  role?: Role
  scopeType?: ScopeType
  scopeId?: string
  building?: string
  volunteer?: boolean
  pointId?: number
  eventId?: number
  maxUses: number
  expiresInDays: number
  note?: string
}

/** What the signed-in person may offer: staff any role below theirs, chiefs their building, coordinators their points, organisers their events. */
function useKinds() {
  const me = useSession()
  const points = useQuery({
    queryKey: ['volunteer-points', 'mine'],
    queryFn: () => api<DutyPoint[]>('/api/volunteers/points', { query: { mine: 'true' } }),
  })
  const events = useQuery({
    queryKey: ['events', 'invitable'],
    queryFn: () => api<{ items: Event[] }>('/api/events', { query: { from: new Date().toISOString() } }),
    enabled: hasPermission(me, 'event.manage'),
  })
  const chiefOf = me.grants.filter((g) => g.role === 'building_chief')
  const invitableEvents = (events.data?.items ?? []).filter(
    (e) => e.canManage && e.audience === 'all' && e.status === 'scheduled',
  )
  const kinds: Kind[] = []
  if (hasPermission(me, 'account.manage')) kinds.push('grant')
  if (chiefOf.length) kinds.push('building')
  if (points.data?.length) kinds.push('point')
  if (invitableEvents.length) kinds.push('event')
  return { kinds, chiefOf, points: points.data ?? [], events: invitableEvents, loading: points.isPending }
}

function CreateDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean
  onClose: () => void
  onCreated: (i: Invitation) => void
}) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const queryClient = useQueryClient()
  const roles = useGrantableRoles()
  const { kinds, chiefOf, points, events } = useKinds()
  const [form] = Form.useForm<Values>()
  const kind: Kind = Form.useWatch('kind', form) ?? kinds[0] ?? 'grant'
  const role: Role = Form.useWatch('role', form) ?? 'member'
  const scopeType: ScopeType = Form.useWatch('scopeType', form) ?? ROLE_SCOPES[role][0]!
  const create = useMutation<Invitation, Error, CreateInvitationBody>({
    mutationFn: (body) => api<Invitation>('/api/invitations', { method: 'POST', body }),
    onSuccess: (inv) => {
      void queryClient.invalidateQueries({ queryKey: ['invitations'] })
      form.resetFields()
      onCreated(inv)
    },
  })
  const submit = (v: Values) => {
    const common = { maxUses: v.maxUses, expiresInDays: v.expiresInDays, note: v.note?.trim() || undefined }
    if (v.kind === 'point') return create.mutate({ ...common, pointId: v.pointId })
    if (v.kind === 'event') return create.mutate({ ...common, eventId: v.eventId })
    if (v.kind === 'building')
      return create.mutate({
        ...common,
        role: 'member',
        scopeType: 'building',
        scopeId: v.building,
        volunteer: !!v.volunteer,
      })
    return create.mutate({
      ...common,
      role: v.role,
      scopeType: v.scopeType ?? ROLE_SCOPES[v.role ?? 'member'][0],
      scopeId: v.scopeId,
      volunteer: v.role === 'member' ? !!v.volunteer : undefined,
    })
  }
  return (
    <Drawer
      title={t('accounts.invite.create')}
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 520}
      destroyOnHidden
    >
      {kinds.length === 0 ? (
        <Empty description={t('accounts.invite.none')} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          disabled={create.isPending}
          initialValues={{
            kind: kinds[0],
            role: 'building_chief',
            maxUses: 1,
            expiresInDays: 7,
            building: chiefOf[0]?.scopeId ?? undefined,
          }}
        >
          {create.error && (
            <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 16 }} />
          )}
          {/* A list, not buttons: the English labels are long and a wrapped button group spilled its text. */}
          <Form.Item name="kind" label={t('accounts.invite.kind')}>
            <Radio.Group
              vertical
              options={kinds.map((k) => ({
                value: k,
                label: t(
                  `accounts.invite.kind${k[0]!.toUpperCase()}${k.slice(1)}` as 'accounts.invite.kindGrant',
                ),
              }))}
              data-testid="invite-kind"
            />
          </Form.Item>
          {kind === 'grant' && (
            <>
              <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
                <Select
                  options={roles.map((r) => ({ value: r, label: roleName(t, r) }))}
                  onChange={(r: Role) =>
                    form.setFieldsValue({ scopeType: ROLE_SCOPES[r][0], scopeId: undefined })
                  }
                  data-testid="invite-role"
                />
              </Form.Item>
              {ROLE_SCOPES[role].length > 1 && (
                <Form.Item name="scopeType" label={t('accounts.scope')}>
                  <Segmented
                    options={ROLE_SCOPES[role].map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
                    onChange={() => form.setFieldsValue({ scopeId: undefined })}
                  />
                </Form.Item>
              )}
              <Form.Item
                name="scopeId"
                label={t(`scopes.${scopeType}`)}
                rules={[{ required: true, message: t('accounts.required') }]}
                getValueFromEvent={(v) => v ?? undefined}
              >
                <ScopeField scopeType={scopeType} />
              </Form.Item>
              {role === 'member' && (
                <Form.Item name="volunteer" valuePropName="checked">
                  <Checkbox>{t('accounts.invite.volunteer')}</Checkbox>
                </Form.Item>
              )}
            </>
          )}
          {kind === 'building' && (
            <>
              <Form.Item name="building" label={t('accounts.invite.building')} rules={[{ required: true }]}>
                <Select options={chiefOf.map((g) => ({ value: g.scopeId, label: g.scopeName }))} />
              </Form.Item>
              <Form.Item name="volunteer" valuePropName="checked">
                <Checkbox>{t('accounts.invite.volunteer')}</Checkbox>
              </Form.Item>
            </>
          )}
          {kind === 'point' && (
            <Form.Item
              name="pointId"
              label={t('accounts.invite.point')}
              rules={[{ required: true, message: t('accounts.required') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={points.map((p) => ({ value: p.id, label: `${p.siteName} · ${p.name}` }))}
              />
            </Form.Item>
          )}
          {kind === 'event' && (
            <Form.Item
              name="eventId"
              label={t('accounts.invite.event')}
              rules={[{ required: true, message: t('accounts.required') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={events.map((e) => ({
                  value: e.id,
                  label: `${dayjs(e.startsAt).format('MM-DD HH:mm')} ${e.title}`,
                }))}
              />
            </Form.Item>
          )}
          <Flex gap={12}>
            <Form.Item
              name="maxUses"
              label={t('accounts.invite.maxUses')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <InputNumber
                min={1}
                max={1000}
                precision={0}
                style={{ width: '100%' }}
                data-testid="invite-max-uses"
              />
            </Form.Item>
            <Form.Item
              name="expiresInDays"
              label={t('accounts.invite.expiresInDays')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label={t('accounts.invite.note')}>
            <Input maxLength={100} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={create.isPending}
            data-testid="invite-submit"
          >
            {t('accounts.invite.create')}
          </Button>
        </Form>
      )}
    </Drawer>
  )
}

/** Adapts ScopeSelect to a Form.Item (value / onChange). */
function ScopeField({
  scopeType,
  value,
  onChange,
}: {
  scopeType: ScopeType
  value?: string
  onChange?: (v: string | null) => void
}) {
  return <ScopeSelect scopeType={scopeType} value={value ?? null} onChange={(v) => onChange?.(v)} />
}

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
  const [status, setStatus] = useState<string>('active')
  const [creating, setCreating] = useState(false)
  const [shown, setShown] = useState<Invitation | null>(null)
  const list = useCursorList<Invitation>('invitations', '/api/invitations', { status: status || undefined })
  const revoke = useMutation<Invitation, Error, Invitation>({
    mutationFn: (i) =>
      api<Invitation>(`/api/invitations/${i.id}/revoke`, { method: 'POST', body: { version: i.version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['invitations'] }),
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
        onChange={(v) => setStatus(String(v))}
        options={(['active', 'used_up', 'expired', 'revoked'] as const).map((s) => ({
          value: s,
          label: t(`accounts.invite.statuses.${s}`),
        }))}
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
      />
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
