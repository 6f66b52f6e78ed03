import { Button, Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

interface Props {
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => unknown
  count: number
}

export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, count }: Props) {
  const { t } = useTranslation()
  if (count === 0) return null
  return (
    <Flex justify="center" style={{ paddingTop: 16 }}>
      {hasNextPage ? (
        <Button data-testid="load-more" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
      )}
    </Flex>
  )
}
