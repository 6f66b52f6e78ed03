import type { WasteCategory, WasteLookupResult } from '@tongxin/contracts'
import { Flex, Tag } from 'antd'
import type { TFunction } from 'i18next'
import type { CSSProperties, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Paragraph, Text } from '../../components/Light.tsx'
import { CATEGORY_STYLE, UNKNOWN_STYLE } from './categories.tsx'

type Size = 'phone' | 'kiosk'

/** What the page shows as the answer: a known item, a labelled guess, or "we don't know". */
export type Answer =
  | { kind: 'item'; result: WasteLookupResult['results'][number] }
  | { kind: 'guess'; guess: NonNullable<WasteLookupResult['guess']> }
  | { kind: 'choose' }
  | { kind: 'unknown'; reason: WasteLookupResult['unknownReason'] }

export function answerOf(r: WasteLookupResult): Answer {
  if (r.guess) return { kind: 'guess', guess: r.guess }
  if (r.ambiguous) return { kind: 'choose' }
  const top = r.results[0]
  if (r.unknown || !top) return { kind: 'unknown', reason: r.unknownReason }
  return { kind: 'item', result: top }
}

/** The sentence the kiosk speaks: the category first, so a listener who stops early still knows the bin. */
export function spokenAnswer(t: TFunction, query: string, a: Answer): string {
  const cat = (c: WasteCategory) => t(`waste.categories.${c}`)
  if (a.kind === 'item') {
    const { item } = a.result
    return t('waste.spoken.item', {
      name: item.name,
      category: cat(item.category),
      reason: item.reason,
      disposal: item.disposal ?? '',
    })
  }
  if (a.kind === 'guess') {
    return t('waste.spoken.guess', {
      query,
      category: cat(a.guess.category),
      pct: Math.round(a.guess.confidence * 100),
    })
  }
  if (a.kind === 'choose') return t('waste.spoken.choose', { query })
  return t('waste.spoken.unknown', { query })
}

function Block({
  color,
  text,
  icon,
  title,
  badge,
  size,
  testId,
  category,
}: {
  color: string
  text: string
  icon: ReactNode
  title: string
  badge?: ReactNode
  size: Size
  testId: string
  category: string
}) {
  const big = size === 'kiosk'
  const style: CSSProperties = {
    background: color,
    color: text,
    borderRadius: big ? 24 : 12,
    padding: big ? '32px 40px' : '16px 20px',
    display: 'flex',
    alignItems: 'center',
    gap: big ? 32 : 16,
  }
  return (
    <div style={style} data-testid={testId} data-category={category} role="status" aria-live="polite">
      <span style={{ fontSize: big ? 120 : 48, lineHeight: 1 }} aria-hidden>
        {icon}
      </span>
      <div style={{ minWidth: 0 }}>
        {badge}
        <div style={{ fontSize: big ? 88 : 32, fontWeight: 700, lineHeight: 1.15 }}>{title}</div>
      </div>
    </div>
  )
}

/** The answer as a colour block with its icon, then the words: why, and how to put it out. */
export function LookupAnswer({ result, size = 'phone' }: { result: WasteLookupResult; size?: Size }) {
  const { t } = useTranslation()
  const a = answerOf(result)
  const big = size === 'kiosk'
  const textSize = big ? 36 : 16
  const badgeStyle: CSSProperties = {
    fontSize: big ? 32 : 14,
    background: 'rgba(255,255,255,0.22)',
    color: 'inherit',
    border: '1px dashed rgba(255,255,255,0.8)',
    marginBottom: 8,
    lineHeight: 1.4,
    display: 'inline-block',
    padding: big ? '4px 16px' : undefined,
  }

  if (a.kind === 'unknown' || a.kind === 'choose') {
    // Several items share the letters typed: no colour is the answer; the candidates follow below.
    const choose = a.kind === 'choose'
    const note = choose
      ? t('waste.lookup.chooseNote')
      : a.reason === 'english'
        ? t('waste.lookup.unknownEnglish')
        : a.reason === 'script'
          ? t('waste.lookup.unknownScript')
          : t('waste.lookup.unknownNote')
    return (
      <Flex vertical gap={big ? 24 : 12}>
        <Block
          {...UNKNOWN_STYLE}
          size={size}
          title={choose ? t('waste.lookup.choose') : t('waste.lookup.unknown')}
          testId="waste-answer"
          category={choose ? 'choose' : 'unknown'}
        />
        <Paragraph style={{ fontSize: textSize, margin: 0 }} data-testid="waste-unknown-note">
          {note}
        </Paragraph>
      </Flex>
    )
  }

  if (a.kind === 'guess') {
    const s = CATEGORY_STYLE[a.guess.category]
    return (
      <Flex vertical gap={big ? 24 : 12}>
        <Block
          {...s}
          size={size}
          category={a.guess.category}
          testId="waste-answer"
          title={t(`waste.categories.${a.guess.category}`)}
          badge={
            <Tag style={badgeStyle} data-testid="waste-guess-badge">
              {t('waste.lookup.guessBadge', { pct: Math.round(a.guess.confidence * 100) })}
            </Tag>
          }
        />
        <Paragraph style={{ fontSize: textSize, margin: 0 }}>{a.guess.reason}</Paragraph>
        <Paragraph type="secondary" style={{ fontSize: big ? 28 : 14, margin: 0 }}>
          {t('waste.lookup.guessNote')}
        </Paragraph>
      </Flex>
    )
  }

  const { item, matched } = a.result
  const s = CATEGORY_STYLE[item.category]
  const exact = matched.form === 'name' || matched.form === 'alias'
  return (
    <Flex vertical gap={big ? 24 : 12}>
      <Block
        {...s}
        size={size}
        category={item.category}
        testId="waste-answer"
        title={t(`waste.categories.${item.category}`)}
        badge={
          <div style={{ fontSize: big ? 44 : 18, opacity: 0.95, overflowWrap: 'anywhere' }}>{item.name}</div>
        }
      />
      {!exact && (
        <Text type="secondary" style={{ fontSize: big ? 28 : 13 }} data-testid="waste-matched">
          {t('waste.lookup.matched', { form: t(`waste.forms.${matched.form}`), text: matched.text })}
        </Text>
      )}
      <Paragraph style={{ fontSize: textSize, margin: 0 }}>
        <strong>{t('waste.lookup.reason')}</strong>
        {item.reason}
      </Paragraph>
      {item.disposal && (
        <Paragraph style={{ fontSize: textSize, margin: 0 }} data-testid="waste-disposal">
          <strong>{t('waste.lookup.disposal')}</strong>
          {item.disposal}
        </Paragraph>
      )}
    </Flex>
  )
}

/** Further matches under the answer, each with its colour dot, tappable to become the query. */
export function OtherResults({
  result,
  onPick,
  size = 'phone',
}: {
  result: WasteLookupResult
  onPick: (name: string) => void
  size?: Size
}) {
  const { t } = useTranslation()
  const all = result.guess || result.unknown || result.ambiguous
  const rest = all ? result.results : result.results.slice(1)
  if (rest.length === 0) return null
  const big = size === 'kiosk'
  return (
    <div>
      <Text type="secondary" style={{ fontSize: big ? 28 : 14 }}>
        {result.ambiguous
          ? t('waste.lookup.candidates')
          : result.guess || result.unknown
            ? t('waste.lookup.similar')
            : t('waste.lookup.more')}
      </Text>
      <Flex wrap gap={big ? 16 : 8} style={{ marginTop: 8 }}>
        {rest.slice(0, big ? 6 : 9).map((r) => {
          const s = CATEGORY_STYLE[r.item.category]
          return (
            <button
              type="button"
              key={r.item.id}
              onClick={() => onPick(r.item.name)}
              style={{
                border: `2px solid ${s.color}`,
                borderLeft: `${big ? 20 : 10}px solid ${s.color}`,
                borderRadius: 8,
                background: '#fff',
                padding: big ? '12px 20px' : '4px 10px',
                fontSize: big ? 30 : 14,
                cursor: 'pointer',
              }}
              title={t(`waste.categories.${r.item.category}`)}
            >
              {r.item.name} · {t(`waste.categories.${r.item.category}`)}
            </button>
          )
        })}
      </Flex>
    </div>
  )
}
