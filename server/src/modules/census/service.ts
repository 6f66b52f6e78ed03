import type { Completeness, CoverageFigures, Snapshot } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { coverageFigures, resolveCoverageScope } from '../coverage/service.ts'
import { completenessOf } from '../registry/buildings.service.ts'
import { checksByBuilding, withFreshness } from './freshness.service.ts'
import { censusRows } from './repository.ts'

export async function completenessPage(
  ctx: AppContext,
  query: { area?: string; cursor?: string; limit?: number },
  locale: Locale = 'zh-CN',
) {
  const { scope } = await resolveCoverageScope(ctx, { area: query.area })
  const path = scope.kind === 'area' && scope.path.includes('/') ? scope.path : null
  const limit = query.limit ?? 50
  const afterId = query.cursor ? decodeCursor(query.cursor, (v): v is number => Number.isInteger(v)) : 0
  const rows = await censusRows(ctx.db, path, afterId, limit + 1)
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
  const checks = await checksByBuilding(
    ctx,
    page.map((r) => r.id),
  )
  const items: Completeness[] = page.map((r) => {
    const parts = completenessOf(
      { propertyCompany: r.property_company, owner: r.owner, lat: r.lat, lng: r.lng },
      r,
      locale,
    ).map((i) => withFreshness(ctx, i, checks.get(r.id)?.get(i.key), locale))
    return { buildingId: r.id, name: r.name, score: parts.filter((i) => i.ok).length, items: parts }
  })
  return { items, nextCursor }
}

const toSnapshot = (r: {
  id: number
  area_code: string
  taken_on: string
  label: string | null
  figures: unknown
}): Snapshot => ({
  id: r.id,
  areaCode: r.area_code,
  takenOn: r.taken_on,
  label: r.label,
  figures: r.figures as CoverageFigures,
})

/** Freezes an area's figures as of today, so later reports can show the change. */
export async function takeSnapshot(
  ctx: AppContext,
  request: FastifyRequest,
  area: string,
  label: string | null,
) {
  const figures = await coverageFigures(ctx, { area })
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('census_snapshot')
      .values({
        area_code: area,
        taken_on: shanghaiDate(ctx.clock.now()),
        label,
        figures: JSON.stringify(figures),
        account_id: request.principal!.accountId,
      })
      .returning(['id', 'area_code', 'taken_on', 'label', 'figures'])
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, {
      action: 'census.snapshot',
      entity: 'census_snapshot',
      ids: [row.id],
      detail: { area },
    })
    return toSnapshot(row)
  })
}

export async function listSnapshots(ctx: AppContext, area: string) {
  const rows = await ctx.db
    .selectFrom('census_snapshot')
    .select(['id', 'area_code', 'taken_on', 'label', 'figures'])
    .where('area_code', '=', area)
    .orderBy('taken_on')
    .orderBy('id')
    .execute()
  return rows.map(toSnapshot)
}

const NUMERIC_KEYS = [
  'buildings',
  'buildingsInScope',
  'buildingsWithChief',
  'units',
  'operatingUnits',
  'members',
  'formalMembers',
  'probationaryMembers',
  'membersUnder35',
  'notTransferred',
  'instructorSent',
  'orgCoverageRate',
  'ownOrgRate',
  'chiefCoverageRate',
  'under35Share',
] as const

/** The change of every figure between two snapshots of the same area (or a snapshot and now). */
export async function compareSnapshots(ctx: AppContext, fromId: number, toId: number | null) {
  const load = async (id: number) => {
    const row = await ctx.db
      .selectFrom('census_snapshot')
      .select(['id', 'area_code', 'taken_on', 'label', 'figures'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) throw new AppError('not_found')
    return toSnapshot(row)
  }
  const from = await load(fromId)
  const toFigures =
    toId === null ? await coverageFigures(ctx, { area: from.areaCode }) : (await load(toId)).figures
  const to = toId === null ? null : await load(toId)
  if (to && to.areaCode !== from.areaCode)
    throw new AppError('bad_request', { reason: 'snapshots of different areas' })
  const rows = [
    ...NUMERIC_KEYS.map((key) => ({ key, from: from.figures[key], to: toFigures[key] })),
    ...(['own', 'joint', 'should_have', 'only_members', 'no_members'] as const).map((c) => ({
      key: `category.${c}`,
      from: from.figures.categories[c],
      to: toFigures.categories[c],
    })),
  ]
  return {
    areaCode: from.areaCode,
    from: { id: from.id, takenOn: from.takenOn },
    to: to ? { id: to.id, takenOn: to.takenOn } : { id: null, takenOn: toFigures.asOf },
    changes: rows.map((r) => ({ ...r, delta: Math.round((r.to - r.from) * 10_000) / 10_000 })),
  }
}
