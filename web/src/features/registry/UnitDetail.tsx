import { EditOutlined } from '@ant-design/icons'
import type { Unit } from '@tongxin/contracts'
import { Button, Descriptions, Flex, Skeleton, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CategoryTag, unitKindLabel } from '../../components/labels.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { formatCount } from '../../lib/format.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { useUnit } from './api.ts'
import { DeleteButton } from './forms/DeleteButton.tsx'
import { UnitForm } from './forms/UnitForm.tsx'
import { PeopleList } from './PeopleList.tsx'

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

/** 编辑 / 删除 for whoever may write the registry; the server still checks the unit is theirs. */
function UnitActions({ unit, onDeleted }: { unit: Unit; onDeleted?: () => void }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  return (
    <Flex gap={8} wrap>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="unit-edit">
        {t('regForms.edit')}
      </Button>
      <DeleteButton
        route="DELETE /api/units/:id"
        id={unit.id}
        version={unit.version}
        name={unit.name}
        onDeleted={onDeleted}
        testId="unit-delete"
      />
      {editing && <UnitForm open unit={unit} onClose={() => setEditing(false)} />}
    </Flex>
  )
}

export function UnitDetail({ id, onDeleted }: { id: number; onDeleted?: () => void }) {
  const { t } = useTranslation()
  const me = useSession()
  const unit = useUnit(id)
  if (unit.isPending) return <Skeleton active />
  if (unit.isError) return <LoadError error={unit.error} onRetry={() => void unit.refetch()} />
  return (
    <Flex vertical gap={16}>
      {hasPermission(me, 'registry.write') && <UnitActions unit={unit.data} onDeleted={onDeleted} />}
      <UnitFacts unit={unit.data} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('units.people')}
      </Typography.Title>
      <PeopleList unit={{ id, name: unit.data.name }} />
    </Flex>
  )
}
