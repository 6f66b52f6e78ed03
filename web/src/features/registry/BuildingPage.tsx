import { BarChartOutlined, EnvironmentOutlined, UserSwitchOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { BuildingDetail } from '@tongxin/contracts'
import {
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  List,
  Popconfirm,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { orgTypeLabel, stationKindLabel } from '../../components/labels.tsx'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { registryKeys, useBuildingDetail, useUnit } from './api.ts'
import { AddUnitButton, BuildingEditActions } from './BuildingActions.tsx'
import { ChiefModal } from './ChiefModal.tsx'
import { CompletenessList, ScoreBar } from './CompletenessView.tsx'
import { FloorDirectory } from './FloorDirectory.tsx'
import { HistoryList } from './HistoryList.tsx'
import { UnitDetail } from './UnitDetail.tsx'

function Facts({ detail }: { detail: BuildingDetail }) {
  const { t } = useTranslation()
  const b = detail.building
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'address', label: t('buildings.address'), children: b.address },
        { key: 'area', label: t('buildings.area'), children: b.areaName },
        { key: 'park', label: t('buildings.park'), children: b.parkName ?? '—' },
        {
          key: 'floors',
          label: t('buildings.floors'),
          children: t('buildings.floorsValue', { count: b.floors }),
        },
        { key: 'property', label: t('buildings.propertyCompany'), children: b.propertyCompany ?? '—' },
        { key: 'owner', label: t('buildings.owner'), children: b.owner ?? '—' },
        {
          key: 'location',
          label: t('buildings.location'),
          children:
            b.lat !== null && b.lng !== null ? (
              <span>
                <EnvironmentOutlined /> {b.lat.toFixed(4)}, {b.lng.toFixed(4)}
              </span>
            ) : (
              '—'
            ),
        },
        {
          key: 'chief',
          label: t('buildings.chief'),
          children: b.chief ? (
            <span data-testid="building-chief">
              {b.chief.name}
              {b.chief.since && (
                <Typography.Text type="secondary">
                  {' '}
                  · {t('buildings.since', { date: b.chief.since })}
                </Typography.Text>
              )}
            </span>
          ) : (
            <Tag color="warning">{t('buildings.noChief')}</Tag>
          ),
        },
      ]}
    />
  )
}

function ChiefActions({ detail }: { detail: BuildingDetail }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const remove = useMutation({
    mutationFn: () =>
      call('DELETE /api/buildings/:id/chief', {
        params: { id: detail.building.id },
        query: { version: detail.building.chief?.version ?? 0 },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: registryKeys.buildings() }),
  })
  return (
    <>
      <Button icon={<UserSwitchOutlined />} data-testid="set-chief" onClick={() => setOpen(true)}>
        {t('buildings.setChief')}
      </Button>
      {detail.building.chief && (
        <Popconfirm title={t('buildings.removeChiefConfirm')} onConfirm={() => remove.mutate()}>
          <Button danger loading={remove.isPending}>
            {t('buildings.removeChief')}
          </Button>
        </Popconfirm>
      )}
      <ChiefModal detail={detail} open={open} onClose={() => setOpen(false)} />
    </>
  )
}

function UnitDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const unit = useUnit(id)
  return (
    <Drawer
      data-testid="unit-drawer"
      open={id !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
      title={unit.data?.name ?? t('units.detailTitle')}
      extra={id !== null && <Link to={`/units/${id}`}>{t('units.openPage')}</Link>}
    >
      {id !== null && <UnitDetail id={id} onDeleted={onClose} />}
    </Drawer>
  )
}

function Sidebar({ detail }: { detail: BuildingDetail }) {
  const { t } = useTranslation()
  const me = useSession()
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('buildings.completeness')}
        data-testid="building-completeness"
        extra={
          // The census visit form, with this building chosen (the same link a QR code on site can carry).
          hasPermission(me, 'census.visit') && (
            <Link to={`/census/visit?building=${detail.building.id}`} data-testid="building-record-visit">
              {t('census.record')}
            </Link>
          )
        }
      >
        <Flex vertical gap={12}>
          <ScoreBar score={detail.completeness.score} />
          <CompletenessList items={detail.completeness.items} />
        </Flex>
      </Card>
      <Card size="small" title={t('buildings.orgs')}>
        {detail.orgs.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('buildings.noOrgs')} />
        ) : (
          <List
            size="small"
            dataSource={detail.orgs}
            renderItem={(o) => (
              <List.Item key={`${o.id}-${o.via}`}>
                <Flex vertical gap={2}>
                  <Typography.Text>{o.name}</Typography.Text>
                  <Flex gap={4}>
                    <Tag color="red">{orgTypeLabel(t, o.type)}</Tag>
                    <Tag>{t(`buildings.orgVia.${o.via}`)}</Tag>
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('buildings.stations')}>
        {detail.stations.length === 0 ? (
          <Typography.Text type="secondary">{t('buildings.noStations')}</Typography.Text>
        ) : (
          <Flex vertical gap={6}>
            {detail.stations.map((s) => (
              <Flex key={s.id} gap={6} wrap align="center">
                <Tag color="volcano">{stationKindLabel(t, s.kind)}</Tag>
                <Typography.Text>{s.name}</Typography.Text>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
      <HistoryList route="GET /api/buildings/:id/history" id={detail.building.id} />
    </Flex>
  )
}

export function BuildingPage() {
  const { t } = useTranslation()
  const me = useSession()
  const id = Number(useParams().id)
  const valid = Number.isInteger(id) && id > 0
  const [unitId, setUnitId] = useState<number | null>(null)
  const detail = useBuildingDetail(id, valid)
  if (!valid) return <NotFound />
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 10 }} />
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
  const d = detail.data
  const b = d.building
  const canWrite = hasPermission(me, 'registry.write')

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Flex vertical gap={4}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="building-title">
            {b.name}
          </Typography.Title>
          <Flex gap={4} wrap>
            {b.inCensusScope ? (
              <Tag color="green">{t('buildings.inScope')}</Tag>
            ) : (
              <Tag>{t('buildings.outOfScope')}</Tag>
            )}
            <Tag>{b.inUse ? t('buildings.inUse') : t('buildings.notInUse')}</Tag>
            <Tag color="gold">{t('buildings.score', { score: d.completeness.score })}</Tag>
          </Flex>
        </Flex>
        <Flex gap={8} wrap>
          {hasPermission(me, 'coverage.read') && (
            <Link to={`/coverage?building=${b.id}`}>
              <Button icon={<BarChartOutlined />}>{t('buildings.coverage')}</Button>
            </Link>
          )}
          {canWrite && <BuildingEditActions building={b} />}
          {canWrite && <ChiefActions detail={d} />}
        </Flex>
      </Flex>
      <Card size="small" title={t('buildings.facts')}>
        <Facts detail={d} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={`${t('buildings.directory')} · ${d.units.filter((u) => u.operating).length}`}
            extra={
              canWrite ? (
                <AddUnitButton building={b} />
              ) : (
                <Typography.Text type="secondary">{t('buildings.directoryHint')}</Typography.Text>
              )
            }
          >
            <FloorDirectory units={d.units} onOpenUnit={setUnitId} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Sidebar detail={d} />
        </Col>
      </Row>
      <UnitDrawer id={unitId} onClose={() => setUnitId(null)} />
    </Flex>
  )
}
