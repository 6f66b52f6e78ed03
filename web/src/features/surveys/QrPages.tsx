import { useMutation, useQuery } from '@tanstack/react-query'
import type { PublicQrContent, QrContent } from '@tongxin/contracts'
import { Button, Card, Flex, List, Result, Spin, Tag, Typography } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { LoadError } from '../../components/StatusPages.tsx'
import { api } from '../../lib/api.ts'

/** Staff list of the items with their printable QR codes (SVG for print, PNG to download). */
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

/**
 * The public page a QR code opens. A play is counted when the listener first presses play (not on page
 * load); a text item, having nothing to play, counts when it is opened.
 */
export function ListenPage() {
  const { t } = useTranslation()
  const { slug = '' } = useParams()
  const counted = useRef(false)
  const item = useQuery({
    queryKey: ['listen', slug],
    queryFn: ({ signal }) => api<PublicQrContent>(`/api/public/qr/${slug}`, { signal }),
    retry: false,
  })
  const play = useMutation({
    mutationFn: () => api<{ plays: number }>(`/api/public/qr/${slug}/plays`, { method: 'POST' }),
  })
  const countOnce = () => {
    if (counted.current) return
    counted.current = true
    play.mutate()
  }
  if (item.data?.kind === 'text') countOnce()
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 16, boxSizing: 'border-box' }}>
      <Flex justify="flex-end">
        <LanguageSwitch />
      </Flex>
      {item.isPending && <Spin />}
      {item.isError && <Result status="404" title={t('surveys.qr.notFound')} />}
      {item.data && (
        <>
          <Typography.Title level={3}>{item.data.title}</Typography.Title>
          {item.data.hasAudio && (
            // biome-ignore lint/a11y/useMediaCaption: short spoken clips; the text below carries the words when given.
            <audio
              controls
              preload="none"
              src={`/api/public/qr/${slug}/audio`}
              onPlay={countOnce}
              style={{ width: '100%' }}
            />
          )}
          {item.data.body && (
            <Typography.Paragraph style={{ fontSize: 17, lineHeight: 1.8, whiteSpace: 'pre-wrap' }}>
              {item.data.body}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary">
            {t('surveys.qr.plays', { count: play.data?.plays ?? item.data.plays })}
          </Typography.Text>
        </>
      )}
    </div>
  )
}
