import { AudioMutedOutlined, SoundOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { WasteCategory } from '@tongxin/contracts'
import { Button, Flex, Spin } from 'antd'
// antd's Input index hangs Search, Password, TextArea and OTP on Input, so importing it brings all four.
import Input from 'antd/es/input/Input'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Paragraph, Text, Title } from '../../components/Light.tsx'
import { call } from '../../lib/api.ts'
import { wasteKeys } from './api.ts'
import { CATEGORY_ORDER, CATEGORY_STYLE } from './categories.tsx'
import { answerOf, LookupAnswer, OtherResults, spokenAnswer } from './LookupAnswer.tsx'
import { useSpeech } from './speech.ts'
import { useWasteLookup } from './useLookup.ts'

/** The four bin colours in a row: the colour key beside the lookup page's answers. */
export function CategoryLegend() {
  const { t } = useTranslation()
  return (
    <Flex gap={8} wrap>
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
              padding: '4px 10px',
              fontSize: 14,
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

/** Examples change only when the dictionary does; a kiosk left on all day asks again now and then. */
function useExamples() {
  return useQuery({
    queryKey: wasteKeys.examples(),
    queryFn: ({ signal }) => call('GET /api/waste/examples', { signal }),
    staleTime: 30 * 60_000,
  })
}

/**
 * The four bins along the bottom, the colour key for whoever cannot read the words. Each tile names a few
 * things that go in it; a tap lists more above, each a tap away from its full answer.
 */
function BinTiles({
  open,
  onOpen,
}: {
  open: WasteCategory | null
  onOpen: (c: WasteCategory | null) => void
}) {
  const { t } = useTranslation()
  const examples = useExamples()
  return (
    <Flex gap={16} wrap role="group" aria-label={t('waste.kiosk.bins')}>
      {CATEGORY_ORDER.map((c) => {
        const s = CATEGORY_STYLE[c]
        const few = examples.data?.find((e) => e.category === c)?.examples.slice(0, 3) ?? []
        const selected = open === c
        return (
          <button
            key={c}
            type="button"
            data-testid={`bin-tile-${c}`}
            aria-expanded={selected}
            aria-controls="bin-examples"
            onClick={() => onOpen(selected ? null : c)}
            style={{
              flex: '1 1 200px',
              minWidth: 0,
              background: s.color,
              color: s.text,
              border: 'none',
              borderRadius: 12,
              padding: '12px 24px',
              textAlign: 'left',
              cursor: 'pointer',
              font: 'inherit',
              // The open bin is lifted and ringed in white, so the list above is clearly its own.
              boxShadow: selected ? `0 0 0 4px #fff, 0 0 0 8px ${s.color}` : undefined,
            }}
          >
            <Flex align="center" gap={8} style={{ fontSize: 'clamp(24px, 4vw, 32px)' }}>
              <span aria-hidden>{s.icon}</span>
              {t(`waste.categories.${c}`)}
            </Flex>
            <div style={{ fontSize: 'clamp(16px, 2vw, 20px)', opacity: 0.9, minHeight: '1.5em' }}>
              {few.length > 0 &&
                t('waste.kiosk.forExample', { items: few.map((e) => e.name).join(t('waste.kiosk.sep')) })}
            </div>
          </button>
        )
      })}
    </Flex>
  )
}

/** What goes in the bin whose tile was tapped: big buttons, each one looks the item up. */
function BinExamples({ category, onPick }: { category: WasteCategory; onPick: (name: string) => void }) {
  const { t } = useTranslation()
  const examples = useExamples()
  const s = CATEGORY_STYLE[category]
  const items = examples.data?.find((e) => e.category === category)?.examples ?? []
  return (
    <section
      id="bin-examples"
      data-testid="bin-examples"
      data-category={category}
      style={{
        borderLeft: `12px solid ${s.color}`,
        background: '#fff',
        borderRadius: 12,
        padding: 'clamp(12px, 3vw, 24px)',
      }}
    >
      <Title level={2} style={{ marginTop: 0, fontSize: 'clamp(24px, 4vw, 40px)' }}>
        <span aria-hidden style={{ color: s.color }}>
          {s.icon}
        </span>{' '}
        {t('waste.kiosk.binHolds', { bin: t(`waste.categories.${category}`) })}
      </Title>
      {examples.isPending ? (
        <Spin size="large" />
      ) : examples.error ? (
        <Text type="danger">{examples.error.message}</Text>
      ) : (
        <Flex gap={12} wrap>
          {items.map((e) => (
            <Button
              key={e.name}
              size="large"
              // Item names, not labels: antd's space between two Chinese characters would split 苹果 into 苹 果.
              autoInsertSpace={false}
              onClick={() => onPick(e.name)}
              title={e.reason}
              style={{ fontSize: 'clamp(20px, 3vw, 28px)', height: 'auto', padding: '8px 20px' }}
            >
              {e.name}
            </Button>
          ))}
        </Flex>
      )}
      <Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 'clamp(16px, 2vw, 22px)' }}>
        {t('waste.kiosk.tapItem')}
      </Paragraph>
    </section>
  )
}

/**
 * 查一查 at the waste room: a tablet page without login. Huge search box, the answer as a colour block, and
 * the answer spoken aloud once typing pauses. Never listens (no microphone), only speaks.
 */
export function KioskPage() {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [bin, setBin] = useState<WasteCategory | null>(null)
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
    setBin(null)
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
        onChange={(e) => {
          setText(e.target.value)
          setBin(null)
        }}
        placeholder={t('waste.lookup.placeholder')}
        aria-label={t('waste.lookup.placeholder')}
        maxLength={64}
        style={{ fontSize: 'clamp(28px, 5vw, 56px)', padding: '12px 24px', borderRadius: 16 }}
      />
      <div style={{ flex: 1 }}>
        {bin ? (
          <BinExamples category={bin} onPick={pick} />
        ) : (
          <>
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
          </>
        )}
      </div>
      <BinTiles
        open={bin}
        onOpen={(c) => {
          setBin(c)
          if (c) setText('')
        }}
      />
    </div>
  )
}
