import { useQuery } from '@tanstack/react-query'
import { Alert, Flex, Spin } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { Title } from '../../components/Light.tsx'
import { call } from '../../lib/api.ts'
import { wasteKeys } from './api.ts'
import { RecognitionNote, StarBoardList } from './StarsView.tsx'

/** The star board for the lobby screen: floors' recognition, no names; refreshes itself every few minutes. */
export function BoardPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const board = useQuery({
    queryKey: wasteKeys.board(id),
    queryFn: ({ signal }) => call('GET /api/waste/board/:id', { params: { id: Number(id) }, signal }),
    refetchInterval: 5 * 60_000,
  })
  useEffect(() => {
    if (board.data) document.title = `${board.data.buildingName} · ${t('waste.stars.boardTitle')}`
  }, [board.data, t])
  return (
    <div
      style={{
        minHeight: '100vh',
        padding: 'clamp(12px, 3vw, 40px)',
        background: '#f6f8f3',
        boxSizing: 'border-box',
      }}
    >
      {board.isPending && <Spin size="large" />}
      {board.error && <Alert type="error" showIcon title={board.error.message} />}
      {board.data && (
        <Flex vertical gap={16} data-testid="waste-board">
          <Title level={1} style={{ margin: 0, fontSize: 'clamp(26px, 4vw, 52px)' }}>
            {board.data.buildingName} · {t('waste.stars.boardTitle')}
          </Title>
          <RecognitionNote data={board.data} />
          <StarBoardList data={board.data} />
        </Flex>
      )}
    </div>
  )
}
