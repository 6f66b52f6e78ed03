import { PARTY_ORG_SORTS, PARTY_ORG_TYPES, type PartyOrg, type PartyOrgType } from '@tongxin/contracts'
import { Card, Flex, Input, Select, type TableProps, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { orgTypeLabel } from '../../components/labels.tsx'
import { RowCard } from '../../components/RowCard.tsx'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { useCursorRoute } from '../../lib/paging.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { NewOrgButton } from './UnitsActions.tsx'
import { useListParams } from './useListParams.ts'

function Covers({ org }: { org: PartyOrg }) {
  const { t } = useTranslation()
  const { units, buildings } = org.covers
  if (units.length === 0 && buildings.length === 0) return <>—</>
  const shown = [
    ...buildings.map((b) => ({ ...b, kind: 'building' as const })),
    ...units.map((u) => ({ ...u, kind: 'unit' as const })),
  ]
  return (
    <Flex vertical gap={2} style={{ maxWidth: 360 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('partyOrgs.coversValue', { units: units.length, buildings: buildings.length })}
      </Typography.Text>
      <Typography.Paragraph
        ellipsis={{ rows: 2, tooltip: shown.map((s) => s.name).join(t('common.listSeparator')) }}
        style={{ margin: 0 }}
      >
        {shown.slice(0, 8).map((s, i) => (
          <span key={`${s.kind}-${s.id}`}>
            {i > 0 && t('common.listSeparator')}
            <Link
              to={s.kind === 'building' ? `/buildings/${s.id}` : `/units/${s.id}`}
              onClick={(e) => e.stopPropagation()}
            >
              {s.name}
            </Link>
          </span>
        ))}
      </Typography.Paragraph>
    </Flex>
  )
}

export function PartyOrgsPage() {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const navigate = useNavigate()
  const me = useSession()
  const { values, set } = useListParams(['q', 'area', 'type', 'sort'] as const)
  const list = useCursorRoute('party-orgs', 'GET /api/party-orgs', {
    ...values,
    type: values.type as PartyOrgType | undefined,
  })

  const nameLink = (o: PartyOrg) => (
    <Link to={`/party-orgs/${o.id}`} onClick={(e) => e.stopPropagation()}>
      {o.name}
    </Link>
  )
  const typeTags = (o: PartyOrg) => (
    <Flex gap={4} wrap>
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        {orgTypeLabel(t, o.type)}
      </Tag>
      {o.hasCommittee && <Tag style={{ marginInlineEnd: 0 }}>{t('partyOrgs.committee')}</Tag>}
    </Flex>
  )
  const members = (o: PartyOrg) => `${o.formalMembers} / ${o.probationaryMembers}`
  const card = (o: PartyOrg) => (
    <RowCard
      title={nameLink(o)}
      subtitle={typeTags(o)}
      facts={[
        { label: t('partyOrgs.members'), value: members(o) },
        { label: t('partyOrgs.secretary'), value: o.secretary?.name ?? '—' },
        { label: t('partyOrgs.parent'), value: o.parentName ?? '—' },
        { label: t('partyOrgs.area'), value: o.areaName },
        { label: t('partyOrgs.established'), value: o.establishedOn ?? '—' },
        {
          label: t('partyOrgs.covers'),
          value: t('partyOrgs.coversValue', {
            units: o.covers.units.length,
            buildings: o.covers.buildings.length,
          }),
        },
      ]}
    />
  )

  const columns: TableProps<PartyOrg>['columns'] = [
    { key: 'name', title: t('partyOrgs.name'), render: (_, o) => nameLink(o) },
    { key: 'type', title: t('partyOrgs.type'), render: (_, o) => typeTags(o) },
    { key: 'parent', title: t('partyOrgs.parent'), render: (_, o) => o.parentName ?? '—' },
    { key: 'area', title: t('partyOrgs.area'), dataIndex: 'areaName' },
    { key: 'secretary', title: t('partyOrgs.secretary'), render: (_, o) => o.secretary?.name ?? '—' },
    {
      key: 'members',
      title: t('partyOrgs.members'),
      align: 'right',
      render: (_, o) => members(o),
    },
    { key: 'covers', title: t('partyOrgs.covers'), render: (_, o) => <Covers org={o} /> },
    { key: 'established', title: t('partyOrgs.established'), render: (_, o) => o.establishedOn ?? '—' },
  ]

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('partyOrgs.title')}
        </Typography.Title>
        {hasPermission(me, 'registry.write') && <NewOrgButton />}
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            <Input.Search
              key={values.q}
              defaultValue={values.q}
              allowClear
              placeholder={t('partyOrgs.searchPlaceholder')}
              aria-label={t('partyOrgs.searchPlaceholder')}
              onSearch={(v) => set('q', v)}
              style={{ width: isPhone ? '100%' : 320 }}
              data-testid="orgs-search"
            />
            <AreaCascader
              value={values.area}
              onChange={(a) => set('area', a)}
              allowClear
              width={isPhone ? '100%' : 240}
            />
            <Select
              allowClear
              placeholder={t('partyOrgs.typeFilter')}
              aria-label={t('partyOrgs.typeFilter')}
              value={values.type}
              onChange={(v) => set('type', v)}
              style={{ width: isPhone ? '100%' : 180 }}
              options={PARTY_ORG_TYPES.map((k) => ({ value: k, label: orgTypeLabel(t, k) }))}
            />
          </Flex>
          <CursorTable<PartyOrg>
            list={list}
            testId="orgs-table"
            columns={columns}
            sort={{ value: values.sort, onChange: (v) => set('sort', v), keys: PARTY_ORG_SORTS }}
            renderCard={card}
            onRow={(o) => ({ onClick: () => navigate(`/party-orgs/${o.id}`), style: { cursor: 'pointer' } })}
          />
        </Flex>
      </Card>
    </Flex>
  )
}
