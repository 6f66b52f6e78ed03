import { useQuery } from '@tanstack/react-query'
import type { QrContent } from '@tongxin/contracts'
import { Button, Card, Flex, List, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { LoadError } from '../../components/StatusPages.tsx'
import { api } from '../../lib/api.ts'

/** Staff list of the items (the public page a code opens is ListenPage.tsx, its own chunk) with their printable QR codes (SVG for print, PNG to download). */
export function QrContentsPage() {
  const { t } = useTranslation()
  const q = useQuery({
    queryKey: ['qr-contents'],
    queryFn: ({ signal }) => api<{ items: QrContent[] }>('/api/qr-contents', { signal }),
  })
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />
  return (
    <Card title={t('surveys.qr.title')}>
      <List
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('surveys.qr.empty') }}
        grid={{ gutter: 12, xs: 1, sm: 2, md: 3 }}
        renderItem={(c) => (
          <List.Item>
            <Card size="small" title={c.title}>
              <Flex vertical align="center" gap={4}>
                <img src={`/api/qr-contents/${c.id}/qr`} alt={c.title} width={160} height={160} />
                <Flex gap={4} wrap>
                  <Tag>{t(`surveys.qr.${c.kind}`)}</Tag>
                  <Tag>{t('surveys.qr.plays', { count: c.plays })}</Tag>
                </Flex>
                <Flex gap={8} wrap>
                  <a href={`/listen/${c.slug}`}>/listen/{c.slug}</a>
                  <a href={`/api/qr-contents/${c.id}/qr?format=png`} download={`${c.title}.png`}>
                    PNG
                  </a>
                </Flex>
              </Flex>
            </Card>
          </List.Item>
        )}
      />
      <Button onClick={() => window.print()}>{t('surveys.qr.print')}</Button>
    </Card>
  )
}
