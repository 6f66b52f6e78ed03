import {
  COVERAGE_CATEGORIES,
  type CoverageCategory,
  UNIT_KINDS,
  UNIT_SORTS,
  type Unit,
  type UnitKind,
} from '@tongxin/contracts'
import { Card, Flex, Input, Select, type TableProps, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { CategoryTag, categoryLabel, unitKindLabel } from '../../components/labels.tsx'
import { RowCard } from '../../components/RowCard.tsx'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { formatCount } from '../../lib/format.ts'
import { useCursorRoute } from '../../lib/paging.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { floorsText } from './UnitDetail.tsx'
import { NewUnitButton } from './UnitsActions.tsx'
import { useListParams } from './useListParams.ts'

export function UnitsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const me = useSession()
  const { values, set } = useListParams(['q', 'area', 'kind', 'category', 'building', 'sort'] as const)
  // The address's filters as given: one the server does not know is refused there, as any other request.
  const list = useCursorRoute('units', 'GET /api/units', {
    ...values,
    kind: values.kind as UnitKind | undefined,
    category: values.category as CoverageCategory | undefined,
    building: values.building ? Number(values.building) : undefined,
  })
  const filterWidth = isPhone ? '100%' : 180

  const nameLink = (u: Unit) => (
    <Link to={`/units/${u.id}`} onClick={(e) => e.stopPropagation()}>
      {u.name}
    </Link>
  )
  const buildingLink = (u: Unit) =>
    u.buildingId ? (
      <Link to={`/buildings/${u.buildingId}`} onClick={(e) => e.stopPropagation()}>
        {u.buildingName}
      </Link>
    ) : (
      '—'
    )
  const employees = (u: Unit) => (u.employees === null ? '—' : formatCount(u.employees))
  const members = (u: Unit) => `${u.formalMembers} / ${u.probationaryMembers}`
  // Under its "Floors" label the card shows the numbers only: floorsText says "Floor 8" / "8 层" itself.
  const floorNumbers = (u: Unit) =>
    u.floorFrom === null
      ? '—'
      : u.floorTo === null || u.floorTo === u.floorFrom
        ? String(u.floorFrom)
        : `${u.floorFrom}–${u.floorTo}`
  const card = (u: Unit) => (
    <RowCard
      title={nameLink(u)}
      subtitle={u.uscc}
      facts={[
        { label: t('units.building'), value: buildingLink(u) },
        { label: t('units.floors'), value: floorNumbers(u) },
        { label: t('units.kind'), value: unitKindLabel(t, u.kind) },
        { label: t('units.employees'), value: employees(u) },
        { label: t('units.members'), value: members(u) },
        { label: t('units.category'), value: <CategoryTag category={u.category} /> },
      ]}
    />
  )

  const columns: TableProps<Unit>['columns'] = [
    {
      key: 'name',
      title: t('units.name'),
      render: (_, u) => (
        <Flex vertical gap={2}>
          {nameLink(u)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'kind', title: t('units.kind'), render: (_, u) => unitKindLabel(t, u.kind) },
    { key: 'industry', title: t('units.industry'), render: (_, u) => u.industry ?? '—' },
    { key: 'building', title: t('units.building'), render: (_, u) => buildingLink(u) },
    { key: 'floor', title: t('units.floors'), render: (_, u) => floorsText(t, u.floorFrom, u.floorTo) },
    { key: 'employees', title: t('units.employees'), align: 'right', render: (_, u) => employees(u) },
    { key: 'members', title: t('units.members'), align: 'right', render: (_, u) => members(u) },
    { key: 'category', title: t('units.category'), render: (_, u) => <CategoryTag category={u.category} /> },
  ]

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('units.title')}
        </Typography.Title>
        {hasPermission(me, 'registry.write') && <NewUnitButton />}
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            <Input.Search
              key={values.q}
              defaultValue={values.q}
              allowClear
              placeholder={t('units.searchPlaceholder')}
              aria-label={t('units.searchPlaceholder')}
              onSearch={(v) => set('q', v)}
              style={{ width: isPhone ? '100%' : 340 }}
              data-testid="units-search"
            />
            <AreaCascader
              value={values.area}
              onChange={(a) => set('area', a)}
              allowClear
              width={isPhone ? '100%' : 240}
            />
            <Select
              allowClear
              placeholder={t('units.kindFilter')}
              aria-label={t('units.kindFilter')}
              value={values.kind}
              onChange={(v) => set('kind', v)}
              style={{ width: filterWidth }}
              options={UNIT_KINDS.map((k) => ({ value: k, label: unitKindLabel(t, k) }))}
            />
            <Select
              allowClear
              placeholder={t('units.categoryFilter')}
              aria-label={t('units.categoryFilter')}
              value={values.category}
              onChange={(v) => set('category', v)}
              style={{ width: filterWidth }}
              options={COVERAGE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
            />
          </Flex>
          <CursorTable<Unit>
            list={list}
            testId="units-table"
            columns={columns}
            sort={{ value: values.sort, onChange: (v) => set('sort', v), keys: UNIT_SORTS }}
            renderCard={card}
            onRow={(u) => ({ onClick: () => navigate(`/units/${u.id}`), style: { cursor: 'pointer' } })}
          />
        </Flex>
      </Card>
    </Flex>
  )
}
