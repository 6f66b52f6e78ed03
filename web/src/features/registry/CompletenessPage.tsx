import type { Completeness } from '@tongxin/contracts'
import { Alert, Card, Flex, Table, type TableProps, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LoadMore } from '../../components/LoadMore.tsx'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { useCursorRoute } from '../../lib/paging.ts'
import { defaultScope } from '../../lib/scope.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { useSession } from '../auth/session.ts'
import { MissingTags, ScoreBar } from './CompletenessView.tsx'
import { useListParams } from './useListParams.ts'

/** 五个清 of every in-scope building of an area. */
export function CompletenessPage() {
  const { t } = useTranslation()
  const me = useSession()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const { values, set } = useListParams(['area'] as const)
  const area = values.area ?? defaultScope(me).area
  const list = useCursorRoute('completeness', 'GET /api/census/completeness', { area })

  const columns: TableProps<Completeness>['columns'] = [
    {
      key: 'name',
      title: t('completeness.building'),
      render: (_, c) => <Link to={`/buildings/${c.buildingId}`}>{c.name}</Link>,
    },
    { key: 'score', title: t('completeness.score'), render: (_, c) => <ScoreBar score={c.score} /> },
    { key: 'missing', title: t('completeness.missing'), render: (_, c) => <MissingTags items={c.items} /> },
  ]

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('completeness.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('completeness.intro')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={16}>
          <AreaCascader value={area} onChange={(a) => set('area', a)} width={isPhone ? '100%' : 280} />
          {list.error && <Alert type="error" showIcon title={list.error.message} />}
          <Table<Completeness>
            data-testid="completeness-table"
            rowKey="buildingId"
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
      </Card>
    </Flex>
  )
}
