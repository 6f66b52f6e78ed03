import type { Policy, PolicyInput, PolicyUnits, RuleCheck, RuleField, UnitPolicies } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError, formatMessage } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { noticePolicyMatch } from '../notifications/flows.people.ts'
import { loadFacts, loadFields, scopeFilter, type UnitFacts } from './facts.repository.ts'
import { compile, whatIsMissing } from './rules/evaluate.ts'
import { describe, describeFlip, factText, type Names } from './rules/explain.ts'
import { type FieldDef, isLeaf, OPERATORS, type Rule } from './rules/types.ts'
import { validateRule } from './rules/validate.ts'
import type { PolicyTable } from './schema.ts'

type PolicyRow = Selectable<PolicyTable> & { area_name: string; area_path: string }

/** A unit "nearly qualifies" when this many conditions or fewer stand between it and the policy. */
export const NEAR_MISS_MAX = 1

export async function fieldList(db: Kysely<DB>, lang: Locale): Promise<RuleField[]> {
  const fields = await loadFields(db)
  return [...fields.values()].map((f) => ({
    key: f.key,
    label: f.label[lang],
    type: f.type,
    operators: [...OPERATORS[f.type]],
    options: (f.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] })),
    unit: f.unit?.[lang] || null,
    custom: Boolean(f.custom),
  }))
}

/** Area names and park names a set of rules refers to, for explanations. */
export async function namesFor(db: Kysely<DB>, rules: Rule[]): Promise<Names> {
  const areas = new Set<string>()
  const parks = new Set<number>()
  const walk = (r: Rule) => {
    if (isLeaf(r)) {
      const vs = Array.isArray(r.value) ? r.value : [r.value]
      if (r.field === 'area') for (const v of vs) areas.add(String(v))
      if (r.field === 'park') for (const v of vs) if (typeof v === 'number') parks.add(v)
    } else if ('not' in r) walk(r.not)
    else for (const c of 'and' in r ? r.and : r.or) walk(c)
  }
  rules.forEach(walk)
  const names: Names = { areas: {}, parks: {} }
  if (areas.size) {
    for (const a of await db
      .selectFrom('area')
      .select(['code', 'name'])
      .where('code', 'in', [...areas])
      .execute())
      names.areas![a.code] = a.name
  }
  if (parks.size) {
    for (const p of await db
      .selectFrom('park')
      .select(['id', 'name'])
      .where('id', 'in', [...parks])
      .execute())
      names.parks![String(p.id)] = p.name
  }
  return names
}

/** Validates a rule without saving it: the editor's live check and plain-language preview. */
export async function checkRule(ctx: AppContext, rule: unknown, lang: Locale): Promise<RuleCheck> {
  const fields = await loadFields(ctx.db)
  const problems = validateRule(rule, fields, { today: shanghaiDate(ctx.clock.now()) })
  if (problems.length > 0)
    return {
      valid: false,
      problems: problems.map((p) => ({
        code: p.code,
        path: p.path,
        message: formatMessage(p.code, lang, p.params),
      })),
      textZh: null,
      textEn: null,
    }
  const names = await namesFor(ctx.db, [rule as Rule])
  return {
    valid: true,
    problems: [],
    textZh: describe(rule as Rule, fields, 'zh-CN', names),
    textEn: describe(rule as Rule, fields, 'en-US', names),
  }
}

async function assertRule(ctx: AppContext, rule: unknown, fields: Map<string, FieldDef>) {
  const problems = validateRule(rule, fields, { today: shanghaiDate(ctx.clock.now()) })
  const first = problems[0]
  if (first) throw new AppError(first.code, first.params, { path: first.path, problems })
}

function policyQuery(db: Kysely<DB>) {
  return db
    .selectFrom('policy as p')
    .innerJoin('area as a', 'a.code', 'p.area_code')
    .selectAll('p')
    .select(['a.name as area_name', 'a.path as area_path'])
    .where('p.deleted_at', 'is', null)
}

const inEffect = (p: PolicyRow, today: string) =>
  p.status === 'published' && p.valid_from <= today && (p.valid_to === null || p.valid_to >= today)

function toPolicy(
  p: PolicyRow,
  fields: Map<string, FieldDef>,
  names: Names,
  lang: Locale,
  today: string,
): Policy {
  return {
    id: p.id,
    version: p.version,
    areaCode: p.area_code,
    areaName: p.area_name,
    title: p.title,
    issuer: p.issuer,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    benefit: p.benefit,
    documents: p.documents,
    rule: p.rule as Record<string, never>,
    ruleText: describe(p.rule as Rule, fields, lang, names),
    status: p.status,
    inEffect: inEffect(p, today),
  }
}

async function present(ctx: AppContext, rows: PolicyRow[], lang: Locale) {
  const fields = await loadFields(ctx.db)
  const names = await namesFor(
    ctx.db,
    rows.map((r) => r.rule as Rule),
  )
  const today = shanghaiDate(ctx.clock.now())
  return rows.map((r) => toPolicy(r, fields, names, lang, today))
}

export async function savePolicy(
  ctx: AppContext,
  request: FastifyRequest,
  input: PolicyInput,
  lang: Locale,
  id?: number,
): Promise<Policy> {
  if (input.validTo && input.validTo < input.validFrom) throw new AppError('policy_period_invalid')
  const fields = await loadFields(ctx.db)
  await assertRule(ctx, input.rule, fields)
  const values = {
    area_code: input.areaCode,
    title: input.title.trim(),
    issuer: input.issuer.trim(),
    valid_from: input.validFrom,
    valid_to: input.validTo ?? null,
    benefit: input.benefit.trim(),
    documents: input.documents.map((d) => d.trim()),
    rule: JSON.stringify(input.rule),
    status: input.status ?? 'published',
    updated_at: ctx.clock.now(),
  }
  const savedId = await ctx.db.transaction().execute(async (trx) => {
    let savedId = id
    if (id === undefined) {
      savedId = (await trx.insertInto('policy').values(values).returning('id').executeTakeFirstOrThrow()).id
    } else {
      const updated = await trx
        .updateTable('policy')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .where('version', '=', input.version ?? -1)
        .returning('id')
        .executeTakeFirst()
      if (!updated) {
        const current = await trx
          .selectFrom('policy')
          .select('version')
          .where('id', '=', id)
          .executeTakeFirst()
        if (!current) throw new AppError('not_found')
        throw new AppError('version_conflict', { current: current.version })
      }
    }
    await writeAudit(trx, request, {
      action: id ? 'policy.update' : 'policy.create',
      entity: 'policy',
      ids: [savedId!],
    })
    return savedId!
  })
  return getPolicy(ctx, savedId, lang)
}

export async function getPolicy(ctx: AppContext, id: number, lang: Locale): Promise<Policy> {
  const row = await policyQuery(ctx.db).where('p.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return (await present(ctx, [row], lang))[0]!
}

export async function listPolicies(
  ctx: AppContext,
  request: FastifyRequest,
  lang: Locale,
  query: { inEffect?: boolean; q?: string },
): Promise<Policy[]> {
  let q = policyQuery(ctx.db)
  // Drafts are for the staff who write policies; everyone else sees published ones.
  if (request.grantsFor('policy.manage').length === 0) q = q.where('p.status', '=', 'published')
  if (query.q) q = q.where('p.title', 'like', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  const rows = await q.orderBy('p.valid_from', 'desc').orderBy('p.id').limit(1000).execute()
  const today = shanghaiDate(ctx.clock.now())
  const chosen = query.inEffect ? rows.filter((r) => inEffect(r, today)) : rows
  return present(ctx, chosen, lang)
}

/** What one unit may apply for, and what it nearly may — with the missing conditions in plain words. */
export async function unitPolicies(ctx: AppContext, unitId: number, lang: Locale): Promise<UnitPolicies> {
  const [unit] = await loadFacts(ctx.db, { ids: [unitId] })
  if (!unit) throw new AppError('not_found')
  const today = shanghaiDate(ctx.clock.now())
  const rows = (await policyQuery(ctx.db).orderBy('p.id').execute()).filter(
    (p) =>
      inEffect(p, today) &&
      (unit.facts.area === p.area_path || String(unit.facts.area).startsWith(`${p.area_path}/`)),
  )
  const fields = await loadFields(ctx.db)
  const names = await namesFor(
    ctx.db,
    rows.map((r) => r.rule as Rule),
  )
  const result: UnitPolicies = {
    unitId: unit.id,
    unitName: unit.name,
    facts: [...fields.values()].map((f) => ({
      label: f.label[lang],
      value: factText(f, unit.facts, f.key, lang, names),
    })),
    qualified: [],
    nearlyQualified: [],
  }
  for (const p of rows) {
    const missing = whatIsMissing(p.rule as Rule, unit.facts, { today })
    const policy = toPolicy(p, fields, names, lang, today)
    const lines = missing.map((m) => describeFlip(m, fields, unit.facts, lang, names))
    if (missing.length === 0) result.qualified.push({ policy, missing: [] })
    else if (missing.length <= NEAR_MISS_MAX) result.nearlyQualified.push({ policy, missing: lines })
  }
  return result
}

/** Units in the caller's scope (and the policy's area) that qualify or nearly qualify. */
async function matchUnits(ctx: AppContext, request: FastifyRequest, policyId: number) {
  const row = await policyQuery(ctx.db).where('p.id', '=', policyId).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  const filter = await scopeFilter(ctx.db, request, 'policy.manage')
  const units = await loadFacts(ctx.db, { ...filter, within: row.area_path })
  const today = shanghaiDate(ctx.clock.now())
  const rule = row.rule as Rule
  const test = compile(rule, { today })
  const qualified: UnitFacts[] = []
  const near: { unit: UnitFacts; missing: ReturnType<typeof whatIsMissing> }[] = []
  for (const u of units) {
    if (test(u.facts)) qualified.push(u)
    else {
      const missing = whatIsMissing(rule, u.facts, { today })
      if (missing.length <= NEAR_MISS_MAX) near.push({ unit: u, missing })
    }
  }
  return { row, units, qualified, near, today }
}

export async function policyUnits(
  ctx: AppContext,
  request: FastifyRequest,
  policyId: number,
  lang: Locale,
  limit: number,
): Promise<PolicyUnits> {
  const { row, units, qualified, near } = await matchUnits(ctx, request, policyId)
  const fields = await loadFields(ctx.db)
  const names = await namesFor(ctx.db, [row.rule as Rule])
  return {
    qualified: qualified
      .slice(0, limit)
      .map((u) => ({ unitId: u.id, name: u.name, areaName: u.areaName, missing: [] })),
    nearlyQualified: near.slice(0, limit).map((n) => ({
      unitId: n.unit.id,
      name: n.unit.name,
      areaName: n.unit.areaName,
      missing: n.missing.map((m) => describeFlip(m, fields, n.unit.facts, lang, names)),
    })),
    qualifiedCount: qualified.length,
    nearlyQualifiedCount: near.length,
    scanned: units.length,
  }
}

/**
 * Tells the qualifying units (in the caller's scope) about a policy (notifications/flows.ts): every account
 * that acts for a unit gets a notice; units without accounts are listed to their street's staff.
 * policy_notice makes a second "notify" skip units already told.
 */
export async function notifyPolicy(ctx: AppContext, request: FastifyRequest, policyId: number) {
  const { row, qualified, today } = await matchUnits(ctx, request, policyId)
  if (!inEffect(row, today)) throw new AppError('policy_not_in_effect')
  const ids = qualified.map((u) => u.id)
  const now = ctx.clock.now()
  return ctx.db.transaction().execute(async (trx) => {
    const already = new Set(
      ids.length
        ? (
            await trx
              .selectFrom('policy_notice')
              .select('unit_id')
              .where('policy_id', '=', policyId)
              .where('unit_id', 'in', ids)
              .execute()
          ).map((r) => r.unit_id)
        : [],
    )
    const fresh = qualified.filter((u) => !already.has(u.id))
    // One statement for all (a policy may reach thousands of units); the conflict guard covers a racing notify.
    const inserted = fresh.length
      ? await sql<{ unit_id: number }>`
          INSERT INTO policy_notice (policy_id, unit_id, notified_at)
          SELECT ${policyId}::bigint, u, ${now}::timestamptz FROM unnest(${fresh.map((u) => u.id)}::bigint[]) AS u
          ON CONFLICT DO NOTHING RETURNING unit_id`.execute(trx)
      : { rows: [] }
    const got = new Set(inserted.rows.map((r) => Number(r.unit_id)))
    const told = fresh.filter((u) => got.has(u.id))
    const notifications = await noticePolicyMatch(ctx, trx, { ...row, id: policyId }, told, now)
    await writeAudit(trx, request, {
      action: 'policy.notify',
      entity: 'policy',
      ids: [policyId],
      detail: { units: told.length },
    })
    return { units: told.length, notifications, alreadyNotified: qualified.length - told.length }
  })
}

/** Sets custom facts of a unit (营收规模 ...), each checked against its field's type. */
export async function setAttributes(
  ctx: AppContext,
  request: FastifyRequest,
  unitId: number,
  values: Record<string, string | number | boolean | null>,
) {
  const fields = await loadFields(ctx.db)
  for (const [key, v] of Object.entries(values)) {
    const f = fields.get(key)
    if (!f?.custom) throw new AppError('rule_unknown_field', { field: key })
    if (v === null) continue
    const ok =
      f.type === 'number'
        ? typeof v === 'number'
        : f.type === 'boolean'
          ? typeof v === 'boolean'
          : f.type === 'date'
            ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
            : f.type === 'enum'
              ? (f.options ?? []).some((o) => o.value === v)
              : typeof v === 'string'
    if (!ok)
      throw new AppError('attribute_bad_value', {
        field: key,
        expected: f.type === 'enum' ? (f.options ?? []).map((o) => o.value).join(' / ') : f.type,
      })
  }
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    for (const [key, v] of Object.entries(values)) {
      if (v === null) {
        await trx
          .deleteFrom('unit_attribute')
          .where('unit_id', '=', unitId)
          .where('field_key', '=', key)
          .execute()
        continue
      }
      await trx
        .insertInto('unit_attribute')
        .values({ unit_id: unitId, field_key: key, value: JSON.stringify(v), updated_at: now })
        .onConflict((oc) =>
          oc.columns(['unit_id', 'field_key']).doUpdateSet({ value: JSON.stringify(v), updated_at: now }),
        )
        .execute()
    }
    await writeAudit(trx, request, {
      action: 'unit.attributes',
      entity: 'unit',
      ids: [unitId],
      detail: values,
    })
  })
}
