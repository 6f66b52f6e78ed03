import { BUILDING_SORTS, type Building } from '@tongxin/contracts'
import { Card, Checkbox, Flex, Input, type TableProps, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { RowCard } from '../../components/RowCard.tsx'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { formatCount } from '../../lib/format.ts'
import { useCursorRoute } from '../../lib/paging.ts'
import { areaRoots } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { NewBuildingButton } from './BuildingActions.tsx'
import { useListParams } from './useListParams.ts'

export function BuildingsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const me = useSession()
  // Buildings are created in an area: only staff holding one (or the city) may.
  const canCreate = hasPermission(me, 'registry.write') && areaRoots(me).length > 0
  const { values, set } = useListParams(['q', 'area', 'inScope', 'sort'] as const)
  const list = useCursorRoute('buildings', 'GET /api/buildings', {
    ...values,
    inScope: values.inScope === 'true' || undefined,
  })

  const nameLink = (b: Building) => (
    <Link to={`/buildings/${b.id}`} onClick={(e) => e.stopPropagation()}>
      {b.name}
    </Link>
  )
  const chief = (b: Building) => b.chief?.name ?? <Tag color="warning">{t('buildings.noChief')}</Tag>
  const scope = (b: Building) =>
    b.inCensusScope ? (
      <Tag color="green">{t('buildings.inScope')}</Tag>
    ) : (
      <Tag>{t('buildings.outOfScope')}</Tag>
    )
  const card = (b: Building) => (
    <RowCard
      title={nameLink(b)}
      subtitle={b.address}
      facts={[
        { label: t('buildings.floors'), value: b.floors ?? '—' },
        { label: t('buildings.unitCount'), value: formatCount(b.unitCount) },
        { label: t('buildings.chief'), value: chief(b) },
        { label: t('buildings.area'), value: b.areaName },
        { label: t('buildings.park'), value: b.parkName ?? '—' },
        { label: t('buildings.inScope'), value: scope(b) },
      ]}
    />
  )

  const columns: TableProps<Building>['columns'] = [
    {
      key: 'name',
      title: t('buildings.name'),
      render: (_, b) => (
        <Flex vertical gap={2}>
          {nameLink(b)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.address}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'area', title: t('buildings.area'), dataIndex: 'areaName' },
    { key: 'park', title: t('buildings.park'), render: (_, b) => b.parkName ?? '—' },
    { key: 'floors', title: t('buildings.floors'), dataIndex: 'floors', align: 'right' },
    {
      key: 'units',
      title: t('buildings.unitCount'),
      align: 'right',
      render: (_, b) => formatCount(b.unitCount),
    },
    { key: 'chief', title: t('buildings.chief'), render: (_, b) => chief(b) },
    { key: 'scope', title: t('buildings.inScope'), render: (_, b) => scope(b) },
  ]

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('buildings.title')}
        </Typography.Title>
        {canCreate && <NewBuildingButton />}
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={8} wrap align="center">
            <Input.Search
              key={values.q}
              defaultValue={values.q}
              allowClear
              placeholder={t('buildings.searchPlaceholder')}
              onSearch={(v) => set('q', v)}
              style={{ width: isPhone ? '100%' : 320 }}
              data-testid="buildings-search"
            />
            <AreaCascader
              value={values.area}
              onChange={(a) => set('area', a)}
              allowClear
              width={isPhone ? '100%' : 260}
            />
            <Checkbox
              checked={values.inScope === 'true'}
              onChange={(e) => set('inScope', e.target.checked ? 'true' : null)}
            >
              {t('buildings.inScopeOnly')}
            </Checkbox>
          </Flex>
          <CursorTable<Building>
            list={list}
            testId="buildings-table"
            columns={columns}
            sort={{ value: values.sort, onChange: (v) => set('sort', v), keys: BUILDING_SORTS }}
            renderCard={card}
            onRow={(b) => ({ onClick: () => navigate(`/buildings/${b.id}`), style: { cursor: 'pointer' } })}
          />
        </Flex>
      </Card>
    </Flex>
  )
}
