import type { DrillRow, FigureKey } from '@tongxin/contracts'
import { Alert, Drawer, Empty, Flex, List, Segmented, Skeleton, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LoadMore } from '../../components/LoadMore.tsx'
import { figureLabel } from '../../components/labels.tsx'
import { useCursorRoute } from '../../lib/paging.ts'
import { type Scope, scopeQuery } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'

export interface DrillTarget {
  /** The figure the user clicked (may be a rate). */
  label: string
  figures: FigureKey[]
}

const ENTITY_COLOR: Record<DrillRow['entity'], string> = {
  building: 'geekblue',
  unit: 'gold',
  person: 'green',
  station: 'purple',
}

function RowLink({ row }: { row: DrillRow }) {
  if (row.entity === 'building') return <Link to={`/buildings/${row.id}`}>{row.name}</Link>
  if (row.entity === 'unit') return <Link to={`/units/${row.id}`}>{row.name}</Link>
  return <Typography.Text strong>{row.name}</Typography.Text>
}

function DrillList({ scope, figure }: { scope: Scope; figure: FigureKey }) {
  const { t } = useTranslation()
  const list = useCursorRoute('coverage-rows', 'GET /api/coverage/rows', {
    ...scopeQuery(scope),
    figure,
  })
  if (list.isPending) return <Skeleton active />
  if (list.error) return <Alert type="error" showIcon title={list.error.message} />
  if (list.rows.length === 0) return <Empty description={t('coverage.drillEmpty')} />
  return (
    <>
      <List<DrillRow>
        data-testid="drill-list"
        dataSource={list.rows}
        renderItem={(row) => (
          <List.Item key={`${row.entity}-${row.id}`} data-testid="drill-row">
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Flex gap={6} align="center" wrap>
                <Tag color={ENTITY_COLOR[row.entity]} style={{ marginInlineEnd: 0 }}>
                  {t(`coverage.entity.${row.entity}`)}
                </Tag>
                <RowLink row={row} />
              </Flex>
              {row.detail && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {row.detail}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
      <LoadMore
        count={list.rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </>
  )
}

/** The rows behind a dashboard figure, a page at a time; rows link to building and unit pages. */
export function DrillDrawer({
  scope,
  scopeName,
  target,
  onClose,
}: {
  scope: Scope
  scopeName: string
  target: DrillTarget | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const [figure, setFigure] = useState<FigureKey | null>(null)
  useEffect(() => setFigure(target?.figures[0] ?? null), [target])
  const active = figure ?? target?.figures[0] ?? null

  return (
    <Drawer
      data-testid="drill-drawer"
      open={target !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
      title={target ? t('coverage.drillTitle', { figure: target.label, scope: scopeName }) : ''}
    >
      {target && target.figures.length > 1 && (
        <Segmented<FigureKey>
          block
          style={{ marginBottom: 12 }}
          value={active ?? undefined}
          onChange={setFigure}
          options={target.figures.map((f) => ({ value: f, label: figureLabel(t, f) }))}
        />
      )}
      {active && <DrillList key={active} scope={scope} figure={active} />}
    </Drawer>
  )
}
