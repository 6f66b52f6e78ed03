import {
  GAP_RULES,
  type Gap,
  type GapCounts,
  type GapRule,
  type JointBranchProposal,
} from '@tongxin/contracts'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import type { Locale } from '../../lib/messages.ts'
import { GAP_TEXT } from './gap-text.ts'
import { gapCount, gapRows, smallUnits } from './gaps.repository.ts'
import { proposeJointBranches } from './proposals.ts'
import { resolveCoverageScope } from './service.ts'

const ENTITY: Record<GapRule, Gap['entity']> = {
  unit_should_have_branch: 'unit',
  unit_needs_joint_branch: 'unit',
  joint_branch_too_many_units: 'party_org',
  branch_too_many_members: 'party_org',
  branch_needs_committee: 'party_org',
  building_without_chief: 'building',
  building_without_org: 'building',
  member_not_transferred: 'person',
  meeting_overdue: 'party_org',
}

async function areaPath(ctx: AppContext, area?: string): Promise<string | null> {
  const { scope } = await resolveCoverageScope(ctx, { area })
  return scope.kind === 'area' && scope.path.includes('/') ? scope.path : null
}

/**
 * Every departure from the rules in an area, rule by rule; the cursor is (rule, last id) so paging walks
 * the rules in order without offsets.
 */
export async function listGaps(
  ctx: AppContext,
  locale: Locale,
  query: { area?: string; rule?: GapRule; cursor?: string; limit?: number },
) {
  const path = await areaPath(ctx, query.area)
  const limit = query.limit ?? 50
  const rules = query.rule ? [query.rule] : [...GAP_RULES]
  let [ruleIndex, afterId] = query.cursor
    ? decodeCursor(
        query.cursor,
        (v): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(Number.isInteger),
      )
    : [0, 0]
  const items: Gap[] = []
  while (ruleIndex < rules.length && items.length < limit) {
    const rule = rules[ruleIndex]!
    const need = limit - items.length
    const rows = await gapRows(ctx.db, rule, path, afterId, need + 1, shanghaiDate(ctx.clock.now()))
    for (const r of rows.slice(0, need)) {
      items.push({
        rule,
        ruleText: GAP_TEXT[rule].rule[locale],
        entity: ENTITY[rule],
        id: Number(r.id),
        name: r.name,
        areaCode: r.area_code,
        facts: r.facts,
        action: GAP_TEXT[rule].action(r.facts)[locale],
      })
    }
    if (rows.length > need) return { items, nextCursor: encodeCursor([ruleIndex, items.at(-1)!.id]) }
    ruleIndex++
    afterId = 0
  }
  return { items, nextCursor: ruleIndex < rules.length ? encodeCursor([ruleIndex, 0]) : null }
}

/** Each rule's departures in the area: `gapCount` runs the list's own query, so the two cannot disagree. */
export async function countGaps(ctx: AppContext, query: { area?: string }): Promise<GapCounts> {
  const path = await areaPath(ctx, query.area)
  const today = shanghaiDate(ctx.clock.now())
  const rules: GapCounts['rules'] = []
  // One rule at a time: each is a scan of its own tables, and the pool is shared with the list.
  for (const rule of GAP_RULES) rules.push({ rule, count: await gapCount(ctx.db, rule, path, today) })
  return { total: rules.reduce((sum, r) => sum + r.count, 0), rules }
}

const BASIS_TEXT = {
  building: { 'zh-CN': '同楼宇', 'en-US': 'same building' },
  trade: { 'zh-CN': '同街道同行业', 'en-US': 'same trade in the street' },
  street: { 'zh-CN': '同街道相邻', 'en-US': 'neighbours in the street' },
} as const

export async function jointBranchProposals(ctx: AppContext, locale: Locale, area?: string) {
  const path = await areaPath(ctx, area)
  const { proposals, unplaced } = proposeJointBranches(await smallUnits(ctx.db, path))
  const items: JointBranchProposal[] = proposals.map((p) => {
    const where = p.buildingName ?? (p.industry ? `${p.industry}` : p.areaCode)
    const reason =
      locale === 'zh-CN'
        ? `${BASIS_TEXT[p.basis][locale]}（${where}）的 ${p.units.length} 家单位，共有党员 ${p.members} 名，符合联合党支部不超过 5 个单位、党员不少于 3 名的要求`
        : `${p.units.length} units of the ${BASIS_TEXT[p.basis][locale]} (${where}) with ${p.members} members in all: within 5 units and at least 3 members`
    return {
      buildingId: p.buildingId,
      buildingName: p.buildingName,
      units: p.units.map((u) => ({ id: u.id, name: u.name, members: u.members, industry: u.industry })),
      members: p.members,
      reason,
    }
  })
  return { items, unplaced: unplaced.map((u) => ({ id: u.id, name: u.name, members: u.members })) }
}

/** How many gaps of one rule lie in an area (path; null: the whole city) on a day: for the workbench. */
export async function gapsInArea(
  db: Kysely<DB>,
  rule: GapRule,
  path: string | null,
  today: string,
): Promise<number> {
  return gapCount(db, rule, path, today)
}
