import { useQuery } from '@tanstack/react-query'
import { Flex, Skeleton, Tabs, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { orgTypeLabel } from '../../components/labels.tsx'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { orglifeKeys } from './api.ts'
import { DuesTab } from './DuesTab.tsx'
import { FloatingTab } from './FloatingTab.tsx'
import { LifeTab } from './LifeTab.tsx'
import { PointsTab } from './PointsTab.tsx'
import { TransfersTab } from './TransfersTab.tsx'

const TABS = ['life', 'transfers', 'dues', 'floating', 'points'] as const
type TabKey = (typeof TABS)[number]

export function useRoster(orgId: number) {
  return useQuery({
    queryKey: orglifeKeys.roster(orgId),
    queryFn: ({ signal }) => call('GET /api/orglife/orgs/:id/roster', { params: { id: orgId }, signal }),
    enabled: orgId > 0,
  })
}

/** A secretary's organisation: its meetings against the rules, transfers, dues, floating members and points. */
export function OrgLifePage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const [params, setParams] = useSearchParams()
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'life'
  const roster = useRoster(Number.isInteger(id) ? id : 0)
  if (!Number.isInteger(id) || id <= 0) return <NotFound />
  if (roster.isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (roster.isError) return <LoadError error={roster.error} onRetry={() => void roster.refetch()} />
  const org = roster.data
  return (
    <Flex vertical gap={12}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="orglife-title">
          {org.name}
        </Typography.Title>
        <Flex gap={4} wrap align="center">
          <Tag color="red">{orgTypeLabel(t, org.type)}</Tag>
          <Link to={`/party-orgs/${org.partyOrgId}`}>{t('nav.partyOrgs')}</Link>
        </Flex>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`orglife-tab-${k}`}>{t(`orglife.tabs.${k}`)}</span>,
          children:
            k !== tab ? null : k === 'life' ? (
              <LifeTab roster={org} />
            ) : k === 'transfers' ? (
              <TransfersTab roster={org} />
            ) : k === 'dues' ? (
              <DuesTab roster={org} />
            ) : k === 'floating' ? (
              <FloatingTab roster={org} />
            ) : (
              <PointsTab orgId={org.partyOrgId} />
            ),
        }))}
      />
    </Flex>
  )
}
