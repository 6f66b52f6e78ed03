import { type EvalContext, monthsBefore } from './evaluate.ts'
import { describeLeaf } from './explain.ts'
import {
  childPath,
  type FieldDef,
  isLeaf,
  type Leaf,
  MAX_DEPTH,
  MAX_LEAVES,
  OPERATORS,
  type Operator,
  type Rule,
  type Scalar,
} from './types.ts'

/** Why a rule cannot be saved; `code` is an error code of the module, `params` fill its message. */
export interface RuleProblem {
  code:
    | 'rule_malformed'
    | 'rule_empty_group'
    | 'rule_too_large'
    | 'rule_unknown_field'
    | 'rule_bad_operator'
    | 'rule_bad_value'
    | 'rule_unknown_option'
    | 'rule_contradiction'
  params: Record<string, string | number>
  path: string
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

function scalarFits(def: FieldDef, v: unknown): boolean {
  switch (def.type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v)
    case 'date':
      return typeof v === 'string' && DATE.test(v)
    case 'boolean':
      return typeof v === 'boolean'
    case 'id':
      return typeof v === 'number' && Number.isInteger(v) && v > 0
    case 'area':
      return typeof v === 'string' && /^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/.test(v)
    default:
      return typeof v === 'string' && v.length > 0 && v.length <= 100
  }
}

const EXPECTED: Record<FieldDef['type'], string> = {
  number: 'number',
  date: 'YYYY-MM-DD',
  boolean: 'true/false',
  id: 'id',
  area: 'area code',
  string: 'text',
  enum: 'option',
}

function checkLeaf(
  leaf: Record<string, unknown>,
  fields: ReadonlyMap<string, FieldDef>,
  path: string,
): RuleProblem | null {
  const { field, op, value } = leaf
  const keys = Object.keys(leaf).filter((k) => k !== 'field' && k !== 'op' && k !== 'value')
  if (typeof field !== 'string' || typeof op !== 'string' || keys.length > 0)
    return { code: 'rule_malformed', params: { path: path || '/' }, path }
  const def = fields.get(field)
  if (!def) return { code: 'rule_unknown_field', params: { field }, path }
  if (!OPERATORS[def.type].includes(op as Operator))
    return { code: 'rule_bad_operator', params: { field, op, allowed: OPERATORS[def.type].join(', ') }, path }
  const bad = (expected: string): RuleProblem => ({
    code: 'rule_bad_value',
    params: { field, op, expected },
    path,
  })
  const scalar = EXPECTED[def.type]
  switch (op as Operator) {
    case 'is_set':
      if (value !== undefined && typeof value !== 'boolean') return bad('true/false')
      return null
    case 'in':
    case 'not_in':
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        value.length > 200 ||
        !value.every((v) => scalarFits(def, v))
      )
        return bad(`[${scalar}, …]`)
      break
    case 'between':
      if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => scalarFits(def, v)))
        return bad(`[${scalar}, ${scalar}]`)
      if ((value[0] as Scalar) > (value[1] as Scalar))
        return { code: 'rule_contradiction', params: { field, detail: `${value[0]} > ${value[1]}` }, path }
      break
    case 'within_months':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 600)
        return bad('1–600')
      return null
    default:
      if (!scalarFits(def, value)) return bad(scalar)
  }
  if (def.type === 'enum') {
    const allowed = new Set((def.options ?? []).map((o) => o.value))
    const vs = (Array.isArray(value) ? value : [value]) as string[]
    const unknown = vs.find((v) => !allowed.has(v))
    if (unknown !== undefined)
      return {
        code: 'rule_unknown_option',
        params: { field, value: unknown, allowed: [...allowed].join(', ') },
        path,
      }
  }
  return null
}

/**
 * Checks a rule's shape, fields, operators and values, then looks for conditions inside one AND group that
 * no unit can meet together (从业人数≥100 且 ≤10; 类型为国企 且 类型为民企). Returns every problem found.
 */
export function validateRule(
  input: unknown,
  fields: ReadonlyMap<string, FieldDef>,
  ctx: EvalContext,
): RuleProblem[] {
  const problems: RuleProblem[] = []
  let leaves = 0
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      problems.push({ code: 'rule_too_large', params: { max: `${MAX_DEPTH} levels` }, path })
      return
    }
    if (!isObj(node)) {
      problems.push({ code: 'rule_malformed', params: { path: path || '/' }, path })
      return
    }
    const keys = Object.keys(node)
    if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
      const children = node[keys[0]]
      if (!Array.isArray(children))
        problems.push({ code: 'rule_malformed', params: { path: path || '/' }, path })
      else if (children.length === 0)
        problems.push({ code: 'rule_empty_group', params: { path: path || '/' }, path })
      else
        children.forEach((c, i) => {
          walk(c, childPath(path, i), depth + 1)
        })
      return
    }
    if (keys.length === 1 && keys[0] === 'not') {
      walk(node.not, childPath(path, 0), depth + 1)
      return
    }
    leaves++
    const p = checkLeaf(node, fields, path)
    if (p) problems.push(p)
  }
  walk(input, '', 0)
  if (leaves > MAX_LEAVES)
    problems.push({ code: 'rule_too_large', params: { max: `${MAX_LEAVES} conditions` }, path: '' })
  if (problems.length === 0) findContradictions(input as Rule, fields, ctx, '', problems)
  return problems
}

/** The leaves an AND requires directly (nested ANDs flattened; ORs and NOTs are not looked into). */
function conjuncts(rule: Rule): Leaf[] {
  if (isLeaf(rule)) return [rule]
  if ('and' in rule) return rule.and.flatMap(conjuncts)
  return []
}

function findContradictions(
  rule: Rule,
  fields: ReadonlyMap<string, FieldDef>,
  ctx: EvalContext,
  path: string,
  out: RuleProblem[],
) {
  if (isLeaf(rule)) return
  if ('not' in rule) {
    findContradictions(rule.not, fields, ctx, childPath(path, 0), out)
    return
  }
  const children = 'and' in rule ? rule.and : rule.or
  children.forEach((c, i) => {
    findContradictions(c, fields, ctx, childPath(path, i), out)
  })
  if (!('and' in rule)) return
  const byField = new Map<string, Leaf[]>()
  for (const l of conjuncts(rule)) byField.set(l.field, [...(byField.get(l.field) ?? []), l])
  for (const [field, leaves] of byField) {
    if (leaves.length < 2) continue
    const def = fields.get(field)!
    const text = () => leaves.map((l) => describeLeaf(l, fields, 'zh-CN')).join(' / ')
    if (leaves.some((l) => l.op === 'is_set' && l.value === false) && leaves.some((l) => l.op !== 'is_set')) {
      out.push({ code: 'rule_contradiction', params: { field, detail: text() }, path })
      continue
    }
    if (def.type === 'number' || def.type === 'date') {
      let lo: Scalar | null = null
      let hi: Scalar | null = null
      const raise = (v: Scalar) => {
        if (lo === null || v > lo) lo = v
      }
      const lower = (v: Scalar) => {
        if (hi === null || v < hi) hi = v
      }
      for (const l of leaves) {
        const v = l.value as Scalar
        if (l.op === 'gte') raise(v)
        if (l.op === 'lte') lower(v)
        if (l.op === 'eq') {
          raise(v)
          lower(v)
        }
        if (l.op === 'between') {
          const [a, b] = l.value as [Scalar, Scalar]
          raise(a)
          lower(b)
        }
        if (l.op === 'within_months') {
          raise(monthsBefore(ctx.today, v as number))
          lower(ctx.today)
        }
      }
      if (lo !== null && hi !== null && lo > hi)
        out.push({ code: 'rule_contradiction', params: { field, detail: text() }, path })
    } else if (def.type !== 'area') {
      // Values the unit may still have: start from everything, narrow by eq/in, remove ne/not_in.
      let allowed: Set<Scalar> | null = null
      const banned = new Set<Scalar>()
      for (const l of leaves) {
        const vs = l.op === 'eq' ? [l.value as Scalar] : l.op === 'in' ? (l.value as Scalar[]) : null
        if (vs) allowed = allowed === null ? new Set(vs) : new Set(vs.filter((v) => allowed!.has(v)))
        if (l.op === 'ne') banned.add(l.value as Scalar)
        if (l.op === 'not_in') for (const v of l.value as Scalar[]) banned.add(v)
      }
      if (allowed !== null && [...allowed].every((v) => banned.has(v)))
        out.push({ code: 'rule_contradiction', params: { field, detail: text() }, path })
    }
  }
}
