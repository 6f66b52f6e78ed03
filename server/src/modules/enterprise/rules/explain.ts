import type { Flip } from './evaluate.ts'
import { type Facts, type FieldDef, isLeaf, type Leaf, type Rule, type Scalar } from './types.ts'

export type Lang = 'zh-CN' | 'en-US'

/** Names for values the rule stores as codes: area codes and park ids. */
export interface Names {
  areas?: Record<string, string>
  parks?: Record<string, string>
}

const fieldOf = (fields: ReadonlyMap<string, FieldDef>, key: string) => fields.get(key)

function valueText(def: FieldDef | undefined, v: Scalar, lang: Lang, names: Names): string {
  if (def?.type === 'enum') return def.options?.find((o) => o.value === v)?.label[lang] ?? String(v)
  if (def?.type === 'boolean') return v ? (lang === 'zh-CN' ? '是' : 'yes') : lang === 'zh-CN' ? '否' : 'no'
  if (def?.type === 'area') return names.areas?.[String(v)] ?? String(v)
  if (def?.key === 'park') return names.parks?.[String(v)] ?? String(v)
  if (def?.type === 'number' && def.unit?.[lang]) return `${v}${lang === 'zh-CN' ? '' : ' '}${def.unit[lang]}`
  return String(v)
}

/** One condition in plain words, e.g. 从业人数不少于 10人 / employees at least 10. */
export function describeLeaf(
  leaf: Leaf,
  fields: ReadonlyMap<string, FieldDef>,
  lang: Lang,
  names: Names = {},
) {
  const def = fieldOf(fields, leaf.field)
  const label = def?.label[lang] ?? leaf.field
  const one = (v: Scalar) => valueText(def, v, lang, names)
  const list = () => ((leaf.value as Scalar[]) ?? []).map(one).join(lang === 'zh-CN' ? '、' : ', ')
  const date = def?.type === 'date'
  const zh = lang === 'zh-CN'
  switch (leaf.op) {
    case 'eq':
      if (def?.type === 'boolean')
        return zh ? `${label}：${one(leaf.value as Scalar)}` : `${label}: ${one(leaf.value as Scalar)}`
      return zh ? `${label}为${one(leaf.value as Scalar)}` : `${label} is ${one(leaf.value as Scalar)}`
    case 'ne':
      return zh ? `${label}不是${one(leaf.value as Scalar)}` : `${label} is not ${one(leaf.value as Scalar)}`
    case 'in':
      if (def?.type === 'area') return zh ? `位于${list()}` : `located in ${list()}`
      return zh ? `${label}为${list()}之一` : `${label} is one of ${list()}`
    case 'not_in':
      if (def?.type === 'area') return zh ? `不位于${list()}` : `not located in ${list()}`
      return zh ? `${label}不是${list()}` : `${label} is none of ${list()}`
    case 'gte':
      if (date) return zh ? `${label}不早于${leaf.value}` : `${label} on or after ${leaf.value}`
      return zh
        ? `${label}不少于${one(leaf.value as Scalar)}`
        : `${label} at least ${one(leaf.value as Scalar)}`
    case 'lte':
      if (date) return zh ? `${label}不晚于${leaf.value}` : `${label} on or before ${leaf.value}`
      return zh
        ? `${label}不超过${one(leaf.value as Scalar)}`
        : `${label} at most ${one(leaf.value as Scalar)}`
    case 'between': {
      const [lo, hi] = leaf.value as [Scalar, Scalar]
      return zh
        ? `${label}在${date ? lo : one(lo)}至${date ? hi : one(hi)}之间`
        : `${label} between ${date ? lo : one(lo)} and ${date ? hi : one(hi)}`
    }
    case 'within_months':
      return zh ? `${label}在最近${leaf.value}个月内` : `${label} within the last ${leaf.value} months`
    case 'is_set':
      return (leaf.value ?? true)
        ? zh
          ? `已登记${label}`
          : `${label} is recorded`
        : zh
          ? `未登记${label}`
          : `${label} is not recorded`
  }
}

/** A whole rule in plain words: 且 / 或 / 并非, with brackets around nested groups. */
export function describe(
  rule: Rule,
  fields: ReadonlyMap<string, FieldDef>,
  lang: Lang,
  names: Names = {},
  nested = false,
): string {
  if (isLeaf(rule)) return describeLeaf(rule, fields, lang, names)
  const zh = lang === 'zh-CN'
  if ('not' in rule)
    return zh
      ? `并非（${describe(rule.not, fields, lang, names)}）`
      : `not (${describe(rule.not, fields, lang, names)})`
  const parts = ('and' in rule ? rule.and : rule.or).map((c) => describe(c, fields, lang, names, true))
  const joined = parts.join('and' in rule ? (zh ? '，且' : ', and ') : zh ? '，或' : ', or ')
  if (!nested || parts.length === 1) return joined
  return zh ? `（${joined}）` : `(${joined})`
}

/** The unit's current value of a field, for "what is missing" lines. */
export function factText(
  def: FieldDef | undefined,
  facts: Facts,
  key: string,
  lang: Lang,
  names: Names = {},
) {
  const v = facts[key]
  if (v === null || v === undefined) return lang === 'zh-CN' ? '未登记' : 'not recorded'
  if (def?.type === 'area') {
    const code = String(v).split('/').pop() ?? ''
    return names.areas?.[code] ?? code
  }
  return valueText(def, v, lang, names)
}

/** What a unit lacks, one line per leaf: 需满足：从业人数不少于 10人（当前：8人）. */
export function describeFlip(
  flip: Flip,
  fields: ReadonlyMap<string, FieldDef>,
  facts: Facts,
  lang: Lang,
  names: Names = {},
) {
  const cond = describeLeaf(flip.leaf, fields, lang, names)
  const now = factText(fields.get(flip.leaf.field), facts, flip.leaf.field, lang, names)
  if (lang === 'zh-CN') return `${flip.want ? '需满足' : '需不再满足'}：${cond}（当前：${now}）`
  return `${flip.want ? 'needs' : 'must no longer meet'}: ${cond} (now: ${now})`
}
