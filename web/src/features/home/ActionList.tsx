import {
  BellOutlined,
  CarryOutOutlined,
  CheckCircleOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  CloudUploadOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  RightOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import type { GapRule, ImportKind, WorkbenchAction, WorkbenchPart } from '@tongxin/contracts'
import { Flex, Typography, theme } from 'antd'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatCount } from '../../lib/format.ts'
import { GOOD, NEUTRAL, TONE } from './tones.ts'

const ICONS: Record<WorkbenchAction['key'], ReactNode> = {
  needs_overdue: <ClockCircleOutlined />,
  orders: <CarryOutOutlined />,
  needs_to_confirm: <CheckSquareOutlined />,
  hours_to_verify: <FieldTimeOutlined />,
  imports_unfinished: <CloudUploadOutlined />,
  gaps: <WarningOutlined />,
  census_incomplete: <FileDoneOutlined />,
  notices_unread: <BellOutlined />,
}
const TONE_ORDER = { bad: 0, todo: 1, info: 2 } as const

function partLabel(t: TFunction, card: WorkbenchAction, p: WorkbenchPart): string {
  switch (card.key) {
    case 'gaps':
      return `${t(`gaps.rules.${p.key as GapRule}`)} ${formatCount(p.count)}`
    case 'census_incomplete':
      return p.text ?? t(`completenessKeys.${p.key as 'stations'}`)
    case 'imports_unfinished':
      return `${t(`imports.kinds.${p.key as ImportKind}`)} · ${p.text ?? ''}`
    default:
      return t(`workbench.parts.${p.key as 'overdue'}`, { count: p.count })
  }
}

/** Parts that count nothing are left out ("0 escalated" is no news). */
const shownParts = (card: WorkbenchAction) => card.parts.filter((p) => p.count > 0)

function ActionTile({ card }: { card: WorkbenchAction }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const tone = TONE[card.tone]
  const parts = shownParts(card)
  return (
    <li
      data-testid={`workbench-action-${card.key}`}
      style={{
        listStyle: 'none',
        background: tone.tint,
        borderInlineStart: `4px solid ${tone.edge}`,
        borderRadius: token.borderRadius,
        padding: '10px 12px',
      }}
    >
      <Link
        to={card.link}
        data-testid={`workbench-action-${card.key}-link`}
        style={{ display: 'flex', alignItems: 'center', gap: 10, color: tone.text }}
      >
        <span aria-hidden style={{ fontSize: 18 }}>
          {ICONS[card.key]}
        </span>
        <span style={{ flex: 1, minWidth: 0 }}>
          <span style={{ display: 'block', fontWeight: 600 }}>{t(`workbench.actions.${card.key}`)}</span>
          {card.scope && <span style={{ display: 'block', fontSize: 12, color: NEUTRAL }}>{card.scope}</span>}
        </span>
        <span
          data-testid={`workbench-action-${card.key}-count`}
          style={{ fontSize: 24, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
        >
          {formatCount(card.count)}
        </span>
        <RightOutlined aria-hidden style={{ fontSize: 12 }} />
      </Link>
      {parts.length > 0 && (
        <Flex component="ul" wrap gap={6} style={{ margin: '8px 0 0', padding: 0, paddingInlineStart: 28 }}>
          {parts.map((p) => {
            const label = partLabel(t, card, p)
            const style = {
              display: 'inline-block',
              fontSize: 12,
              lineHeight: '20px',
              padding: '0 8px',
              borderRadius: 10,
              background: '#fff',
              color: TONE[p.tone].text,
              border: `1px solid ${TONE[p.tone].edge}`,
              overflowWrap: 'anywhere' as const,
            }
            return (
              <li key={`${p.key}:${p.text ?? ''}`} style={{ listStyle: 'none', minWidth: 0 }}>
                {p.link ? (
                  <Link to={p.link} style={style}>
                    {label}
                  </Link>
                ) : (
                  <span style={style}>{label}</span>
                )}
              </li>
            )
          })}
        </Flex>
      )}
    </li>
  )
}

/** Waiting work first (what is overdue, then what waits, then news); what is clear, in one calm line. */
export function ActionList({ actions }: { actions: WorkbenchAction[] }) {
  const { t } = useTranslation()
  const waiting = actions
    .map((card, i) => ({ card, i }))
    .filter(({ card }) => card.count > 0)
    .sort((a, b) => TONE_ORDER[a.card.tone] - TONE_ORDER[b.card.tone] || a.i - b.i)
    .map(({ card }) => card)
  const clear = actions.filter((c) => c.count === 0)
  return (
    <Flex vertical gap={8}>
      {waiting.length > 0 && (
        <Flex
          vertical
          gap={8}
          component="ul"
          style={{ margin: 0, padding: 0 }}
          data-testid="workbench-actions"
        >
          {waiting.map((card) => (
            <ActionTile key={`${card.key}:${card.scope ?? ''}`} card={card} />
          ))}
        </Flex>
      )}
      {clear.length > 0 && (
        <Typography.Text data-testid="workbench-clear" style={{ color: GOOD }}>
          <CheckCircleOutlined aria-hidden style={{ marginInlineEnd: 6 }} />
          {t('workbench.allClearLead')}
          {clear.map((c, i) => (
            <span key={`${c.key}:${c.scope ?? ''}`}>
              {i > 0 && t('common.listSeparator')}
              {/* Still a way in: the desk, the inbox, the building, even with nothing waiting. */}
              <Link to={c.link} style={{ color: GOOD, textDecoration: 'underline' }}>
                {t(`workbench.clear.${c.key}`)}
              </Link>
            </span>
          ))}
        </Typography.Text>
      )}
    </Flex>
  )
}
