import { PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Empty, Flex, Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ListTotal } from '../../components/CursorTable.tsx'
import { LoadMore } from '../../components/LoadMore.tsx'
import { useCursorRoute } from '../../lib/paging.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'
import { NeedCard } from './NeedCard.tsx'

/** 我的需求: what I asked for, newest first, each with its state and clock; a big button to ask again. */
export function MyNeedsPage() {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const list = useCursorRoute('needs-mine', 'GET /api/needs/mine', {}, { limit: 20 })
  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('exchange.mine.title')}
        </Typography.Title>
        <Link to="/my-needs/new" style={isPhone ? { width: '100%' } : undefined}>
          <Button type="primary" icon={<PlusOutlined />} size="large" block={isPhone} data-testid="post-need">
            {t('exchange.mine.post')}
          </Button>
        </Link>
      </Flex>
      <ListTotal total={list.total} />
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.isPending ? (
        <Skeleton active />
      ) : list.rows.length === 0 ? (
        <Empty description={t('exchange.mine.empty')} />
      ) : (
        <Flex vertical gap={8} data-testid="my-needs">
          {list.rows.map((n) => (
            <NeedCard key={n.id} need={n} to={`/my-needs/${n.id}`} showContact={false} testId="my-need" />
          ))}
        </Flex>
      )}
      <LoadMore
        count={list.rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Flex>
  )
}
