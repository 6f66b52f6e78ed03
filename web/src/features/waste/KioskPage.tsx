import { AudioMutedOutlined, SoundOutlined } from '@ant-design/icons'
import { Button, Flex, Spin } from 'antd'
// antd's Input index hangs Search, Password, TextArea and OTP on Input, so importing it brings all four.
import Input from 'antd/es/input/Input'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Paragraph, Text, Title } from '../../components/Light.tsx'
import { CATEGORY_ORDER, CATEGORY_STYLE } from './categories.tsx'
import { answerOf, LookupAnswer, OtherResults, spokenAnswer } from './LookupAnswer.tsx'
import { useSpeech } from './speech.ts'
import { useWasteLookup } from './useLookup.ts'

/** The four bins along the bottom: the colour key for whoever cannot read the words. */
export function CategoryLegend({ big }: { big?: boolean }) {
  const { t } = useTranslation()
  return (
    <Flex gap={big ? 16 : 8} wrap>
      {CATEGORY_ORDER.map((c) => {
        const s = CATEGORY_STYLE[c]
        return (
          <Flex
            key={c}
            align="center"
            gap={8}
            style={{
              background: s.color,
              color: s.text,
              borderRadius: 12,
              padding: big ? '12px 24px' : '4px 10px',
              fontSize: big ? 32 : 14,
              flex: big ? '1 1 200px' : undefined,
            }}
          >
            <span aria-hidden>{s.icon}</span>
            {t(`waste.categories.${c}`)}
          </Flex>
        )
      })}
    </Flex>
  )
}

/**
 * 查一查 at the waste room: a tablet page without login. Huge search box, the answer as a colour block, and
 * the answer spoken aloud once typing pauses. Never listens (no microphone), only speaks.
 */
export function KioskPage() {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const lookup = useWasteLookup(text, 500)
  const speech = useSpeech()
  const spoken = useRef('')
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    document.title = t('waste.kiosk.title')
  }, [t])

  const data = lookup.enabled ? lookup.data : undefined
  useEffect(() => {
    if (!data || data.query !== lookup.q || spoken.current === lookup.q) return
    spoken.current = lookup.q
    speech.speak(spokenAnswer(t, lookup.q, answerOf(data)))
  }, [data, lookup.q, speech, t])

  const pick = (name: string) => {
    setText(name)
    input.current?.focus()
  }

  return (
    <div
      data-testid="waste-kiosk"
      style={{
        minHeight: '100vh',
        boxSizing: 'border-box',
        padding: 'clamp(16px, 4vw, 48px)',
        background: '#f4f6f2',
        display: 'flex',
        flexDirection: 'column',
        gap: 24,
      }}
    >
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Title level={1} style={{ margin: 0, fontSize: 'clamp(32px, 5vw, 64px)' }}>
          {t('waste.kiosk.title')}
        </Title>
        {speech.supported ? (
          <Button
            size="large"
            data-testid="waste-mute"
            aria-pressed={speech.muted}
            icon={speech.muted ? <AudioMutedOutlined /> : <SoundOutlined />}
            onClick={() => speech.setMuted(!speech.muted)}
            style={{ fontSize: 24, height: 64, padding: '0 24px' }}
          >
            {speech.muted ? t('waste.speech.unmute') : t('waste.speech.mute')}
          </Button>
        ) : (
          <Text type="secondary" style={{ fontSize: 20 }}>
            {t('waste.speech.unsupported')}
          </Text>
        )}
      </Flex>
      <Input
        ref={(el) => {
          input.current = el?.input ?? null
        }}
        autoFocus
        allowClear
        data-testid="waste-kiosk-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('waste.lookup.placeholder')}
        aria-label={t('waste.lookup.placeholder')}
        maxLength={64}
        style={{ fontSize: 'clamp(28px, 5vw, 56px)', padding: '12px 24px', borderRadius: 16 }}
      />
      <div style={{ flex: 1 }}>
        {lookup.enabled && lookup.isFetching && !data && <Spin size="large" />}
        {lookup.error && <Text type="danger">{lookup.error.message}</Text>}
        {data && (
          <Flex vertical gap={24}>
            <LookupAnswer result={data} size="kiosk" />
            <OtherResults result={data} onPick={pick} size="kiosk" />
          </Flex>
        )}
        {!lookup.enabled && (
          <Paragraph type="secondary" style={{ fontSize: 'clamp(20px, 3vw, 36px)' }}>
            {t('waste.kiosk.hint')}
          </Paragraph>
        )}
      </div>
      <CategoryLegend big />
    </div>
  )
}
