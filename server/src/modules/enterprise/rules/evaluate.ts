import { childPath, type Facts, isLeaf, type Leaf, type Rule, type Scalar } from './types.ts'

/**
 * Evaluation is two-valued: a condition on a field the unit has no value for is false (unknown data never
 * qualifies a unit), except `is_set`, which asks exactly that. So not(not r) ≡ r and De Morgan hold.
 */
export interface EvalContext {
  /** Shanghai local date (YYYY-MM-DD) that "within N months" counts back from. */
  today: string
}

/** The date N months before `today` (clamped to the month's last day, so 31 Mar − 1 month = 28/29 Feb). */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) - months
  const yy = Math.floor(total / 12)
  const mm = total - yy * 12
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate()
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

const inArea = (path: string, code: Scalar) => `/${path}/`.includes(`/${code}/`)

export function evalLeaf(leaf: Leaf, facts: Facts, ctx: EvalContext): boolean {
  const v = facts[leaf.field]
  if (leaf.op === 'is_set') return (leaf.value ?? true) === (v !== null && v !== undefined)
  if (v === null || v === undefined) return false
  const x = leaf.value
  switch (leaf.op) {
    case 'eq':
      return v === x
    case 'ne':
      return v !== x
    case 'in':
      return leaf.field === 'area'
        ? (x as Scalar[]).some((c) => inArea(String(v), c))
        : (x as Scalar[]).includes(v)
    case 'not_in':
      return leaf.field === 'area'
        ? !(x as Scalar[]).some((c) => inArea(String(v), c))
        : !(x as Scalar[]).includes(v)
    case 'gte':
      return v >= (x as Scalar)
    case 'lte':
      return v <= (x as Scalar)
    case 'between': {
      const [lo, hi] = x as [Scalar, Scalar]
      return v >= lo && v <= hi
    }
    case 'within_months':
      return v >= monthsBefore(ctx.today, x as number) && v <= ctx.today
  }
}

/**
 * Evaluates a rule. `overrides` forces the truth of leaves by path — used to check that a near-miss
 * explanation really is what is missing (flip those leaves and the rule holds).
 */
export function evaluate(
  rule: Rule,
  facts: Facts,
  ctx: EvalContext,
  overrides?: ReadonlyMap<string, boolean>,
  path = '',
): boolean {
  if (isLeaf(rule)) return overrides?.get(path) ?? evalLeaf(rule, facts, ctx)
  if ('not' in rule) return !evaluate(rule.not, facts, ctx, overrides, childPath(path, 0))
  if ('and' in rule) return rule.and.every((c, i) => evaluate(c, facts, ctx, overrides, childPath(path, i)))
  return rule.or.some((c, i) => evaluate(c, facts, ctx, overrides, childPath(path, i)))
}

/** A leaf that has to change, and the truth it needs. */
export interface Flip {
  path: string
  leaf: Leaf
  /** true: the unit must come to meet this condition; false: it must stop meeting it (under a "not"). */
  want: boolean
}

/**
 * The smallest set of leaves whose truth must change for the rule to evaluate to `target`: empty when it
 * already does. An AND that must hold needs every failing child fixed; an OR needs its cheapest child; a
 * NOT swaps the target. Ties go to the earlier child, so explanations are stable.
 */
export function whatIsMissing(rule: Rule, facts: Facts, ctx: EvalContext, target = true, path = ''): Flip[] {
  if (isLeaf(rule)) return evalLeaf(rule, facts, ctx) === target ? [] : [{ path, leaf: rule, want: target }]
  if ('not' in rule) return whatIsMissing(rule.not, facts, ctx, !target, childPath(path, 0))
  const children = 'and' in rule ? rule.and : rule.or
  // and→true and or→false need all children to reach the target; the other two need only one.
  const needsAll = 'and' in rule === target
  const parts = children.map((c, i) => whatIsMissing(c, facts, ctx, target, childPath(path, i)))
  if (needsAll) return parts.flat()
  let best: Flip[] | null = null
  for (const p of parts) if (best === null || p.length < best.length) best = p
  return best ?? []
}

type Compiled = (facts: Facts) => boolean

/**
 * Turns a rule into nested closures once, so matching many units does not re-walk the tree's shape or
 * re-dispatch on operators per unit (the city-scale bench depends on this).
 */
export function compile(rule: Rule, ctx: EvalContext): Compiled {
  if (isLeaf(rule)) return compileLeaf(rule, ctx)
  if ('not' in rule) {
    const c = compile(rule.not, ctx)
    return (f) => !c(f)
  }
  const cs = ('and' in rule ? rule.and : rule.or).map((c) => compile(c, ctx))
  if ('and' in rule) {
    if (cs.length === 2) {
      const [a, b] = cs as [Compiled, Compiled]
      return (f) => a(f) && b(f)
    }
    return (f) => {
      for (const c of cs) if (!c(f)) return false
      return true
    }
  }
  return (f) => {
    for (const c of cs) if (c(f)) return true
    return false
  }
}

function compileLeaf(leaf: Leaf, ctx: EvalContext): Compiled {
  const k = leaf.field
  const x = leaf.value
  switch (leaf.op) {
    case 'is_set': {
      const want = x ?? true
      return (f) => want === (f[k] !== null && f[k] !== undefined)
    }
    case 'eq':
      return (f) => f[k] === x && x !== undefined
    case 'ne':
      return (f) => f[k] !== null && f[k] !== undefined && f[k] !== x
    case 'in':
    case 'not_in': {
      const positive = leaf.op === 'in'
      if (k === 'area') {
        const codes = (x as Scalar[]).map((c) => `/${c}/`)
        return (f) => {
          const v = f[k]
          if (v === null || v === undefined) return false
          const p = `/${v}/`
          return codes.some((c) => p.includes(c)) === positive
        }
      }
      const set = new Set(x as Scalar[])
      return (f) => {
        const v = f[k]
        return v !== null && v !== undefined && set.has(v) === positive
      }
    }
    case 'gte':
      return (f) => {
        const v = f[k]
        return v !== null && v !== undefined && v >= (x as Scalar)
      }
    case 'lte':
      return (f) => {
        const v = f[k]
        return v !== null && v !== undefined && v <= (x as Scalar)
      }
    case 'between': {
      const [lo, hi] = x as [Scalar, Scalar]
      return (f) => {
        const v = f[k]
        return v !== null && v !== undefined && v >= lo && v <= hi
      }
    }
    case 'within_months': {
      const from = monthsBefore(ctx.today, x as number)
      const to = ctx.today
      return (f) => {
        const v = f[k]
        return v !== null && v !== undefined && v >= from && v <= to
      }
    }
  }
}
