import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CreateInvitationBody, Invitation, Role, ScopeType } from '@tongxin/contracts'
import {
  Alert,
  Button,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Segmented,
  Select,
} from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { roleName } from '../../components/grants.tsx'
import { call } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { invitationKeys } from './api.ts'
import { ROLE_SCOPES, ScopeSelect, useGrantableRoles } from './GrantEditor.tsx'

type Kind = 'grant' | 'building' | 'point' | 'event'

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
    queryKey: invitationKeys.myPoints(),
    queryFn: () => call('GET /api/volunteers/points', { query: { mine: true } }),
  })
  const events = useQuery({
    queryKey: invitationKeys.invitableEvents(),
    queryFn: () => call('GET /api/events', { query: { from: new Date().toISOString() } }),
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

/** The form that makes an invitation link: whom it invites, into what, how often and for how long. */
export function CreateDrawer({
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
    mutationFn: (body) => call('POST /api/invitations', { body }),
    onSuccess: (inv) => {
      void queryClient.invalidateQueries({ queryKey: invitationKeys.all() })
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
