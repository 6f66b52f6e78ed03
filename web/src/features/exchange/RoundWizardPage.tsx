import { useMutation, useQuery } from '@tanstack/react-query'
import type { RoundCandidates, RoundInput } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Select,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { exchangeKeys } from './api.ts'
import { useAreaNames, useCategories } from './shared.tsx'

type CandidateProvider = RoundCandidates['providers'][number]
type CandidateTarget = RoundCandidates['targets'][number]
interface ProviderPick {
  capacity: number
  categories: string[]
}
interface TargetPick {
  demand: number
  wants: string[]
}

export const MATCHING_STEPS = ['choose', 'review', 'solve', 'proposal', 'confirm', 'agreements'] as const

/** The wizard's step bar, shared with the round page (which carries on from "solve"). */
export function MatchingSteps({ current }: { current: number }) {
  const { t } = useTranslation()
  return (
    <Steps
      size="small"
      current={current}
      responsive
      items={MATCHING_STEPS.map((s) => ({ title: t(`exchange.matching.steps.${s}`) }))}
    />
  )
}

function useCategoryOptions() {
  const categories = useCategories()
  return useMemo(
    () => categories.items.filter((c) => c.parentCode).map((c) => ({ value: c.code, label: c.name })),
    [categories.items],
  )
}

/** Steps 1–2 of a round: the area, who provides and who is served (with wants), and both sides' choices. */
export function RoundWizardPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const categoryOptions = useCategoryOptions()
  const [step, setStep] = useState(0)
  const [area, setArea] = useState<string>()
  const [name, setName] = useState('')
  const [providers, setProviders] = useState(new Map<number, ProviderPick>())
  const [targets, setTargets] = useState(new Map<string, TargetPick>())
  const [providerChoices, setProviderChoices] = useState(new Map<number, string[]>())
  const [targetChoices, setTargetChoices] = useState(new Map<string, number[]>())

  const candidates = useQuery({
    queryKey: exchangeKeys.candidates(area),
    enabled: Boolean(area),
    queryFn: ({ signal }) => call('GET /api/matching/candidates', { query: { area: area! }, signal }),
  })
  const providerList = candidates.data?.providers ?? []
  const targetList = candidates.data?.targets ?? []
  const areaName = useAreaNames(area ? [area] : []).get(area ?? '')
  const nameOf = useMemo(() => new Map(providerList.map((p) => [p.unitId, p.name])), [providerList])
  const targetName = useMemo(() => new Map(targetList.map((x) => [x.key, x.name])), [targetList])

  const create = useMutation({
    mutationFn: (body: RoundInput) => call('POST /api/matching/rounds', { body }),
    onSuccess: (round) => navigate(`/matching/${round.id}`),
    onError: (error) => void message.error(error.message),
  })

  const chooseArea = (code: string | undefined) => {
    setArea(code)
    setProviders(new Map())
    setTargets(new Map())
    setProviderChoices(new Map())
    setTargetChoices(new Map())
  }
  const pickProviders = (keys: React.Key[]) =>
    setProviders((old) => {
      const next = new Map<number, ProviderPick>()
      for (const k of keys) {
        const p = providerList.find((x) => x.unitId === Number(k))
        next.set(Number(k), old.get(Number(k)) ?? { capacity: 1, categories: p?.categories ?? [] })
      }
      return next
    })
  const pickTargets = (keys: React.Key[]) =>
    setTargets((old) => {
      const next = new Map<string, TargetPick>()
      for (const k of keys) {
        const x = targetList.find((c) => c.key === k)
        next.set(String(k), old.get(String(k)) ?? { demand: 1, wants: x?.wants ?? [] })
      }
      return next
    })
  const editProvider = (id: number, change: Partial<ProviderPick>) =>
    setProviders((old) => new Map(old).set(id, { ...old.get(id)!, ...change }))
  const editTarget = (key: string, change: Partial<TargetPick>) =>
    setTargets((old) => new Map(old).set(key, { ...old.get(key)!, ...change }))

  const submit = () =>
    create.mutate({
      areaCode: area!,
      name: name.trim() || t('exchange.matching.wizard.defaultName', { area: areaName ?? area ?? '' }),
      providers: [...providers].map(([unitId, p]) => ({ unitId, ...p })),
      targets: [...targets].map(([key, x]) => ({
        key,
        demand: x.demand,
        wants: x.wants.map((category, i) => ({ category, weight: i === 0 ? 2 : 1 })),
      })),
      preferences: [
        ...[...providerChoices]
          .filter(([id, ranked]) => providers.has(id) && ranked.length)
          .map(([unitId, ranked]) => ({
            side: 'provider' as const,
            unitId,
            ranked: ranked.filter((k) => targets.has(k)),
          })),
        ...[...targetChoices]
          .filter(([key, ranked]) => targets.has(key) && ranked.length)
          .map(([targetKey, ranked]) => ({
            side: 'target' as const,
            targetKey,
            ranked: ranked.filter((id) => providers.has(id)),
          })),
      ],
    })

  const selectedProviders = providerList.filter((p) => providers.has(p.unitId))
  const selectedTargets = targetList.filter((x) => targets.has(x.key))
  const canGoOn = providers.size > 0 && targets.size > 0

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('exchange.matching.newRound')}
      </Typography.Title>
      <MatchingSteps current={step} />
      {step === 0 && (
        <>
          <Flex gap={12} wrap>
            <AreaCascader
              value={area}
              onChange={chooseArea}
              width={280}
              placeholder={t('exchange.matching.wizard.area')}
            />
            <Input
              style={{ maxWidth: 360 }}
              placeholder={t('exchange.matching.wizard.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="round-name"
            />
          </Flex>
          {!area && <Alert type="info" showIcon title={t('exchange.matching.wizard.pickArea')} />}
          {candidates.error && <Alert type="error" showIcon title={candidates.error.message} />}
          {area && (
            <>
              <Card size="small" title={t('exchange.matching.wizard.providers', { count: providers.size })}>
                <Table<CandidateProvider>
                  rowKey="unitId"
                  size="small"
                  data-testid="wizard-providers"
                  loading={candidates.isLoading}
                  dataSource={providerList}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                  rowSelection={{ selectedRowKeys: [...providers.keys()], onChange: pickProviders }}
                  columns={[
                    { title: t('exchange.matching.round.providers'), dataIndex: 'name' },
                    {
                      title: t('exchange.matching.wizard.capacity'),
                      render: (_, p) =>
                        providers.has(p.unitId) ? (
                          <InputNumber
                            min={0}
                            max={50}
                            size="small"
                            value={providers.get(p.unitId)!.capacity}
                            onChange={(v) => editProvider(p.unitId, { capacity: v ?? 0 })}
                          />
                        ) : null,
                    },
                    {
                      title: t('exchange.matching.wizard.categories'),
                      render: (_, p) =>
                        providers.has(p.unitId) ? (
                          <Select
                            mode="multiple"
                            size="small"
                            style={{ minWidth: 220 }}
                            options={categoryOptions}
                            value={providers.get(p.unitId)!.categories}
                            onChange={(categories) => editProvider(p.unitId, { categories })}
                          />
                        ) : (
                          p.categories.map((c) => (
                            <Tag key={c}>{categoryOptions.find((o) => o.value === c)?.label ?? c}</Tag>
                          ))
                        ),
                    },
                  ]}
                />
              </Card>
              <Card size="small" title={t('exchange.matching.wizard.targets', { count: targets.size })}>
                <Table<CandidateTarget>
                  rowKey="key"
                  size="small"
                  data-testid="wizard-targets"
                  loading={candidates.isLoading}
                  dataSource={targetList}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                  rowSelection={{ selectedRowKeys: [...targets.keys()], onChange: pickTargets }}
                  columns={[
                    { title: t('exchange.matching.round.targets'), dataIndex: 'name' },
                    {
                      title: '',
                      dataIndex: 'kind',
                      render: (k: CandidateTarget['kind']) => (
                        <Tag>{t(`exchange.matching.wizard.kinds.${k}`)}</Tag>
                      ),
                    },
                    {
                      title: t('exchange.matching.wizard.demand'),
                      render: (_, x) =>
                        targets.has(x.key) ? (
                          <InputNumber
                            min={0}
                            max={20}
                            size="small"
                            value={targets.get(x.key)!.demand}
                            onChange={(v) => editTarget(x.key, { demand: v ?? 0 })}
                          />
                        ) : null,
                    },
                    {
                      title: t('exchange.matching.wizard.wants'),
                      render: (_, x) =>
                        targets.has(x.key) ? (
                          <Select
                            mode="multiple"
                            size="small"
                            style={{ minWidth: 220 }}
                            options={categoryOptions}
                            value={targets.get(x.key)!.wants}
                            onChange={(wants) => editTarget(x.key, { wants })}
                          />
                        ) : null,
                    },
                  ]}
                />
              </Card>
            </>
          )}
          <Flex justify="flex-end">
            <Button type="primary" disabled={!canGoOn} onClick={() => setStep(1)} data-testid="wizard-next">
              {t('exchange.matching.wizard.next')}
            </Button>
          </Flex>
        </>
      )}
      {step === 1 && (
        <>
          <Alert type="info" showIcon title={t('exchange.matching.wizard.choicesHint')} />
          {selectedProviders.some((p) => providers.get(p.unitId)!.categories.length === 0) && (
            <Alert type="warning" showIcon title={t('exchange.matching.wizard.noCategories')} />
          )}
          <Card size="small" title={t('exchange.matching.wizard.providerChoices')}>
            <Table<CandidateProvider>
              rowKey="unitId"
              size="small"
              dataSource={selectedProviders}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('exchange.matching.round.providers'), dataIndex: 'name' },
                {
                  title: t('exchange.matching.wizard.categories'),
                  render: (_, p) =>
                    providers
                      .get(p.unitId)!
                      .categories.map((c) => (
                        <Tag key={c}>{categoryOptions.find((o) => o.value === c)?.label ?? c}</Tag>
                      )),
                },
                {
                  title: t('exchange.matching.wizard.providerChoices'),
                  render: (_, p) => (
                    <Select
                      mode="multiple"
                      size="small"
                      maxCount={3}
                      style={{ minWidth: 240 }}
                      value={providerChoices.get(p.unitId) ?? []}
                      options={selectedTargets.map((x) => ({ value: x.key, label: targetName.get(x.key) }))}
                      onChange={(ranked) => setProviderChoices((old) => new Map(old).set(p.unitId, ranked))}
                    />
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('exchange.matching.wizard.targetChoices')}>
            <Table<CandidateTarget>
              rowKey="key"
              size="small"
              dataSource={selectedTargets}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('exchange.matching.round.targets'), dataIndex: 'name' },
                {
                  title: t('exchange.matching.wizard.wants'),
                  render: (_, x) =>
                    targets.get(x.key)!.wants.map((c, i) => (
                      <Tag key={c} color={i === 0 ? 'blue' : undefined}>
                        {categoryOptions.find((o) => o.value === c)?.label ?? c}
                      </Tag>
                    )),
                },
                {
                  title: t('exchange.matching.wizard.targetChoices'),
                  render: (_, x) => (
                    <Select
                      mode="multiple"
                      size="small"
                      maxCount={3}
                      style={{ minWidth: 240 }}
                      value={targetChoices.get(x.key) ?? []}
                      options={selectedProviders.map((p) => ({
                        value: p.unitId,
                        label: nameOf.get(p.unitId),
                      }))}
                      onChange={(ranked) => setTargetChoices((old) => new Map(old).set(x.key, ranked))}
                    />
                  ),
                },
              ]}
            />
          </Card>
          <Flex justify="space-between">
            <Button onClick={() => setStep(0)}>{t('exchange.matching.wizard.back')}</Button>
            <Button type="primary" loading={create.isPending} onClick={submit} data-testid="round-create">
              {t('exchange.matching.wizard.create')}
            </Button>
          </Flex>
        </>
      )}
    </Flex>
  )
}
