import { type ErrorCode, formatMessage, type MessageParams } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { messages } from '../../lib/messages.ts'

/**
 * Why a row failed, kept language-neutral in the job (code + parameters) and worded when read, in the
 * reader's language. A code is either an API error code (the shared validators' own wording, so a row
 * reads exactly as the form would) or one of the import's own reasons below.
 */
export interface Reason {
  code: string
  params?: MessageParams
}

export const REASONS = {
  required: { 'zh-CN': '必填', 'en-US': 'Required' },
  formula: {
    'zh-CN': '单元格含公式，请粘贴为数值',
    'en-US': 'The cell holds a formula; paste it as a value instead',
  },
  cell_error: { 'zh-CN': '单元格为错误值 {value}', 'en-US': 'The cell holds the error value {value}' },
  not_integer: { 'zh-CN': '“{value}”不是整数', 'en-US': '"{value}" is not a whole number' },
  not_number: { 'zh-CN': '“{value}”不是数字', 'en-US': '"{value}" is not a number' },
  not_date: {
    'zh-CN': '“{value}”不是可识别的日期，请填写如 2024-03-01',
    'en-US': '"{value}" is not a date; write it like 2024-03-01',
  },
  not_bool: { 'zh-CN': '“{value}”应填写“是”或“否”', 'en-US': '"{value}" should be 是 (yes) or 否 (no)' },
  not_in_list: {
    'zh-CN': '“{value}”不是允许的取值（可选：{allowed}）',
    'en-US': '"{value}" is not allowed (one of: {allowed})',
  },
  code_as_number: {
    'zh-CN': '请以文本格式填写（数字格式会丢失位数）',
    'en-US': 'Enter it as text (as a number it loses digits)',
  },
  too_long: { 'zh-CN': '不能超过 {limit} 个字符', 'en-US': 'At most {limit} characters' },
  too_many: { 'zh-CN': '不能超过 {limit} 项', 'en-US': 'At most {limit} items' },
  too_small: { 'zh-CN': '不能小于 {limit}', 'en-US': 'Cannot be below {limit}' },
  too_large: { 'zh-CN': '不能大于 {limit}', 'en-US': 'Cannot be above {limit}' },
  invalid: { 'zh-CN': '取值无效', 'en-US': 'Not a valid value' },
  duplicate_key: {
    'zh-CN': '与第 {row} 行重复（{key}）',
    'en-US': 'Duplicates row {row} ({key})',
  },
  two_branches: {
    'zh-CN': '同一党员（身份证号码相同）已在第 {row} 行编入“{org}”，一名党员只能在一个党组织',
    'en-US':
      'The same member (same ID number) is placed in "{org}" in row {row}; a member belongs to one organisation',
  },
  unknown_building: {
    'zh-CN': '找不到楼宇“{name}”（地址：{address}）',
    'en-US': 'No building "{name}" at "{address}"',
  },
  building_pair: {
    'zh-CN': '所在楼宇名称和所在楼宇地址须同时填写',
    'en-US': 'Give both the building name and its address',
  },
  unknown_park: { 'zh-CN': '在 {area} 找不到园区“{name}”', 'en-US': 'No park "{name}" in {area}' },
  unknown_unit: { 'zh-CN': '找不到统一社会信用代码为 {uscc} 的单位', 'en-US': 'No unit with USCC {uscc}' },
  unknown_org: { 'zh-CN': '找不到党组织“{name}”', 'en-US': 'No party organisation named "{name}"' },
  cover_building_format: {
    'zh-CN': '“{value}”应写成“楼宇名称@地址”',
    'en-US': '"{value}" should be written as "building name@address"',
  },
  parent_self: { 'zh-CN': '上级党组织不能是其自身', 'en-US': 'An organisation cannot be its own parent' },
  parent_cycle: {
    'zh-CN': '上级党组织形成循环：{chain}',
    'en-US': 'The parent organisations form a cycle: {chain}',
  },
  out_of_scope: { 'zh-CN': '不在您的管理范围内', 'en-US': 'Outside the area you are responsible for' },
  area_mismatch: {
    'zh-CN': '所属街道代码 {code} 与所在楼宇的区域 {buildingArea} 不一致',
    'en-US': "Area code {code} differs from the building's area {buildingArea}",
  },
  // A warning, not an error: the row is imported as written.
  instructor_not_counted: {
    'zh-CN':
      '该单位{org}，“是否选派党建指导员”填“是”会照常保存，但不计入工作覆盖（工作覆盖只统计没有党组织覆盖的单位）',
    'en-US':
      '{org}: "instructor sent" is saved as written but does not count as work coverage (it counts only for units no organisation covers)',
  },
} as const satisfies Record<string, Record<Locale, string>>

export type ReasonCode = keyof typeof REASONS

export const reason = (code: ReasonCode | ErrorCode, params?: MessageParams): Reason =>
  params ? { code, params } : { code }

export function renderReason(r: Reason, locale: Locale): string {
  if (r.code in REASONS) {
    const template = REASONS[r.code as ReasonCode][locale]
    return template.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = r.params?.[key]
      if (value === undefined) return `{${key}}`
      return typeof value === 'object' ? value[locale] : String(value)
    })
  }
  if (r.code in messages) return formatMessage(r.code as ErrorCode, locale, r.params ?? {})
  return r.code
}
