import type { MeetingKind, MeetingRule, MeetingRuleInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import type { RuleFacts } from './compliance.ts'

export async function listKinds(db: Kysely<DB>): Promise<MeetingKind[]> {
  const rows = await db
    .selectFrom('orglife_meeting_kind')
    .selectAll()
    .orderBy('sort')
    .orderBy('code')
    .execute()
  return rows.map((k) => ({ code: k.code, name: k.name, nameEn: k.name_en, sort: k.sort, active: k.active }))
}

export async function listRules(db: Kysely<DB>): Promise<MeetingRule[]> {
  const rows = await db.selectFrom('orglife_rule').selectAll().orderBy('sort').orderBy('code').execute()
  return rows.map((r) => ({
    code: r.code,
    kindCode: r.kind_code,
    name: r.name,
    nameEn: r.name_en,
    period: r.period,
    minCount: r.min_count,
    appliesTo: r.applies_to,
    bySecretary: r.by_secretary,
    orgTypes: r.org_types as MeetingRule['orgTypes'],
    sort: r.sort,
    active: r.active,
    version: r.version,
  }))
}

export const ruleFacts = (r: MeetingRule): RuleFacts => ({
  code: r.code,
  kindCode: r.kindCode,
  period: r.period,
  minCount: r.minCount,
  appliesTo: r.appliesTo,
  bySecretary: r.bySecretary,
  orgTypes: r.orgTypes,
  active: r.active,
})

async function assertKind(db: Kysely<DB>, code: string) {
  const k = await db
    .selectFrom('orglife_meeting_kind')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst()
  if (!k) throw new AppError('orglife_rule_kind_unknown', { code })
}

const columns = (input: MeetingRuleInput) => ({
  kind_code: input.kindCode,
  name: input.name.trim(),
  name_en: input.nameEn.trim(),
  period: input.period,
  min_count: input.minCount,
  applies_to: input.appliesTo,
  by_secretary: input.bySecretary,
  org_types: input.orgTypes,
  sort: input.sort ?? 100,
  active: input.active,
})

/**
 * A new or changed rule: every organisation's figures are recomputed in the same transaction (the rule
 * trigger of migration 0021), so the street's figures follow at once.
 */
export async function createRule(
  ctx: AppContext,
  request: FastifyRequest,
  input: MeetingRuleInput & { code: string },
) {
  await assertKind(ctx.db, input.kindCode)
  const taken = await ctx.db
    .selectFrom('orglife_rule')
    .select('code')
    .where('code', '=', input.code)
    .executeTakeFirst()
  if (taken) throw new AppError('orglife_rule_code_taken', { code: input.code })
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('orglife_rule')
      .values({ code: input.code, ...columns(input), updated_at: ctx.clock.now() })
      .execute()
    await writeAudit(trx, request, {
      action: 'orglife.rule.create',
      entity: 'orglife_rule',
      ids: [input.code],
    })
  })
  return (await listRules(ctx.db)).find((r) => r.code === input.code)!
}

export async function updateRule(
  ctx: AppContext,
  request: FastifyRequest,
  code: string,
  input: MeetingRuleInput & { version: number },
) {
  await assertKind(ctx.db, input.kindCode)
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('orglife_rule')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst()
    if (!before) throw new AppError('not_found')
    const res = await trx
      .updateTable('orglife_rule')
      .set((eb) => ({ ...columns(input), version: eb('version', '+', 1), updated_at: ctx.clock.now() }))
      .where('code', '=', code)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict', { current: before.version })
    await writeAudit(trx, request, {
      action: 'orglife.rule.update',
      entity: 'orglife_rule',
      ids: [code],
      detail: { before: { ...before, updated_at: undefined } },
    })
  })
  return (await listRules(ctx.db)).find((r) => r.code === code)!
}
