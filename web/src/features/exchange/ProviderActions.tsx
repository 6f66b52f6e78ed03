import { CheckCircleOutlined, PlayCircleOutlined, ThunderboltOutlined } from '@ant-design/icons'
import type { Need } from '@tongxin/contracts'
import { Button, Input, Modal } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isOpenForOrders, useNeedAction } from './shared.tsx'

/**
 * The provider's buttons for a need: 接单 while it is open, then 开始办理 and 已完成交付 while it holds it.
 * `unitId` picks which of the provider's units takes it (needed only when the account acts for several).
 */
export function ProviderActions({ need, unitId, held }: { need: Need; unitId?: number; held: boolean }) {
  const { t } = useTranslation()
  const action = useNeedAction({ successMessage: (b) => t(`exchange.actions.done.${b.action}`) })
  const [delivering, setDelivering] = useState(false)
  const [note, setNote] = useState('')
  const busy = action.isPending

  // Open (or reopened by the requester, even when this provider held it before): take it (again).
  if (isOpenForOrders(need.state)) {
    const taker = held && need.providerUnitId !== null ? need.providerUnitId : unitId
    return (
      <Button
        type="primary"
        icon={<ThunderboltOutlined />}
        loading={busy}
        data-testid="claim"
        onClick={() =>
          action.mutate({
            id: need.id,
            body: { action: 'claim', ...(taker ? { providerUnitId: taker } : {}) },
          })
        }
      >
        {held ? t('exchange.actions.claimAgain') : t('exchange.actions.claim')}
      </Button>
    )
  }
  if (!held) return null
  return (
    <>
      {need.state === 'accepted' && (
        <Button
          icon={<PlayCircleOutlined />}
          loading={busy}
          data-testid="start"
          onClick={() => action.mutate({ id: need.id, body: { action: 'start' } })}
        >
          {t('exchange.actions.start')}
        </Button>
      )}
      {(need.state === 'accepted' || need.state === 'in_progress') && (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={busy}
          data-testid="deliver"
          onClick={() => setDelivering(true)}
        >
          {t('exchange.actions.deliver')}
        </Button>
      )}
      <Modal
        open={delivering}
        title={t('exchange.actions.deliverTitle')}
        okText={t('exchange.actions.deliverConfirm')}
        okButtonProps={{ 'data-testid': 'deliver-confirm' }}
        confirmLoading={busy}
        onCancel={() => setDelivering(false)}
        onOk={() =>
          action.mutate(
            { id: need.id, body: { action: 'deliver', ...(note.trim() ? { note: note.trim() } : {}) } },
            {
              onSettled: () => {
                setDelivering(false)
                setNote('')
              },
            },
          )
        }
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('exchange.actions.deliverNote')}
          data-testid="deliver-note"
        />
      </Modal>
    </>
  )
}
