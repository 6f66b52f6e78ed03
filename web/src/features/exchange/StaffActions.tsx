import { CopyOutlined, SendOutlined, StopOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { Need } from '@tongxin/contracts'
import { Alert, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { exchangeKeys } from './api.ts'
import { isOpenForOrders, useNeedAction } from './shared.tsx'

type Dialog = 'dispatch' | 'reject' | 'duplicate' | null

interface ProviderChoice {
  unitId: number
  name: string
  offerings: string[]
  /** Room left under the largest concurrent limit, or null when unlimited. */
  room: number | null
}

/** Providers that offer the need's category in its area (the server checks capacity again on dispatch). */
function useProviders(need: Need, enabled: boolean) {
  return useQuery({
    queryKey: exchangeKeys.providers(need.categoryCode, need.areaCode),
    enabled,
    queryFn: async ({ signal }) => {
      const page = await call('GET /api/offerings', {
        query: { category: need.categoryCode, area: need.areaCode, limit: 200 },
        signal,
      })
      const byUnit = new Map<number, ProviderChoice>()
      for (const o of page.items) {
        if (o.status !== 'active') continue
        const room = o.capacityConcurrent === null ? null : Math.max(0, o.capacityConcurrent - o.openOrders)
        const c = byUnit.get(o.providerUnitId)
        if (!c) {
          byUnit.set(o.providerUnitId, {
            unitId: o.providerUnitId,
            name: o.providerName,
            offerings: [o.name],
            room,
          })
        } else {
          c.offerings.push(o.name)
          c.room = c.room === null || room === null ? null : Math.max(c.room, room)
        }
      }
      return [...byUnit.values()]
    },
  })
}

/** Other needs of the same category and area, the likely originals of a duplicate. */
function useSimilarNeeds(need: Need, enabled: boolean) {
  return useQuery({
    queryKey: exchangeKeys.similarNeeds(need.id),
    enabled,
    queryFn: ({ signal }) =>
      call('GET /api/needs', {
        query: { area: need.areaCode, category: need.categoryCode, limit: 50 },
        signal,
      }),
  })
}

/** Staff's buttons: 派单 to a provider, 驳回 with a reason, 标记重复 of another need. */
export function StaffActions({ need, size }: { need: Need; size?: 'small' | 'middle' }) {
  const { t } = useTranslation()
  const [dialog, setDialog] = useState<Dialog>(null)
  const [form] = Form.useForm<{ providerUnitId?: number; note?: string; duplicateOf?: number }>()
  const action = useNeedAction({ successMessage: (b) => t(`exchange.actions.done.${b.action}`) })
  const providers = useProviders(need, dialog === 'dispatch')
  const similar = useSimilarNeeds(need, dialog === 'duplicate')
  if (!isOpenForOrders(need.state)) return null

  const close = () => {
    setDialog(null)
    form.resetFields()
    action.reset()
  }
  const submit = (v: { providerUnitId?: number; note?: string; duplicateOf?: number }) => {
    const note = v.note?.trim() || undefined
    const body =
      dialog === 'dispatch'
        ? { action: 'dispatch' as const, providerUnitId: v.providerUnitId, note }
        : dialog === 'reject'
          ? { action: 'reject' as const, note }
          : { action: 'duplicate' as const, duplicateOf: v.duplicateOf, note }
    action.mutate({ id: need.id, body }, { onSuccess: close })
  }

  return (
    <>
      <Button
        size={size}
        type="primary"
        icon={<SendOutlined />}
        data-testid="dispatch"
        onClick={() => setDialog('dispatch')}
      >
        {t('exchange.actions.dispatch')}
      </Button>
      <Button
        size={size}
        danger
        icon={<StopOutlined />}
        data-testid="reject"
        onClick={() => setDialog('reject')}
      >
        {t('exchange.actions.reject')}
      </Button>
      {need.state === 'submitted' && (
        <Button
          size={size}
          icon={<CopyOutlined />}
          data-testid="duplicate"
          onClick={() => setDialog('duplicate')}
        >
          {t('exchange.actions.duplicate')}
        </Button>
      )}
      <Modal
        open={dialog !== null}
        title={dialog ? t(`exchange.actions.${dialog}Title`, { id: need.id }) : ''}
        onCancel={close}
        onOk={() => form.submit()}
        okText={dialog ? t(`exchange.actions.${dialog}`) : undefined}
        okButtonProps={{ danger: dialog === 'reject', 'data-testid': 'staff-action-ok' }}
        confirmLoading={action.isPending}
        destroyOnHidden
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            {need.categoryName} · {need.areaName} · {need.description}
          </Typography.Text>
          <Form form={form} layout="vertical" onFinish={submit} data-testid="staff-action-form">
            {dialog === 'dispatch' && (
              <Form.Item
                name="providerUnitId"
                label={t('exchange.actions.provider')}
                rules={[{ required: true, message: t('exchange.actions.providerRequired') }]}
                extra={
                  providers.data?.length === 0
                    ? t('exchange.actions.noProviders')
                    : t('exchange.actions.providerHint')
                }
              >
                <Select<number>
                  data-testid="dispatch-provider"
                  loading={providers.isPending}
                  showSearch={{ optionFilterProp: 'title' }}
                  options={(providers.data ?? []).map((p) => ({
                    value: p.unitId,
                    title: p.name,
                    disabled: p.room === 0,
                    label: (
                      <Flex vertical>
                        <span>{p.name}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                          {p.offerings.join(t('common.listSeparator'))} ·{' '}
                          {p.room === null
                            ? t('exchange.offering.unlimited')
                            : t('exchange.actions.room', { count: p.room })}
                        </Typography.Text>
                      </Flex>
                    ),
                  }))}
                  optionLabelProp="title"
                />
              </Form.Item>
            )}
            {dialog === 'duplicate' && (
              <Form.Item
                name="duplicateOf"
                label={t('exchange.actions.duplicateOf')}
                rules={[{ required: true, message: t('exchange.actions.duplicateRequired') }]}
              >
                <Select<number>
                  data-testid="duplicate-of"
                  loading={similar.isPending}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(similar.data?.items ?? [])
                    .filter((n) => n.id !== need.id)
                    .map((n) => ({ value: n.id, label: `#${n.id} ${n.description}` }))}
                />
              </Form.Item>
            )}
            <Form.Item
              name="note"
              label={t(dialog === 'reject' ? 'exchange.actions.rejectReason' : 'exchange.actions.note')}
              rules={
                dialog === 'reject'
                  ? [{ required: true, message: t('exchange.actions.rejectReasonRequired') }]
                  : []
              }
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="staff-action-note" />
            </Form.Item>
          </Form>
          {action.error && <Alert type="error" showIcon title={action.error.message} />}
        </Flex>
      </Modal>
    </>
  )
}
