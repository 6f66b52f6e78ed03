import {
  type ImportKind,
  MEMBER_STATUSES,
  PARTY_ORG_TYPES,
  type PartyOrgType,
  UNIT_KINDS,
  type UnitKind,
} from '@tongxin/contracts'

/**
 * The four spreadsheets: sheet name, columns (Chinese header, English name, rule) and the values allowed.
 * Templates, the reader, the row checks and the list exports all use these, so a downloaded template, an
 * export and what the importer accepts cannot drift apart (an export can be edited and imported again).
 */
export type FieldType = 'text' | 'code' | 'integer' | 'number' | 'date' | 'boolean' | 'choice'

export interface Choices {
  labels: Record<string, string>
  codes: readonly string[]
  /** The labels shown in the template's drop-down and instructions. */
  shown: string[]
}

export interface ColumnSpec {
  key: string
  header: string
  english: string
  /** Shown as the header cell's note and in the instructions sheet. */
  rule: string
  type: FieldType
  required?: boolean
  choices?: Choices
  width?: number
}

export interface KindSpec {
  /** A registry kind; other modules describe their own sheets with the same shape (accounts). */
  kind: ImportKind | 'accounts'
  sheet: string
  /** What identifies a row, in the instructions. */
  naturalKey: string
  columns: ColumnSpec[]
}

export const UNIT_KIND_LABELS: Record<string, UnitKind> = {
  民营企业: 'private',
  外资企业: 'foreign',
  国有企业: 'state',
  社会组织: 'social_org',
  机关事业单位: 'agency',
}
export const ORG_TYPE_LABELS: Record<string, PartyOrgType> = {
  党委: 'committee',
  党总支: 'general_branch',
  党支部: 'branch',
  联合党支部: 'joint_branch',
}
export const MEMBER_STATUS_LABELS: Record<string, 'formal' | 'probationary'> = {
  正式党员: 'formal',
  预备党员: 'probationary',
  正式: 'formal',
  预备: 'probationary',
}

const choices = (labels: Record<string, string>, codes: readonly string[], shown?: string[]): Choices => ({
  labels,
  codes,
  shown: shown ?? Object.keys(labels),
})
const UNIT_KIND = choices(UNIT_KIND_LABELS, UNIT_KINDS)
const ORG_TYPE = choices(ORG_TYPE_LABELS, PARTY_ORG_TYPES)
const MEMBER_STATUS = choices(MEMBER_STATUS_LABELS, MEMBER_STATUSES, ['正式党员', '预备党员'])

/** Chinese label of a code, for exports and the diff. */
export const labelOf = (labels: Record<string, string>, code: string | null) =>
  code === null ? '' : (Object.keys(labels).find((k) => labels[k] === code) ?? code)

/** 'key|header|english|type[*]|width' — a trailing * marks a required column. */
function col(def: string, rule: string, options?: Choices): ColumnSpec {
  const [key = '', header = '', english = '', type = '', width = '12'] = def.split('|')
  return {
    key,
    header,
    english,
    rule,
    type: type.replace('*', '') as FieldType,
    required: type.endsWith('*'),
    choices: options,
    width: Number(width),
  }
}

const AREA_RULE = 'GB/T 2260 9-digit street/town code, e.g. 310120002 (奉浦街道)'
const YES_NO = '是 / 否'

const BUILDINGS: KindSpec = {
  kind: 'buildings',
  sheet: '楼宇',
  naturalKey: '楼宇名称 + 地址',
  columns: [
    col('name|楼宇名称|Building name|text*|28', 'Required, up to 100 characters'),
    col(
      'address|地址|Address|text*|36',
      'Required, up to 200 characters; name + address identify the building',
    ),
    col('areaCode|所属街道代码|Street code|code*|14', `Required. ${AREA_RULE}`),
    col('floors|总层数|Floors|integer*|8', 'Required, whole number 1–200'),
    col('inUse|是否在用|In use|boolean|9', `${YES_NO}; blank = 是`),
    col('propertyCompany|物业公司|Property company|text|24', 'Optional, up to 100 characters'),
    col('owner|产权单位|Owner|text|24', 'Optional, up to 100 characters'),
    col('lat|纬度|Latitude|number|10', 'Optional, decimal degrees -90–90'),
    col('lng|经度|Longitude|number|10', 'Optional, decimal degrees -180–180'),
    col('park|所属园区|Park|text|20', 'Optional; the name of an existing park in the same street'),
  ],
}

const UNITS: KindSpec = {
  kind: 'units',
  sheet: '单位',
  naturalKey: '统一社会信用代码',
  columns: [
    col(
      'uscc|统一社会信用代码|USCC|code*|22',
      'Required. Unified social credit code, 18 characters with check character (GB 32100)',
    ),
    col('name|单位名称|Unit name|text*|30', 'Required, up to 100 characters'),
    col('kind|单位类型|Kind|choice*|14', `Required: ${UNIT_KIND.shown.join(' / ')}`, UNIT_KIND),
    col('industry|行业|Industry|text|14', 'Optional, up to 60 characters'),
    col('employees|从业人数|Employees|integer|9', 'Optional, whole number ≥ 0'),
    col(
      'buildingName|所在楼宇名称|Building name|text|24',
      'Name of an existing building (with its address); blank for units outside buildings',
    ),
    col(
      'buildingAddress|所在楼宇地址|Building address|text|30',
      'Address of that building, exactly as registered',
    ),
    col('areaCode|所属街道代码|Street code|code|14', `Required for units outside buildings. ${AREA_RULE}`),
    col('floorFrom|起始楼层|First floor|integer|9', "Optional, -5 up to the building's floors"),
    col('floorTo|结束楼层|Last floor|integer|9', 'Optional, not below the first floor; blank = first floor'),
    col('settledOn|入驻日期|Settled on|date|12', 'Optional date, e.g. 2024-03-01'),
    col('leftOn|迁出日期|Left on|date|12', 'Optional date, not before the settling date'),
    col('instructorSent|是否选派党建指导员|Instructor sent|boolean|12', `${YES_NO}; blank = 否`),
  ],
}

const PARTY_ORGS: KindSpec = {
  kind: 'party_orgs',
  sheet: '党组织',
  naturalKey: '党组织名称',
  columns: [
    col('name|党组织名称|Organisation name|text*|34', 'Required, up to 100 characters, unique'),
    col('type|类型|Type|choice*|12', `Required: ${ORG_TYPE.shown.join(' / ')}`, ORG_TYPE),
    col(
      'parent|上级党组织名称|Parent organisation|text|34',
      'Optional; an existing organisation or one in this file; not itself, no cycles',
    ),
    col('areaCode|所属街道代码|Street code|code*|14', `Required. ${AREA_RULE}`),
    col('establishedOn|成立日期|Established on|date|12', 'Optional date, e.g. 2019-07-01'),
    col('hasCommittee|是否设支委会|Has a branch committee|boolean|12', `${YES_NO}; blank = 否`),
    col(
      'coversUnits|覆盖单位信用代码|Covered units (USCC)|text|40',
      'Optional; USCCs of existing units, several separated by ; or 、',
    ),
    col(
      'coversBuildings|覆盖楼宇|Covered buildings|text|40',
      'Optional; name@address of existing buildings, several separated by ; or 、',
    ),
  ],
}

const MEMBERS: KindSpec = {
  kind: 'members',
  sheet: '党员',
  naturalKey: '身份证号码',
  columns: [
    col('name|姓名|Name|text*|10', 'Required, up to 60 characters'),
    col(
      'idNumber|身份证号码|ID number|code*|22',
      'Required, 18 characters with check digit (GB 11643); enter as text',
    ),
    col(
      'phone|手机号码|Phone|code|15',
      'Optional; mobile (11 digits) or landline with area code (021-12345678)',
    ),
    col('education|学历|Education|text|10', 'Optional, up to 30 characters'),
    col('unitUscc|工作单位信用代码|Employer USCC|code|22', 'Optional; USCC of an existing unit'),
    col('org|所在党组织名称|Party organisation|text*|34', 'Required; name of an existing organisation'),
    col(
      'status|党员类别|Status|choice*|10',
      `Required: ${MEMBER_STATUS.shown.join(' / ')} (正式 / 预备)`,
      MEMBER_STATUS,
    ),
    col('joinedOn|入党日期|Joined on|date|12', 'Optional date, e.g. 2015-07-01'),
    col('relationTransferred|组织关系是否转入|Relation transferred in|boolean|12', `${YES_NO}; blank = 是`),
    col('floating|是否流动党员|Floating member|boolean|10', `${YES_NO}; blank = 否`),
  ],
}

export const KIND_SPECS: Record<ImportKind, KindSpec> = {
  buildings: BUILDINGS,
  units: UNITS,
  party_orgs: PARTY_ORGS,
  members: MEMBERS,
}

/** Header of a field, for row errors. */
export function headerOf(spec: KindSpec, key: string): string {
  return spec.columns.find((c) => c.key === key)?.header ?? ''
}
