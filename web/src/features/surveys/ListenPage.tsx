import { useMutation } from '@tanstack/react-query'
import { Button, Flex, Spin } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { Outcome, Paragraph, Text, Title } from '../../components/Light.tsx'
import { call } from '../../lib/api.ts'
import { synth, zhVoice } from '../waste/speech.ts'
import { usePublicQr } from './api.ts'

/**
 * Reads the item aloud with the browser's speech synthesis in Mandarin (the waste kiosk's voice choice), for
 * items without audio. `onStart` runs when speech actually starts.
 */
function ReadAloud({ text, onStart }: { text: string; onStart: () => void }) {
  const { t } = useTranslation()
  const [speaking, setSpeaking] = useState(false)
  const s = synth()
  useEffect(() => () => synth()?.cancel(), [])
  if (!s) return <Text type="secondary">{t('surveys.qr.noSpeech')}</Text>
  const start = () => {
    s.cancel()
    const u = new SpeechSynthesisUtterance(text)
    u.lang = 'zh-CN'
    const voice = zhVoice(s)
    if (voice) u.voice = voice
    u.rate = 0.95
    u.onstart = () => {
      setSpeaking(true)
      onStart()
    }
    u.onend = () => setSpeaking(false)
    u.onerror = () => setSpeaking(false)
    s.speak(u)
  }
  return speaking ? (
    <Button
      size="large"
      onClick={() => {
        s.cancel()
        setSpeaking(false)
      }}
      data-testid="listen-stop"
    >
      {t('surveys.qr.stopReading')}
    </Button>
  ) : (
    <Button type="primary" size="large" onClick={start} data-testid="listen-read-aloud">
      {t('surveys.qr.readAloud')}
    </Button>
  )
}

/**
 * The public page a QR code opens. An item with audio gets a player; one without is read aloud. A play is
 * counted when playback or speech starts, not on page load (the server also throttles repeats).
 */
export function ListenPage() {
  const { t } = useTranslation()
  const { slug = '' } = useParams()
  const counted = useRef(false)
  const item = usePublicQr(slug)
  const play = useMutation({
    mutationFn: () => call('POST /api/public/qr/:slug/plays', { params: { slug } }),
  })
  const countOnce = () => {
    if (counted.current) return
    counted.current = true
    play.mutate()
  }
  const d = item.data
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 16, boxSizing: 'border-box' }}>
      <Flex justify="flex-end">
        <LanguageSwitch />
      </Flex>
      {item.isPending && <Spin />}
      {item.isError && (
        <Outcome status="warning" title={t('surveys.qr.notFound')} data-testid="listen-not-found" />
      )}
      {d && (
        <Flex vertical gap={12}>
          <Title level={3}>{d.title}</Title>
          {d.hasAudio ? (
            // biome-ignore lint/a11y/useMediaCaption: short spoken clips; the text below carries the words when given.
            <audio
              controls
              preload="none"
              src={`/api/public/qr/${slug}/audio`}
              onPlay={countOnce}
              style={{ width: '100%' }}
              data-testid="listen-audio"
            />
          ) : (
            <div>
              <ReadAloud text={[d.title, d.body].filter(Boolean).join('。\n')} onStart={countOnce} />
            </div>
          )}
          {d.body && (
            <Paragraph style={{ fontSize: 17, lineHeight: 1.8, whiteSpace: 'pre-wrap' }}>{d.body}</Paragraph>
          )}
          <Text type="secondary" data-testid="listen-plays">
            {t('surveys.qr.plays', { count: play.data?.plays ?? d.plays })}
          </Text>
        </Flex>
      )}
    </div>
  )
}
