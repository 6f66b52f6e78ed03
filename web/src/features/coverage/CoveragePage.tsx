import { DownloadOutlined, WarningOutlined } from '@ant-design/icons'
import type { FigureKey } from '@tongxin/contracts'
import { Button, Card, Flex, Skeleton, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { figureLabel } from '../../components/labels.tsx'
import { ScopePicker } from '../../components/ScopePicker.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { scopeQuery, useScopeParams } from '../../lib/scope.ts'
import { useCoverage } from './api.ts'
import { CoverageCharts } from './CoverageCharts.tsx'
import { DrillDrawer, type DrillTarget } from './DrillDrawer.tsx'
import { FigureCards } from './FigureCards.tsx'
import { SnapshotsPanel } from './SnapshotsPanel.tsx'

export function CoveragePage() {
  const { t } = useTranslation()
  const [scope, setScope] = useScopeParams()
  const query = scopeQuery(scope)
  const [drill, setDrill] = useState<DrillTarget | null>(null)
  const figures = useCoverage(scope)
  const data = figures.data
  const openDrill = (label: string, drillFigures: FigureKey[]) => setDrill({ label, figures: drillFigures })
  // The export workbook is per area; parks and buildings are part of their area's report.
  const exportUrl = query.area ? `/api/exports/coverage?area=${query.area}` : null
  const gapsUrl = `/gaps?area=${query.area}`

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="coverage-title">
            {t('coverage.title')}
            {data ? ` · ${data.scope.name}` : ''}
          </Typography.Title>
          {data && (
            <Typography.Text type="secondary">
              {t('coverage.asOf', { date: data.asOf })} · {t('coverage.clickHint')}
            </Typography.Text>
          )}
          {data?.subAreas && data.subAreas.villages + data.subAreas.communities > 0 && (
            <Typography.Text type="secondary" data-testid="sub-areas" style={{ display: 'block' }}>
              {t('coverage.subAreas', data.subAreas)}
            </Typography.Text>
          )}
        </div>
        <Flex gap={8} wrap>
          {query.area && (
            <Link to={gapsUrl}>
              <Button icon={<WarningOutlined />}>{t('nav.gaps')}</Button>
            </Link>
          )}
          {exportUrl && (
            <Button icon={<DownloadOutlined />} href={exportUrl} data-testid="coverage-export">
              {t('coverage.export')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Card size="small">
        <ScopePicker
          scope={scope}
          onChange={setScope}
          scopeName={data && data.scope.kind !== 'area' ? data.scope.name : undefined}
        />
      </Card>
      {figures.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {figures.isError && <LoadError error={figures.error} onRetry={() => void figures.refetch()} />}
      {data && (
        <>
          <FigureCards figures={data} onDrill={(key, f) => openDrill(figureLabel(t, key), f)} />
          <CoverageCharts figures={data} scope={scope} onDrill={openDrill} />
          {data.scope.kind === 'area' ? (
            <SnapshotsPanel area={data.scope.id} current={data} />
          ) : (
            <Typography.Text type="secondary">{t('coverage.snapshots.areaOnly')}</Typography.Text>
          )}
          <DrillDrawer
            scope={scope}
            scopeName={data.scope.name}
            target={drill}
            onClose={() => setDrill(null)}
          />
        </>
      )}
    </Flex>
  )
}
