import { CheckOutlined, ThunderboltOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PinInput, Round } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  InputNumber,
  Popconfirm,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { call } from '../../lib/api.ts'
import { exchangeKeys } from './api.ts'
import { ProposalTable, pairKey, ReasonList } from './ProposalTable.tsx'
import { RoundStateTag } from './RoundsPage.tsx'
import { MatchingSteps } from './RoundWizardPage.tsx'

type Agreement = Round['agreementList'][number]
type FollowUp = Agreement['followUps'][number]

const samePins = (a: PinInput[], b: PinInput[]) =>
  a.length === b.length && a.every((p) => b.some((q) => pairKey(q) === pairKey(p) && q.kind === p.kind))

function stepOf(round: Round) {
  if (round.state === 'confirmed' || round.state === 'closed') return 5
  if (round.state === 'proposed') return 4
  return round.proposal ? 3 : 2
}

function FollowUpRow({
  followUp,
  onSave,
}: {
  followUp: FollowUp
  onSave: (done: boolean, note: string) => void
}) {
  const { t } = useTranslation()
  const [note, setNote] = useState(followUp.note ?? '')
  return (
    <Flex gap={8} align="center" wrap data-testid="follow-up">
      <Checkbox checked={followUp.doneAt !== null} onChange={(e) => onSave(e.target.checked, note)}>
        {t('exchange.matching.round.due', { date: followUp.dueOn })}
      </Checkbox>
      <Input
        size="small"
        style={{ maxWidth: 320 }}
        placeholder={t('exchange.matching.round.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {note !== (followUp.note ?? '') && (
        <Button size="small" onClick={() => onSave(followUp.doneAt !== null, note)}>
          {t('exchange.matching.round.saveNote')}
        </Button>
      )}
    </Flex>
  )
}

/** One round: solve, review the proposal with reasons, pin or forbid and solve again, confirm, follow up. */
export function RoundPage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const id = Number(useParams().id)
  const client = useQueryClient()
  const key = exchangeKeys.round(id)
  const round = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call('GET /api/matching/rounds/:id', { params: { id }, signal }),
    // A large round is solved in the background: look again until it is done.
    refetchInterval: (q) =>
      q.state.data && ['queued', 'running'].includes(q.state.data.solveStatus) ? 3000 : false,
  })
  const [pins, setPins] = useState<PinInput[]>([])
  const [months, setMonths] = useState(6)
  useEffect(() => {
    if (round.data) setPins(round.data.pins)
  }, [round.data])

  const onDone = (data: Round) => {
    client.setQueryData(key, data)
    void client.invalidateQueries({ queryKey: exchangeKeys.rounds() })
  }
  const onError = (error: Error) => {
    void message.error(error.message)
    void client.invalidateQueries({ queryKey: key })
  }
  const solve = useMutation({
    mutationFn: async (r: Round) => {
      let version = r.version
      if (!samePins(pins, r.pins)) {
        const patched = await call('PATCH /api/matching/rounds/:id', {
          params: { id },
          body: { version, pins },
        })
        version = patched.version
      }
      return call('POST /api/matching/rounds/:id/solve', { params: { id }, body: { version } })
    },
    onSuccess: onDone,
    onError,
  })
  const confirm = useMutation({
    mutationFn: (r: Round) =>
      call('POST /api/matching/rounds/:id/confirm', {
        params: { id },
        body: { version: r.version, followUpMonths: months },
      }),
    onSuccess: onDone,
    onError,
  })
  const close = useMutation({
    mutationFn: (r: Round) =>
      call('POST /api/matching/rounds/:id/close', { params: { id }, body: { version: r.version } }),
    onSuccess: onDone,
    onError,
  })
  const followUp = useMutation({
    mutationFn: ({ f, done, note }: { f: FollowUp; done: boolean; note: string }) =>
      call('PATCH /api/matching/follow-ups/:id', {
        params: { id: f.id },
        body: { version: f.version, done, note: note || null },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
    onError,
  })

  if (round.error) return <Alert type="error" showIcon title={round.error.message} />
  if (!round.data) return <Skeleton active />
  const r = round.data
  const editable =
    (r.state === 'draft' || r.state === 'proposed') && !['queued', 'running'].includes(r.solveStatus)
  const pending = !samePins(pins, r.pins)
  const p = r.proposal
  const added = p?.pairs.filter((x) => x.change === 'added').length ?? 0
  const zh = i18n.language.startsWith('zh')

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical gap={4}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="round-name">
            {r.name}
          </Typography.Title>
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary">{r.areaName}</Typography.Text>
            <RoundStateTag round={r} />
            {r.confirmedOn && (
              <Typography.Text type="secondary">
                {t('exchange.matching.round.confirmedOn', { date: r.confirmedOn })}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
        <Flex gap={8} wrap align="center">
          {editable && (
            <Button
              type={r.state === 'draft' || pending ? 'primary' : 'default'}
              icon={<ThunderboltOutlined />}
              loading={solve.isPending}
              onClick={() => solve.mutate(r)}
              data-testid="round-solve"
            >
              {p ? t('exchange.matching.round.resolve') : t('exchange.matching.round.solve')}
            </Button>
          )}
          {r.state === 'proposed' && p && !p.stale && !pending && (
            <>
              <Typography.Text>{t('exchange.matching.round.followUpMonths')}</Typography.Text>
              <InputNumber
                min={1}
                max={24}
                value={months}
                onChange={(v) => setMonths(v ?? 1)}
                style={{ width: 72 }}
              />
              <Popconfirm
                title={t('exchange.matching.round.confirmTitle')}
                onConfirm={() => confirm.mutate(r)}
              >
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={confirm.isPending}
                  data-testid="round-confirm"
                >
                  {t('exchange.matching.round.confirm')}
                </Button>
              </Popconfirm>
            </>
          )}
          {r.state === 'confirmed' && (
            <Button loading={close.isPending} onClick={() => close.mutate(r)}>
              {t('exchange.matching.round.close')}
            </Button>
          )}
        </Flex>
      </Flex>
      <MatchingSteps current={stepOf(r)} />
      {['queued', 'running'].includes(r.solveStatus) && (
        <Alert type="info" showIcon title={t('exchange.matching.round.queued')} />
      )}
      {r.solveStatus === 'failed' && r.solveError && (
        <Alert
          type="error"
          showIcon
          title={t('exchange.matching.round.failed', { message: zh ? r.solveError.zh : r.solveError.en })}
        />
      )}
      {p && (
        <Flex gap={8} wrap>
          <Tag color="blue" data-testid="round-total">
            {t('exchange.matching.round.totalFit', { total: p.totalFit, greedy: p.greedyFit })}
          </Tag>
          {(added > 0 || p.removed.length > 0) && (
            <Tag color="green">
              {t('exchange.matching.round.changes', { added, removed: p.removed.length })}
            </Tag>
          )}
          {p.unassigned.length > 0 && (
            <Tag color="orange">
              {t('exchange.matching.round.unassigned', { count: p.unassigned.length })}
            </Tag>
          )}
        </Flex>
      )}
      {p && (p.stale || pending) && r.state !== 'confirmed' && r.state !== 'closed' && (
        <Alert type="warning" showIcon title={t('exchange.matching.round.stale')} />
      )}
      {r.agreementList.length > 0 && (
        <Card size="small" title={t('exchange.matching.round.agreements', { count: r.agreementList.length })}>
          <Table<Agreement>
            rowKey="id"
            size="small"
            dataSource={r.agreementList}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            data-testid="agreements-table"
            expandable={{
              expandedRowRender: (a) => (
                <Flex vertical gap={6}>
                  {a.followUps.map((f) => (
                    <FollowUpRow
                      key={`${f.id}-${f.version}`}
                      followUp={f}
                      onSave={(done, note) => followUp.mutate({ f, done, note })}
                    />
                  ))}
                </Flex>
              ),
            }}
            columns={[
              { title: t('exchange.matching.round.pair.target'), dataIndex: 'targetName' },
              { title: t('exchange.matching.round.pair.provider'), dataIndex: 'providerName' },
              { title: t('exchange.matching.round.pair.score'), dataIndex: 'score', align: 'right' },
              {
                title: t('exchange.matching.round.followUps'),
                render: (_, a) => `${a.followUps.filter((f) => f.doneAt).length} / ${a.followUps.length}`,
              },
              {
                title: t('exchange.matching.round.pair.reasons'),
                render: (_, a) => <ReasonList reasons={a.reasons} />,
              },
            ]}
          />
        </Card>
      )}
      {p && r.agreementList.length === 0 && (
        <ProposalTable round={r} pins={pins} onPins={setPins} editable={editable} />
      )}
      {editable && pins.length > 0 && (
        <Card size="small" title={t('exchange.matching.round.pins', { count: pins.length })}>
          <Flex gap={6} wrap>
            {pins.map((pin) => (
              <Tag
                key={pairKey(pin)}
                color={pin.kind === 'pin' ? 'gold' : 'red'}
                closable
                onClose={() => setPins(pins.filter((x) => pairKey(x) !== pairKey(pin)))}
              >
                {pin.kind === 'pin' ? t('exchange.matching.round.pin') : t('exchange.matching.round.forbid')}:{' '}
                {r.targetList.find((x) => x.key === pin.targetKey)?.name} ×{' '}
                {r.providerList.find((x) => x.unitId === pin.unitId)?.name}
              </Tag>
            ))}
          </Flex>
        </Card>
      )}
      <Card size="small" title={`${t('exchange.matching.round.targets')} (${r.targetList.length})`}>
        <Flex gap={6} wrap>
          {r.targetList.map((x) => (
            <Tag key={x.key} color={x.assigned >= x.demand ? 'green' : x.assigned > 0 ? 'gold' : undefined}>
              {x.name} · {t('exchange.matching.round.assigned', { assigned: x.assigned, demand: x.demand })}
            </Tag>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={`${t('exchange.matching.round.providers')} (${r.providerList.length})`}>
        <Flex gap={6} wrap>
          {r.providerList.map((x) => (
            <Tag key={x.unitId} color={x.load > 0 ? 'blue' : undefined}>
              {x.name} · {t('exchange.matching.round.load', { load: x.load, capacity: x.capacity })}
            </Tag>
          ))}
        </Flex>
      </Card>
    </Flex>
  )
}
