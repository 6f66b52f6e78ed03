import { useMutation, useQuery } from '@tanstack/react-query'
import type { PublicQrContent } from '@tongxin/contracts'
import { Flex, Spin } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { Outcome, Paragraph, Text, Title } from '../../components/Light.tsx'
import { api } from '../../lib/api.ts'

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
      {item.isError && (
        <Outcome status="warning" title={t('surveys.qr.notFound')} data-testid="listen-not-found" />
      )}
      {item.data && (
        <>
          <Title level={3}>{item.data.title}</Title>
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
            <Paragraph style={{ fontSize: 17, lineHeight: 1.8, whiteSpace: 'pre-wrap' }}>
              {item.data.body}
            </Paragraph>
          )}
          <Text type="secondary">
            {t('surveys.qr.plays', { count: play.data?.plays ?? item.data.plays })}
          </Text>
        </>
      )}
    </div>
  )
}
