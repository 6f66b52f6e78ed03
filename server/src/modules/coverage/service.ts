import type { CoverageFigures, FigureKey } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { RawBuilder } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { type DrillRowRaw, drillRows } from './drill.repository.ts'
import {
  buildingFigures,
  type CoverageScope,
  memberFigures,
  scopeFilter,
  stationFigures,
  subAreaFigures,
  unitFigures,
  wholeCoveredCount,
} from './figures.repository.ts'

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000)

/**
 * The day someone born after it is under 35 on `today` (both YYYY-MM-DD in Shanghai time). On 29 February the
 * same day 35 years back may not exist: whoever was born on the 28th has turned 35, so the 28th is the cut-off.
 */
export function under35Cutoff(today: string): string {
  const [y, m, d] = today.split('-')
  const year = Number(y) - 35
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return m === '02' && d === '29' && !leap ? `${year}-02-28` : `${year}-${m}-${d}`
}

export async function resolveCoverageScope(
  ctx: AppContext,
  query: { area?: string; building?: number; park?: number },
): Promise<{ scope: CoverageScope; name: string; id: string }> {
  if (query.park) {
    const p = await ctx.db
      .selectFrom('park')
      .select(['id', 'name'])
      .where('id', '=', query.park)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!p) throw new AppError('not_found')
    return { scope: { kind: 'park', id: p.id }, name: p.name, id: String(p.id) }
  }
  if (query.building) {
    const b = await ctx.db
      .selectFrom('building')
      .select(['id', 'name'])
      .where('id', '=', query.building)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!b) throw new AppError('not_found')
    return { scope: { kind: 'building', id: b.id }, name: b.name, id: String(b.id) }
  }
  const code = query.area ?? '310000'
  const area = await ctx.db
    .selectFrom('area')
    .select(['path', 'name'])
    .where('code', '=', code)
    .executeTakeFirst()
  if (!area) throw new AppError('unknown_area', { code })
  return { scope: { kind: 'area', path: area.path, code }, name: area.name, id: code }
}

/** The 党统 figures, computed from the rows at the moment of asking. */
export async function coverageFigures(
  ctx: AppContext,
  query: { area?: string; building?: number },
): Promise<CoverageFigures> {
  const { scope, name, id } = await resolveCoverageScope(ctx, query)
  const today = shanghaiDate(ctx.clock.now())
  const [units, members, buildings, wholeCovered, stations, subAreas] = await Promise.all([
    unitFigures(ctx.db, scope),
    memberFigures(ctx.db, scope, under35Cutoff(today)),
    buildingFigures(ctx.db, scope),
    wholeCoveredCount(ctx.db, scope),
    stationFigures(ctx.db, scope),
    subAreaFigures(ctx.db, scope),
  ])
  const n = (v: unknown) => Number(v ?? 0)
  const operating = n(units.operating)
  const categories = {
    own: n(units.own),
    joint: n(units.joint),
    should_have: n(units.should_have),
    only_members: n(units.only_members),
    no_members: n(units.no_members),
  }
  return {
    scope: { kind: scope.kind, id, name },
    asOf: today,
    buildings: n(buildings.buildings),
    buildingsInScope: n(buildings.in_scope),
    buildingsWithChief: n(buildings.with_chief),
    chiefCoverageRate: rate(n(buildings.with_chief), n(buildings.in_scope)),
    buildingsWholeCovered: wholeCovered,
    stations: Object.values(stations).reduce((a, b) => a + b, 0),
    stationsByKind: {
      service_station: stations.service_station ?? 0,
      micro_home: stations.micro_home ?? 0,
      center: stations.center ?? 0,
      life_station: stations.life_station ?? 0,
    },
    subAreas,
    units: n(units.units),
    operatingUnits: operating,
    unitsByKind: {
      private: n(units.private),
      foreign: n(units.foreign),
      state: n(units.state),
      social_org: n(units.social_org),
      agency: n(units.agency),
    },
    employees: n(units.employees),
    members: n(members.members),
    formalMembers: n(members.formal),
    probationaryMembers: n(members.probationary),
    membersUnder35: n(members.under35),
    under35Share: rate(n(members.under35), n(members.members)),
    notTransferred: n(members.not_transferred),
    instructorSent: n(units.instructor),
    categories,
    orgCoverageRate: rate(categories.own + categories.joint, operating),
    ownOrgRate: rate(categories.own, operating),
  }
}

const STATION_KINDS: Record<string, Record<Locale, string>> = {
  service_station: { 'zh-CN': '党建服务站', 'en-US': 'Party service station' },
  micro_home: { 'zh-CN': '党建微家', 'en-US': 'Party micro-home' },
  center: { 'zh-CN': '党群服务中心', 'en-US': 'Party & community centre' },
  life_station: { 'zh-CN': '生活驿站', 'en-US': 'Life station' },
}

function detailLine(r: DrillRowRaw, locale: Locale): string {
  const f = r.facts
  const zh = locale === 'zh-CN'
  if (r.entity === 'building')
    return zh ? `${f.address} · ${f.floors}层` : `${f.address} · ${f.floors} floors`
  if (r.entity === 'station')
    return [STATION_KINDS[f.kind ?? '']?.[locale], f.building].filter(Boolean).join(' · ')
  if (r.entity === 'unit') {
    const counts = zh
      ? `正式党员 ${f.formal} · 预备党员 ${f.probationary}`
      : `${f.formal} formal · ${f.probationary} probationary members`
    return f.building ? `${f.building} · ${counts}` : counts
  }
  return [f.unit, f.org].filter(Boolean).join(' · ')
}

export async function drillDown(
  ctx: AppContext,
  request: FastifyRequest,
  query: {
    area?: string
    building?: number
    park?: number
    figure: FigureKey
    cursor?: string
    limit?: number
  },
  locale: Locale = 'zh-CN',
) {
  const { scope } = await resolveCoverageScope(ctx, query)
  const limit = query.limit ?? 50
  const afterId = query.cursor ? decodeCursor(query.cursor, (v): v is number => Number.isInteger(v)) : 0
  const rows = await drillRows(
    ctx.db,
    scope,
    query.figure,
    under35Cutoff(shanghaiDate(ctx.clock.now())),
    afterId,
    limit + 1,
  )
  const page = rows
    .slice(0, limit)
    .map((r) => ({ entity: r.entity, id: Number(r.id), name: r.name, detail: detailLine(r, locale) }))
  // The member figures list people by name, unit and organisation: a read of personal data like the registry's.
  const people = page.filter((r) => r.entity === 'person').map((r) => r.id)
  if (people.length > 0) {
    await writeAudit(ctx.db, request, {
      action: 'person.list',
      entity: 'person',
      ids: people,
      detail: { via: 'coverage.rows', ...query, limit },
    })
  }
  return { items: page, nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null }
}

/**
 * A SQL condition keeping rows inside a coverage scope, given the expressions of their area code and building
 * id: for other modules' reports drawn by the same scope as the figures (imports/exports.ts).
 */
export function inCoverageScope(
  scope: CoverageScope,
  areaColumn: RawBuilder<unknown>,
  buildingColumn: RawBuilder<unknown>,
) {
  return scopeFilter(scope, areaColumn, buildingColumn)
}
