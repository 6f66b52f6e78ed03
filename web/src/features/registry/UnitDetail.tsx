import { useQuery } from '@tanstack/react-query'
import type { Person, Unit } from '@tongxin/contracts'
import { Alert, Descriptions, Flex, Skeleton, Table, type TableProps, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LoadMore } from '../../components/LoadMore.tsx'
import { CategoryTag, unitKindLabel } from '../../components/labels.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { api } from '../../lib/api.ts'
import { formatCount } from '../../lib/format.ts'
import { useCursorList } from '../../lib/paging.ts'

export function useUnit(id: number | null) {
  return useQuery({
    queryKey: ['units', 'detail', id],
    queryFn: ({ signal }) => api<Unit>(`/api/units/${id}`, { signal }),
    enabled: id !== null,
  })
}

export function floorsText(t: TFunction, from: number | null, to: number | null) {
  if (from === null) return '—'
  if (to === null || to === from) return t('buildings.floor', { floor: from })
  return t('units.floorRange', { from, to })
}

export function UnitFacts({ unit }: { unit: Unit }) {
  const { t } = useTranslation()
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        {
          key: 'uscc',
          label: t('units.uscc'),
          children: <Typography.Text copyable>{unit.uscc}</Typography.Text>,
        },
        { key: 'kind', label: t('units.kind'), children: unitKindLabel(t, unit.kind) },
        { key: 'industry', label: t('units.industry'), children: unit.industry ?? '—' },
        {
          key: 'employees',
          label: t('units.employees'),
          children: unit.employees === null ? '—' : formatCount(unit.employees),
        },
        {
          key: 'building',
          label: t('units.building'),
          children: unit.buildingId ? (
            <Link to={`/buildings/${unit.buildingId}`}>{unit.buildingName}</Link>
          ) : (
            '—'
          ),
        },
        { key: 'floors', label: t('units.floors'), children: floorsText(t, unit.floorFrom, unit.floorTo) },
        { key: 'settledOn', label: t('units.settledOn'), children: unit.settledOn ?? '—' },
        ...(unit.leftOn ? [{ key: 'leftOn', label: t('units.leftOn'), children: unit.leftOn }] : []),
        {
          key: 'members',
          label: t('units.members'),
          children: `${unit.formalMembers} / ${unit.probationaryMembers}`,
        },
        { key: 'category', label: t('units.category'), children: <CategoryTag category={unit.category} /> },
        {
          key: 'instructor',
          label: t('units.instructorSent'),
          children: unit.instructorSent ? t('common.yes') : t('common.no'),
        },
      ]}
    />
  )
}

/** People of a unit with their party membership; phone and ID numbers come masked from the server. */
export function UnitPeople({ unitId }: { unitId: number }) {
  const { t } = useTranslation()
  const list = useCursorList<Person>('people', '/api/people', { unit: String(unitId) })
  const columns: TableProps<Person>['columns'] = [
    { key: 'name', title: t('units.personName'), dataIndex: 'name' },
    {
      key: 'gender',
      title: t('units.gender'),
      render: (_, p) => (p.gender === 'male' || p.gender === 'female' ? t(`units.genders.${p.gender}`) : '—'),
    },
    { key: 'birthDate', title: t('units.birthDate'), render: (_, p) => p.birthDate ?? '—' },
    { key: 'phone', title: t('units.phone'), render: (_, p) => p.phone ?? '—' },
    {
      key: 'membership',
      title: t('units.membership'),
      render: (_, p) =>
        p.membership ? (
          <Flex gap={4} wrap>
            <Tag color={p.membership.status === 'formal' ? 'red' : 'orange'}>
              {t(`units.memberStatus.${p.membership.status}`)}
            </Tag>
            {!p.membership.relationTransferred && <Tag color="warning">{t('units.notTransferred')}</Tag>}
            {p.membership.floating && <Tag>{t('units.floating')}</Tag>}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('units.notMember')}</Typography.Text>
        ),
    },
    { key: 'org', title: t('units.partyOrg'), render: (_, p) => p.membership?.partyOrgName ?? '—' },
  ]
  return (
    <Flex vertical gap={8}>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<Person>
        data-testid="unit-people"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore
        count={list.rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Flex>
  )
}

export function UnitDetail({ id }: { id: number }) {
  const { t } = useTranslation()
  const unit = useUnit(id)
  if (unit.isPending) return <Skeleton active />
  if (unit.isError) return <LoadError error={unit.error} onRetry={() => void unit.refetch()} />
  return (
    <Flex vertical gap={16}>
      <UnitFacts unit={unit.data} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('units.people')}
      </Typography.Title>
      <UnitPeople unitId={id} />
    </Flex>
  )
}
