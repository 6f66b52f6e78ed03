import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import type { WorkbenchFigure } from '@tongxin/contracts'
import { theme } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatFigure, GOOD, NEUTRAL, TONE, trendOf } from './tones.ts'

function Trend({ figure }: { figure: WorkbenchFigure }) {
  const { t } = useTranslation()
  const trend = trendOf(figure)
  if (!trend) return null
  const since = figure.sinceSnapshot
    ? t('workbench.sinceSnapshot', { date: dayjs(figure.sinceSnapshot).format('YYYY-MM-DD') })
    : t(`workbench.sincePeriod.${figure.key as 'needsResolved30d'}`)
  const previous = formatFigure(t, figure, figure.previous)
  if (trend.diff === 0)
    return <span style={{ fontSize: 12, color: NEUTRAL }}>{t('workbench.unchanged', { since })}</span>
  if (trend.verdict === 'none')
    return (
      <span style={{ fontSize: 12, color: NEUTRAL }}>{t('workbench.was', { since, value: previous })}</span>
    )
  // The arrow and the word say it too, not the colour alone.
  const color = trend.verdict === 'good' ? GOOD : TONE.bad.text
  return (
    <span style={{ fontSize: 12, color }}>
      {trend.diff > 0 ? <ArrowUpOutlined aria-hidden /> : <ArrowDownOutlined aria-hidden />} {trend.delta}{' '}
      {t(trend.verdict === 'good' ? 'workbench.better' : 'workbench.worse')}
      <span style={{ color: NEUTRAL }}> · {since}</span>
    </span>
  )
}

/** The few figures of the caller's scope: plain numbers; only a change is coloured, by which way is better. */
export function FigureStrip({ figures }: { figures: WorkbenchFigure[] }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  return (
    <div className="tx-figure-grid" data-testid="workbench-figures">
      {figures.map((f) => (
        <Link
          key={f.key}
          to={f.link}
          data-testid={`workbench-figure-${f.key}`}
          className="tx-figure"
          style={{
            display: 'flex',
            flexDirection: 'column',
            gap: 2,
            padding: '10px 12px',
            borderRadius: token.borderRadius,
            background: token.colorFillQuaternary,
            color: token.colorText,
            minWidth: 0,
          }}
        >
          <span style={{ fontSize: 13, color: NEUTRAL, overflowWrap: 'anywhere' }}>
            {t(`workbench.figures.${f.key}`)}
          </span>
          <span
            data-testid={`workbench-figure-${f.key}-value`}
            style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.3, fontVariantNumeric: 'tabular-nums' }}
          >
            {formatFigure(t, f, f.value)}
          </span>
          <Trend figure={f} />
        </Link>
      ))}
    </div>
  )
}
