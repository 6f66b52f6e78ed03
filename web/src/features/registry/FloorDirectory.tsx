import { UserOutlined } from '@ant-design/icons'
import { type BuildingDetail, COVERAGE_CATEGORIES, type CoverageCategory } from '@tongxin/contracts'
import { Empty, Flex, Typography, theme } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { CATEGORY_COLORS, categoryLabel } from '../../components/labels.tsx'

type DirectoryUnit = BuildingDetail['units'][number]

// A tenant on more floors than this is listed once, on its lowest floor, with its range.
const MAX_SPREAD = 6
const UNKNOWN = Number.NEGATIVE_INFINITY

interface FloorGroup {
  floor: number
  units: DirectoryUnit[]
}

/** Operating units by floor, highest first, like the directory board in a lobby. */
export function groupByFloor(units: DirectoryUnit[]): FloorGroup[] {
  const floors = new Map<number, DirectoryUnit[]>()
  const add = (floor: number, unit: DirectoryUnit) => {
    const list = floors.get(floor) ?? []
    list.push(unit)
    floors.set(floor, list)
  }
  for (const unit of units) {
    if (!unit.operating) continue
    if (unit.floorFrom === null) {
      add(UNKNOWN, unit)
      continue
    }
    const to = unit.floorTo ?? unit.floorFrom
    if (to - unit.floorFrom >= MAX_SPREAD || to < unit.floorFrom) add(unit.floorFrom, unit)
    else for (let f = unit.floorFrom; f <= to; f++) if (f !== 0) add(f, unit)
  }
  return [...floors.entries()].sort((a, b) => b[0] - a[0]).map(([floor, list]) => ({ floor, units: list }))
}

export function floorLabel(t: TFunction, floor: number): string {
  if (floor === UNKNOWN) return t('buildings.floorUnknown')
  return floor < 0 ? t('buildings.basement', { floor: -floor }) : t('buildings.floor', { floor })
}

function UnitChip({ unit, onOpen }: { unit: DirectoryUnit; onOpen: (id: number) => void }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const color = unit.category ? (CATEGORY_COLORS[unit.category as CoverageCategory] ?? '#999') : '#999'
  const members = unit.formalMembers + unit.probationaryMembers
  const spread =
    unit.floorFrom !== null && unit.floorTo !== null && unit.floorTo - unit.floorFrom >= MAX_SPREAD
      ? ` · ${unit.floorFrom}–${unit.floorTo}`
      : ''
  return (
    <button
      type="button"
      data-testid="directory-unit"
      onClick={() => onOpen(unit.id)}
      title={unit.category ? categoryLabel(t, unit.category) : undefined}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 6,
        maxWidth: '100%',
        padding: '4px 10px',
        border: `1px solid ${token.colorBorderSecondary}`,
        borderInlineStart: `3px solid ${color}`,
        borderRadius: token.borderRadiusSM,
        background: token.colorBgContainer,
        cursor: 'pointer',
        font: 'inherit',
        textAlign: 'start',
      }}
    >
      <span style={{ overflowWrap: 'anywhere' }}>{unit.name}</span>
      {(members > 0 || spread) && (
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
          {members > 0 && (
            <>
              <UserOutlined /> {members}
            </>
          )}
          {spread}
        </Typography.Text>
      )}
    </button>
  )
}

export function FloorDirectory({
  units,
  onOpenUnit,
}: {
  units: DirectoryUnit[]
  onOpenUnit: (id: number) => void
}) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const groups = groupByFloor(units)
  const left = units.filter((u) => !u.operating)
  if (units.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
  return (
    <Flex vertical data-testid="floor-directory">
      <Flex gap={12} wrap style={{ paddingBottom: 8 }}>
        {COVERAGE_CATEGORIES.map((c) => (
          <Flex key={c} gap={4} align="center">
            <span style={{ width: 3, height: 12, background: CATEGORY_COLORS[c] }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {categoryLabel(t, c)}
            </Typography.Text>
          </Flex>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <UserOutlined /> {t('coverage.figures.members')}
        </Typography.Text>
      </Flex>
      {groups.map((g) => (
        <Flex
          key={g.floor}
          gap={12}
          align="flex-start"
          data-testid="directory-floor"
          style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Typography.Text strong style={{ width: 72, flex: 'none', paddingTop: 4 }}>
            {floorLabel(t, g.floor)}
          </Typography.Text>
          <Flex gap={6} wrap style={{ minWidth: 0, flex: 1 }}>
            {g.units.map((u) => (
              <UnitChip key={u.id} unit={u} onOpen={onOpenUnit} />
            ))}
          </Flex>
        </Flex>
      ))}
      {left.length > 0 && (
        <Flex gap={12} align="flex-start" style={{ padding: '8px 0' }}>
          <Typography.Text type="secondary" style={{ width: 72, flex: 'none', paddingTop: 4 }}>
            {t('buildings.leftUnits')}
          </Typography.Text>
          <Flex gap={6} wrap style={{ minWidth: 0, flex: 1, opacity: 0.6 }}>
            {left.map((u) => (
              <UnitChip key={u.id} unit={u} onOpen={onOpenUnit} />
            ))}
          </Flex>
        </Flex>
      )}
    </Flex>
  )
}
