import type { CoverageFigures, FigureKey } from '@tongxin/contracts'
import { Card, Col, Row, Typography, theme } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FigureName } from '../../components/labels.tsx'
import { formatCount, formatRate } from '../../lib/format.ts'

/** A figure shown on the dashboard and the rows it drills into (the first is opened, the others are tabs). */
interface FigureSpec {
  key: FigureName
  rate?: boolean
  drill: FigureKey[]
}

const GROUPS: { key: 'buildings' | 'units' | 'members' | 'orgs' | 'places'; figures: FigureSpec[] }[] = [
  {
    key: 'buildings',
    figures: [
      { key: 'buildings', drill: ['buildings'] },
      { key: 'buildingsInScope', drill: ['buildingsInScope'] },
      { key: 'buildingsWithChief', drill: ['buildingsWithChief'] },
      { key: 'chiefCoverageRate', rate: true, drill: ['buildingsWithChief', 'buildingsInScope'] },
    ],
  },
  {
    key: 'units',
    figures: [
      { key: 'units', drill: ['units'] },
      { key: 'operatingUnits', drill: ['operatingUnits'] },
      { key: 'employees', drill: ['operatingUnits'] },
      { key: 'instructorSent', drill: ['instructorSent'] },
    ],
  },
  {
    key: 'members',
    figures: [
      { key: 'members', drill: ['members'] },
      { key: 'formalMembers', drill: ['formalMembers'] },
      { key: 'probationaryMembers', drill: ['probationaryMembers'] },
      { key: 'membersUnder35', drill: ['membersUnder35'] },
      { key: 'under35Share', rate: true, drill: ['membersUnder35', 'members'] },
    ],
  },
  {
    key: 'orgs',
    figures: [
      { key: 'orgCoverageRate', rate: true, drill: ['category.own', 'category.joint'] },
      { key: 'ownOrgRate', rate: true, drill: ['category.own'] },
      { key: 'notTransferred', drill: ['notTransferred'] },
    ],
  },
  {
    key: 'places',
    figures: [
      { key: 'stations', drill: ['stations'] },
      { key: 'buildingsWholeCovered', drill: ['buildingsWholeCovered'] },
    ],
  },
]

const STATION_KINDS = ['service_station', 'micro_home', 'center', 'life_station'] as const

function figureValue(figures: CoverageFigures, key: FigureName): number {
  if (key.startsWith('category.')) {
    return figures.categories[key.slice('category.'.length) as keyof CoverageFigures['categories']]
  }
  return figures[key as keyof CoverageFigures] as number
}

/** A number that opens its rows: a button for keyboards and screen readers, a tile for the eye. */
export function FigureTile({
  testId,
  label,
  value,
  onOpen,
  accent,
}: {
  testId: string
  label: ReactNode
  value: string
  onOpen: () => void
  accent?: boolean
}) {
  const { token } = theme.useToken()
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onOpen}
      className="tx-figure"
      style={{
        display: 'block',
        width: '100%',
        border: 'none',
        textAlign: 'start',
        font: 'inherit',
        padding: '10px 12px',
        borderRadius: token.borderRadius,
        background: token.colorFillQuaternary,
        cursor: 'pointer',
        minWidth: 0,
      }}
    >
      {/* Wrapped, never cut: English labels ("Relation not transferred") run longer than a tile. */}
      <Typography.Text
        type="secondary"
        className="tx-figure-label"
        style={{ fontSize: 13, display: 'block', overflowWrap: 'break-word', lineHeight: 1.35 }}
      >
        {label}
      </Typography.Text>
      <span
        data-testid={`${testId}-value`}
        style={{
          fontSize: 24,
          fontWeight: 600,
          lineHeight: 1.4,
          color: accent ? token.colorPrimary : token.colorText,
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {value}
      </span>
    </button>
  )
}

export function FigureCards({
  figures,
  onDrill,
}: {
  figures: CoverageFigures
  onDrill: (label: FigureName, drill: FigureKey[]) => void
}) {
  const { t } = useTranslation()
  return (
    <Row gutter={[16, 16]}>
      {GROUPS.map((group) => (
        <Col key={group.key} xs={24} md={12}>
          <Card size="small" title={t(`coverage.groups.${group.key}`)} style={{ height: '100%' }}>
            <div className="tx-figure-grid">
              {group.figures.map((f) => {
                const value = figureValue(figures, f.key)
                return (
                  <FigureTile
                    key={f.key}
                    testId={`figure-${f.key}`}
                    label={t(`coverage.figures.${f.key as Exclude<FigureName, `category.${string}`>}`)}
                    value={f.rate ? formatRate(value) : formatCount(value)}
                    accent={f.rate}
                    onOpen={() => onDrill(f.key, f.drill)}
                  />
                )
              })}
            </div>
            {group.key === 'places' && (
              <Typography.Text
                type="secondary"
                data-testid="station-kinds"
                style={{ display: 'block', marginTop: 8 }}
              >
                {STATION_KINDS.filter((k) => (figures.stationsByKind[k] ?? 0) > 0)
                  .map((k) => `${t(`stationKinds.${k}`)} ${formatCount(figures.stationsByKind[k] ?? 0)}`)
                  .join(' · ') || t('coverage.noStations')}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  )
}
