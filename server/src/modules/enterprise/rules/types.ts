/**
 * Eligibility rules (申报条件) as data: a tree of and / or / not over leaf conditions on a unit's fields.
 * The same tree is validated when a policy is saved, evaluated for matching, and worded in plain language.
 */
export type Operator = 'eq' | 'ne' | 'in' | 'not_in' | 'gte' | 'lte' | 'between' | 'within_months' | 'is_set'

export type Scalar = string | number | boolean

export interface Leaf {
  field: string
  op: Operator
  value?: Scalar | Scalar[] | null
}
export type Rule = { and: Rule[] } | { or: Rule[] } | { not: Rule } | Leaf

export type FieldType = 'string' | 'enum' | 'number' | 'date' | 'boolean' | 'area' | 'id'

export interface FieldDef {
  key: string
  type: FieldType
  label: { 'zh-CN': string; 'en-US': string }
  /** Allowed values of an enum field, with their labels. */
  options?: { value: string; label: { 'zh-CN': string; 'en-US': string } }[]
  /** Unit of a number (人, 万元): used in explanations only. */
  unit?: { 'zh-CN': string; 'en-US': string }
  custom?: boolean
}

/** What each type of field may be compared with. */
export const OPERATORS: Record<FieldType, readonly Operator[]> = {
  string: ['eq', 'ne', 'in', 'not_in', 'is_set'],
  enum: ['eq', 'ne', 'in', 'not_in', 'is_set'],
  number: ['eq', 'ne', 'gte', 'lte', 'between', 'is_set'],
  date: ['gte', 'lte', 'between', 'within_months', 'is_set'],
  boolean: ['eq', 'is_set'],
  // An area condition means "located inside one of these areas" (a street inside its district counts).
  area: ['in', 'not_in'],
  id: ['eq', 'ne', 'in', 'not_in', 'is_set'],
}

/** A unit's facts as the evaluator sees them; `area` is the unit's area path ('310000/310120/310120002'). */
export type Facts = Record<string, Scalar | null | undefined>

export const isLeaf = (r: Rule): r is Leaf => 'field' in r

/** Paths name nodes of a rule ('', '0', '0.2'): explanations and tests refer to leaves by path. */
export const childPath = (path: string, i: number) => (path === '' ? String(i) : `${path}.${i}`)

export const INCUBATION_STATES = ['incubating', 'graduated', 'left', 'none'] as const
export const UNIT_KINDS = ['private', 'foreign', 'state', 'social_org', 'agency'] as const

/** Fields every unit has (from the registry, plus its incubation status); custom fields are added from the database. */
export const BUILTIN_FIELDS: FieldDef[] = [
  { key: 'industry', type: 'string', label: { 'zh-CN': '行业', 'en-US': 'industry' } },
  {
    key: 'kind',
    type: 'enum',
    label: { 'zh-CN': '单位类型', 'en-US': 'kind of unit' },
    options: [
      { value: 'private', label: { 'zh-CN': '非公企业', 'en-US': 'private firm' } },
      { value: 'foreign', label: { 'zh-CN': '外资企业', 'en-US': 'foreign-invested firm' } },
      { value: 'state', label: { 'zh-CN': '国有企业', 'en-US': 'state-owned firm' } },
      { value: 'social_org', label: { 'zh-CN': '社会组织', 'en-US': 'social organisation' } },
      { value: 'agency', label: { 'zh-CN': '机关事业单位', 'en-US': 'public agency' } },
    ],
  },
  {
    key: 'employees',
    type: 'number',
    label: { 'zh-CN': '从业人数', 'en-US': 'employees' },
    unit: { 'zh-CN': '人', 'en-US': '' },
  },
  { key: 'settled_on', type: 'date', label: { 'zh-CN': '落户日期', 'en-US': 'date settled' } },
  { key: 'area', type: 'area', label: { 'zh-CN': '所在区域', 'en-US': 'location' } },
  { key: 'park', type: 'id', label: { 'zh-CN': '所在园区', 'en-US': 'park' } },
  {
    key: 'incubation',
    type: 'enum',
    label: { 'zh-CN': '孵化状态', 'en-US': 'incubation status' },
    options: [
      { value: 'incubating', label: { 'zh-CN': '在孵', 'en-US': 'incubating' } },
      { value: 'graduated', label: { 'zh-CN': '已毕业', 'en-US': 'graduated' } },
      { value: 'left', label: { 'zh-CN': '已离孵', 'en-US': 'left the incubator' } },
      { value: 'none', label: { 'zh-CN': '未入孵', 'en-US': 'never incubated' } },
    ],
  },
]

export const MAX_DEPTH = 8
export const MAX_LEAVES = 60
