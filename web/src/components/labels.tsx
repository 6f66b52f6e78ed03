import type { CoverageCategory, FigureKey, PartyOrgType, StationKind, UnitKind } from '@tongxin/contracts'
import { Tag } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

/** Colours of the 党统 categories, shared by tags and charts (best coverage first). */
export const CATEGORY_COLORS: Record<CoverageCategory, string> = {
  own: '#c8161d',
  joint: '#f5872a',
  should_have: '#7b4fd6',
  only_members: '#3b82c4',
  no_members: '#a6a6a6',
}

const CATEGORY_TAG: Record<CoverageCategory, string> = {
  own: 'red',
  joint: 'orange',
  should_have: 'purple',
  only_members: 'blue',
  no_members: 'default',
}

const KNOWN_CATEGORIES = new Set<string>(Object.keys(CATEGORY_TAG))
const KNOWN_KINDS = new Set(['private', 'foreign', 'state', 'social_org', 'agency'])
const KNOWN_ORG_TYPES = new Set(['committee', 'general_branch', 'branch', 'joint_branch'])
const KNOWN_STATIONS = new Set(['service_station', 'micro_home', 'center', 'life_station'])

export function categoryLabel(t: TFunction, category: string): string {
  return KNOWN_CATEGORIES.has(category) ? t(`categories.${category as CoverageCategory}`) : category
}

export function unitKindLabel(t: TFunction, kind: string): string {
  return KNOWN_KINDS.has(kind) ? t(`unitKinds.${kind as UnitKind}`) : kind
}

export function orgTypeLabel(t: TFunction, type: string): string {
  return KNOWN_ORG_TYPES.has(type) ? t(`orgTypes.${type as PartyOrgType}`) : type
}

export function stationKindLabel(t: TFunction, kind: string): string {
  return KNOWN_STATIONS.has(kind) ? t(`stationKinds.${kind as StationKind}`) : kind
}

export function CategoryTag({ category }: { category: string | null }) {
  const { t } = useTranslation()
  if (!category) return null
  const color = KNOWN_CATEGORIES.has(category) ? CATEGORY_TAG[category as CoverageCategory] : 'default'
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {categoryLabel(t, category)}
    </Tag>
  )
}

/** Every key `GET /api/coverage` and the snapshot comparison report, including the rates. */
export type FigureName =
  | FigureKey
  | 'chiefCoverageRate'
  | 'employees'
  | 'under35Share'
  | 'orgCoverageRate'
  | 'ownOrgRate'

const RATE_KEYS = new Set(['chiefCoverageRate', 'under35Share', 'orgCoverageRate', 'ownOrgRate'])
export const isRateKey = (key: string) => RATE_KEYS.has(key)

const PLAIN_FIGURES = new Set([
  'buildings',
  'buildingsInScope',
  'buildingsWithChief',
  'buildingsWholeCovered',
  'stations',
  'chiefCoverageRate',
  'units',
  'operatingUnits',
  'employees',
  'members',
  'formalMembers',
  'probationaryMembers',
  'membersUnder35',
  'under35Share',
  'notTransferred',
  'instructorSent',
  'orgCoverageRate',
  'ownOrgRate',
])

export function figureLabel(t: TFunction, key: string): string {
  if (key.startsWith('category.')) return categoryLabel(t, key.slice('category.'.length))
  if (PLAIN_FIGURES.has(key)) return t(`coverage.figures.${key as Exclude<FigureName, `category.${string}`>}`)
  return key
}
