import { ArrowLeftOutlined, RedoOutlined, StarOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { Need } from '@tongxin/contracts'
import {
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Modal,
  Rate,
  Row,
  Skeleton,
  Timeline,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { useSession } from '../auth/session.ts'
import { exchangeKeys } from './api.ts'
import { ProviderActions } from './ProviderActions.tsx'
import { StaffActions } from './StaffActions.tsx'
import {
  formatDateTime,
  isInHand,
  isOpenForOrders,
  NEED_STATE_CHART_COLOR,
  NeedMarkers,
  type NeedState,
  NeedStateTag,
  needPlace,
  SlaCountdown,
  useNeedAction,
  useNow,
} from './shared.tsx'

/** Who is looking: the page is the same, the buttons are theirs. */
export type NeedView = 'requester' | 'provider' | 'staff'

const BACK: Record<NeedView, string> = { requester: '/my-needs', provider: '/orders', staff: '/needs' }
const REOPEN_WINDOW_MS = 7 * 86_400_000

export function useNeed(id: number, enabled = true) {
  return useQuery({
    queryKey: exchangeKeys.need(id),
    queryFn: ({ signal }) => call('GET /api/needs/:id', { params: { id }, signal }),
    enabled,
  })
}

function NeedTimeline({ need }: { need: Need }) {
  const { t } = useTranslation()
  const events = need.events ?? []
  return (
    <Timeline
      data-testid="need-timeline"
      items={events.map((e) => {
        // The escalation job writes an entry that keeps the state: show it as what it is.
        const escalation = e.note === 'escalated' && e.fromState === e.toState
        return {
          key: e.id,
          color: escalation ? 'red' : NEED_STATE_CHART_COLOR[e.toState as NeedState],
          content: (
            <Flex vertical gap={2} data-testid="timeline-item">
              <Typography.Text strong data-testid="timeline-state">
                {escalation ? t('exchange.escalated') : t(`exchange.states.${e.toState as NeedState}`)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at)}
                {e.by ? ` · ${e.by}` : ''}
              </Typography.Text>
              {e.note && !escalation && (
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{e.note}</Typography.Text>
              )}
            </Flex>
          ),
        }
      })}
    />
  )
}

/** 确认并评价 once delivered; 重新打开 within 7 days of delivery or closing. */
function RequesterActions({ need }: { need: Need }) {
  const { t } = useTranslation()
  const now = useNow(60_000)
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [reopening, setReopening] = useState(false)
  const [reason, setReason] = useState('')
  const action = useNeedAction({ successMessage: (b) => t(`exchange.actions.done.${b.action}`) })
  const lastChange = [...(need.events ?? [])]
    .reverse()
    .find((e) => e.toState === 'delivered' || e.toState === 'closed')?.at
  const mayReopen =
    (need.state === 'delivered' || need.state === 'closed') &&
    lastChange !== undefined &&
    now - new Date(lastChange).getTime() <= REOPEN_WINDOW_MS
  if (need.state !== 'delivered' && !mayReopen) return null

  return (
    <Card size="small" title={t('exchange.need.yourTurn')} data-testid="requester-actions">
      <Flex vertical gap={12}>
        {need.state === 'delivered' && (
          <Flex vertical gap={8}>
            <Typography.Text>{t('exchange.actions.rateHint')}</Typography.Text>
            <Rate
              value={rating}
              onChange={setRating}
              allowClear={false}
              data-testid="need-rate"
              style={{ fontSize: 28 }}
            />
            <Input.TextArea
              rows={3}
              maxLength={1000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t('exchange.actions.commentPlaceholder')}
              data-testid="need-comment"
            />
            <Button
              type="primary"
              size="large"
              block
              icon={<StarOutlined />}
              disabled={rating < 1}
              loading={action.isPending}
              data-testid="need-close"
              onClick={() =>
                action.mutate({
                  id: need.id,
                  body: { action: 'close', rating, ...(comment.trim() ? { comment: comment.trim() } : {}) },
                })
              }
            >
              {t('exchange.actions.close')}
            </Button>
          </Flex>
        )}
        {mayReopen && (
          <Button block icon={<RedoOutlined />} data-testid="need-reopen" onClick={() => setReopening(true)}>
            {t('exchange.actions.reopen')}
          </Button>
        )}
      </Flex>
      <Modal
        open={reopening}
        title={t('exchange.actions.reopenTitle')}
        okText={t('exchange.actions.reopen')}
        confirmLoading={action.isPending}
        onCancel={() => setReopening(false)}
        onOk={() =>
          action.mutate(
            { id: need.id, body: { action: 'reopen', ...(reason.trim() ? { note: reason.trim() } : {}) } },
            { onSettled: () => setReopening(false) },
          )
        }
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('exchange.actions.reopenReason')}
        />
      </Modal>
    </Card>
  )
}

function Actions({ need, view }: { need: Need; view: NeedView }) {
  const { t } = useTranslation()
  const me = useSession()
  if (view === 'requester') return <RequesterActions need={need} />
  if (view === 'provider') {
    const units = me.grants
      .filter((g) => g.role === 'provider' && g.scopeType === 'unit')
      .map((g) => Number(g.scopeId))
    const held = need.providerUnitId !== null && units.includes(need.providerUnitId)
    const buttons = (
      <ProviderActions need={need} held={held} unitId={units.length > 1 ? units[0] : undefined} />
    )
    if (!isOpenForOrders(need.state) && !(held && isInHand(need.state))) return null
    return (
      <Card size="small" title={t('exchange.need.actions')}>
        <Flex gap={8} wrap>
          {buttons}
        </Flex>
      </Card>
    )
  }
  if (!isOpenForOrders(need.state)) return null
  return (
    <Card size="small" title={t('exchange.need.actions')}>
      <Flex gap={8} wrap>
        <StaffActions need={need} />
      </Flex>
    </Card>
  )
}

function Details({ need }: { need: Need }) {
  const { t } = useTranslation()
  const contact = [need.contactName, need.contactPhone].filter(Boolean).join(' · ')
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        {
          key: 'description',
          label: t('exchange.need.description'),
          children: (
            <Typography.Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {need.description}
            </Typography.Text>
          ),
        },
        { key: 'place', label: t('exchange.need.place'), children: needPlace(t, need) },
        ...(need.requesterUnitName
          ? [{ key: 'unit', label: t('exchange.need.requesterUnit'), children: need.requesterUnitName }]
          : []),
        {
          key: 'contact',
          label: t('exchange.need.contact'),
          children: <span data-testid="need-contact">{contact || '—'}</span>,
        },
        { key: 'provider', label: t('exchange.need.provider'), children: need.providerName ?? '—' },
        { key: 'submitted', label: t('exchange.need.submitted'), children: formatDateTime(need.submittedAt) },
        {
          key: 'response',
          label: t('exchange.sla.response'),
          children: formatDateTime(need.firstResponseDueAt),
        },
        {
          key: 'resolution',
          label: t('exchange.sla.resolution'),
          children: formatDateTime(need.resolutionDueAt),
        },
        ...(need.rating !== null
          ? [
              {
                key: 'rating',
                label: t('exchange.need.rating'),
                children: (
                  <Flex vertical gap={2} data-testid="need-rating">
                    <Rate disabled value={need.rating} style={{ fontSize: 16 }} />
                    {need.ratingComment && <Typography.Text>{need.ratingComment}</Typography.Text>}
                  </Flex>
                ),
              },
            ]
          : []),
      ]}
    />
  )
}

/** A need with its timeline and the viewer's actions (requester, provider or staff). */
export function NeedPage({ view }: { view: NeedView }) {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const valid = Number.isInteger(id) && id > 0
  const need = useNeed(id, valid)
  if (!valid) return <NotFound />
  if (need.isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (need.isError) return <LoadError error={need.error} onRetry={() => void need.refetch()} />
  const n = need.data

  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
      <Flex gap={8} align="flex-start">
        <Link to={BACK[view]} aria-label={t('common.back')}>
          <Button type="text" icon={<ArrowLeftOutlined />} />
        </Link>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="need-title">
            {n.categoryName}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 'normal' }}>
              #{n.id}
            </Typography.Text>
          </Typography.Title>
          <Flex gap={6} wrap align="center">
            <NeedStateTag state={n.state} />
            <NeedMarkers need={n} />
            <SlaCountdown need={n} />
          </Flex>
        </Flex>
      </Flex>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={14}>
          <Flex vertical gap={12}>
            <Actions need={n} view={view} />
            <Card size="small" title={t('exchange.need.details')} data-testid="need-details">
              <Details need={n} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} md={10}>
          <Card size="small" title={t('exchange.need.timeline')}>
            <NeedTimeline need={n} />
          </Card>
        </Col>
      </Row>
    </Flex>
  )
}

export function RequesterNeedPage() {
  return <NeedPage view="requester" />
}
export function ProviderNeedPage() {
  return <NeedPage view="provider" />
}
export function StaffNeedPage() {
  return <NeedPage view="staff" />
}
