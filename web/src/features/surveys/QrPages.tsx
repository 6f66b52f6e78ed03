import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { QrContent } from '@tongxin/contracts'
import { Alert, Button, Card, Flex, List, Tag } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { LoadError } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { surveyKeys, useQrContents } from './api.ts'

/** Uploads (or replaces) an audio item's file; the server decides by the bytes whether it is audio. */
function AudioUpload({ item }: { item: QrContent }) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const client = useQueryClient()
  const upload = useMutation({
    mutationFn: (file: File) =>
      call('PUT /api/qr-contents/:id/audio', {
        params: { id: item.id },
        raw: { data: file, contentType: file.type || 'application/octet-stream' },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.qrContents() }),
  })
  return (
    <Flex vertical gap={4} align="center">
      <input
        ref={input}
        type="file"
        accept="audio/*,.mp3,.m4a,.aac,.ogg,.wav,.webm"
        hidden
        data-testid={`qr-audio-input-${item.id}`}
        onChange={(e) => {
          const f = e.target.files?.[0]
          if (f) upload.mutate(f)
          e.target.value = ''
        }}
      />
      <Button size="small" loading={upload.isPending} onClick={() => input.current?.click()}>
        {item.audioType ? t('surveys.qr.replaceAudio') : t('surveys.qr.uploadAudio')}
      </Button>
      {upload.isError && <Alert type="error" showIcon message={upload.error.message} />}
    </Flex>
  )
}

/** Staff list of the items (the public page a code opens is ListenPage.tsx, its own chunk) with their printable QR codes (SVG for print, PNG to download). */
export function QrContentsPage() {
  const { t } = useTranslation()
  const q = useQrContents()
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
                {c.kind === 'audio' && <AudioUpload item={c} />}
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
