import { PassThrough } from 'node:stream'
import type { ExportList } from '@tongxin/contracts'
import ExcelJS from 'exceljs'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { maskIdNumber } from '../../lib/ids.ts'
import { maskPhone } from '../../lib/mask.ts'
import { roleHas } from '../../lib/permissions.ts'
import { decryptPii } from '../../lib/pii.ts'
import { type Visibility, visibilityOf } from '../../lib/visibility.ts'
import { coverageFigures, inCoverageScope, resolveCoverageScope } from '../coverage/service.ts'
import { buildingsPage, orgsPage, peoplePage, unitsPage } from '../registry/export.ts'
import { KIND_SPECS, labelOf, MEMBER_STATUS_LABELS, ORG_TYPE_LABELS, UNIT_KIND_LABELS } from './columns.ts'

/** Rows per page read from the database; the workbook is written as each page arrives. */
const PAGE = 1_000
const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否')
type Cell = string | number | null
const ids = (xs: Array<number | null>) => [...new Set(xs.filter((x): x is number => x !== null))]

/** A sheet written row by row into a streamed workbook, headed like the import template of the same kind. */
export function streamedBook(out: PassThrough) {
  return new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
}

export function addSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: Array<{ header: string; width?: number }>,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 14 }))
  ws.getRow(1).font = { bold: true }
  ws.getRow(1).commit()
  return ws
}

/** Keyset pages from a list query until a short page. */
async function* pages<R extends { id: number }>(fetch: (afterId: number | undefined) => Promise<R[]>) {
  let after: number | undefined
  for (;;) {
    const rows = await fetch(after)
    if (rows.length > 0) yield rows
    if (rows.length < PAGE) return
    after = rows.at(-1)!.id
  }
}

async function writeList(
  ctx: AppContext,
  request: FastifyRequest,
  list: ExportList,
  v: Visibility,
  unmasked: boolean,
  ws: ExcelJS.Worksheet,
) {
  const db = ctx.db
  const add = (cells: Cell[]) => ws.addRow(cells).commit()
  if (list === 'buildings') {
    for await (const rows of pages((afterId) => buildingsPage(db, v, afterId, PAGE)))
      for (const b of rows)
        add([
          b.name,
          b.address,
          b.area_code,
          b.floors,
          yesNo(b.in_use),
          b.property_company,
          b.owner,
          b.lat,
          b.lng,
          b.park_name,
        ])
  } else if (list === 'units') {
    for await (const rows of pages((afterId) => unitsPage(db, v, afterId, PAGE))) {
      const buildingIds = ids(rows.map((u) => u.building_id))
      const addresses = new Map(
        buildingIds.length
          ? (
              await db
                .selectFrom('building')
                .select(['id', 'address'])
                .where('id', 'in', buildingIds)
                .execute()
            ).map((b) => [b.id, b.address])
          : [],
      )
      for (const u of rows)
        add([
          u.uscc,
          u.name,
          labelOf(UNIT_KIND_LABELS, u.kind),
          u.industry,
          u.employees,
          u.building_name,
          u.building_id ? (addresses.get(u.building_id) ?? null) : null,
          u.area_code,
          u.floor_from,
          u.floor_to,
          u.settled_on,
          u.left_on,
          yesNo(u.instructor_sent),
        ])
    }
  } else if (list === 'party_orgs') {
    for await (const rows of pages((afterId) => orgsPage(db, v, afterId, PAGE))) {
      const covered = await sql<{
        party_org_id: number
        uscc: string | null
        name: string | null
        address: string | null
      }>`
        SELECT c.party_org_id, u.uscc, b.name, b.address
          FROM party_org_coverage c LEFT JOIN unit u ON u.id = c.unit_id LEFT JOIN building b ON b.id = c.building_id
         WHERE c.party_org_id = ANY(${rows.map((o) => o.id)}::bigint[]) ORDER BY c.id`.execute(db)
      for (const o of rows) {
        const mine = covered.rows.filter((c) => Number(c.party_org_id) === o.id)
        add([
          o.name,
          labelOf(ORG_TYPE_LABELS, o.type),
          o.parent_name,
          o.area_code,
          o.established_on,
          yesNo(o.has_committee),
          mine
            .filter((c) => c.uscc)
            .map((c) => c.uscc)
            .join('；'),
          mine
            .filter((c) => c.name)
            .map((c) => `${c.name}@${c.address}`)
            .join('；'),
        ])
      }
    }
  } else {
    for await (const rows of pages((afterId) => peoplePage(db, v, afterId, PAGE))) {
      // Which people left in the file, page by page, like any other read of personal data.
      await writeAudit(db, request, {
        action: 'person.list',
        entity: 'person',
        ids: rows.map((p) => p.id),
        detail: { via: 'export.people', unmasked },
      })
      const unitIds = ids(rows.map((p) => p.unit_id))
      const codes = new Map(
        unitIds.length
          ? (await db.selectFrom('unit').select(['id', 'uscc']).where('id', 'in', unitIds).execute()).map(
              (u) => [u.id, u.uscc],
            )
          : [],
      )
      for (const p of rows) {
        const idNumber = p.id_number_enc ? decryptPii(ctx.secret, p.id_number_enc) : null
        add([
          p.name,
          unmasked ? idNumber : maskIdNumber(idNumber),
          unmasked ? p.phone : maskPhone(p.phone),
          p.education,
          p.unit_id ? (codes.get(p.unit_id) ?? null) : null,
          p.party_org_name,
          p.status ? labelOf(MEMBER_STATUS_LABELS, p.status) : null,
          p.joined_on,
          yesNo(p.relation_transferred),
          yesNo(p.floating),
        ])
      }
    }
  }
}

const SPEC_OF: Record<ExportList, keyof typeof KIND_SPECS> = {
  buildings: 'buildings',
  units: 'units',
  party_orgs: 'party_orgs',
  people: 'members',
}

/**
 * A registry list as a workbook shaped like the import template of the same kind (same sheet name and
 * headers), so an export can be corrected and imported again. Rows are the caller's list rows (same
 * visibility and area filter as the list page), read in keyset pages and streamed out. ID numbers and phones
 * are shown in full only when every grant through which the caller sees people also allows personal data.
 * The export itself is audited before the first byte leaves.
 */
export async function exportList(
  ctx: AppContext,
  request: FastifyRequest,
  list: ExportList,
  area: string | undefined,
): Promise<PassThrough> {
  const v = await visibilityOf(ctx.db, request, 'registry.read', area)
  const grants = request.grantsFor('registry.read')
  const unmasked =
    list === 'people' && grants.length > 0 && grants.every((g) => roleHas(g.role, 'person.pii'))
  await writeAudit(ctx.db, request, {
    action: `export.${list}`,
    entity: list,
    detail: { area: area ?? null, ...(list === 'people' ? { unmasked } : {}) },
  })
  const spec = KIND_SPECS[SPEC_OF[list]]
  const out = new PassThrough()
  const wb = streamedBook(out)
  const ws = addSheet(wb, spec.sheet, spec.columns)
  writeList(ctx, request, list, v, unmasked, ws)
    .then(async () => {
      ws.commit()
      await wb.commit()
    })
    .catch((err) => {
      request.log.error({ err }, 'export failed')
      out.destroy(err)
    })
  return out
}

const CATEGORY_LABELS: Record<string, string> = {
  own: '单独组建',
  joint: '联合组建',
  should_have: '应建未建',
  only_members: '仅有党员',
  no_members: '无党员',
}

const STATION_KIND_LABELS: Record<string, string> = {
  service_station: '党建服务站',
  micro_home: '党建微家',
  center: '党群服务中心',
  life_station: '生活驿站',
}

/** The 党统 coverage report: the figures, then every unit in scope with its coverage category. */
export async function exportCoverage(ctx: AppContext, request: FastifyRequest, area: string | undefined) {
  const f = await coverageFigures(ctx, { area })
  const { scope } = await resolveCoverageScope(ctx, { area })
  await writeAudit(ctx.db, request, {
    action: 'export.coverage',
    entity: 'coverage',
    detail: { area: area ?? null },
  })
  const out = new PassThrough()
  const wb = streamedBook(out)
  const figures = addSheet(wb, '覆盖统计', [
    { header: '指标', width: 26 },
    { header: '数值', width: 16 },
    { header: 'Figure', width: 30 },
  ])
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`
  const lines: Array<[string, Cell, string]> = [
    ['统计范围', f.scope.name, 'Scope'],
    ['统计日期', f.asOf, 'As of'],
    ['楼宇总数', f.buildings, 'Buildings'],
    ['纳入统计楼宇（6层以上在用）', f.buildingsInScope, 'Buildings in census scope'],
    ['有楼长的楼宇', f.buildingsWithChief, 'Buildings with a chief'],
    ['楼长覆盖率', pct(f.chiefCoverageRate), 'Chief coverage rate'],
    ['整楼或联建党组织覆盖的楼宇', f.buildingsWholeCovered, 'Buildings covered whole by an organisation'],
    ['党建工作站（阵地）', f.stations, 'Stations'],
    ...Object.entries(f.stationsByKind).map(
      ([k, n]) => [`其中${STATION_KIND_LABELS[k] ?? k}`, n, `  of which ${k}`] as [string, Cell, string],
    ),
    ...(f.subAreas
      ? ([
          ['下辖村委会', f.subAreas.villages, 'Villages under the area'],
          ['下辖居委会', f.subAreas.communities, 'Residential committees under the area'],
        ] as Array<[string, Cell, string]>)
      : []),
    ['单位总数', f.units, 'Units'],
    ['在营单位', f.operatingUnits, 'Operating units'],
    ...Object.entries(f.unitsByKind).map(
      ([k, n]) => [`其中${labelOf(UNIT_KIND_LABELS, k)}`, n, `  of which ${k}`] as [string, Cell, string],
    ),
    ['从业人员', f.employees, 'Employees'],
    ['党员', f.members, 'Members'],
    ['正式党员', f.formalMembers, 'Formal members'],
    ['预备党员', f.probationaryMembers, 'Probationary members'],
    ['35岁以下党员', f.membersUnder35, 'Members under 35'],
    ['35岁以下占比', pct(f.under35Share), 'Share under 35'],
    ['组织关系未转入', f.notTransferred, 'Relation not transferred'],
    ['选派党建指导员（工作覆盖）', f.instructorSent, 'Instructor sent'],
    ...Object.entries(f.categories).map(
      ([k, n]) => [CATEGORY_LABELS[k] ?? k, n, `Category ${k}`] as [string, Cell, string],
    ),
    ['组织覆盖率', pct(f.orgCoverageRate), 'Organisation coverage rate'],
    ['单独组建率', pct(f.ownOrgRate), 'Own-organisation rate'],
  ]
  for (const line of lines) figures.addRow(line).commit()
  figures.commit()
  const units = addSheet(wb, '单位覆盖分类', [
    { header: '统一社会信用代码', width: 22 },
    { header: '单位名称', width: 30 },
    { header: '所在楼宇名称', width: 24 },
    { header: '单位类型', width: 12 },
    { header: '正式党员', width: 9 },
    { header: '预备党员', width: 9 },
    { header: '覆盖类别', width: 12 },
    { header: '是否选派党建指导员', width: 12 },
  ])
  const where = inCoverageScope(scope, sql`s.area_code`, sql`s.building_id`)
  const write = async () => {
    for await (const rows of pages(async (afterId) => {
      const r = await sql<{
        id: number
        uscc: string
        name: string
        building: string | null
        kind: string
        formal: number
        probationary: number
        category: string | null
        instructor_sent: boolean
      }>`
        SELECT s.unit_id AS id, u.uscc, u.name, b.name AS building, u.kind, s.formal, s.probationary, s.category,
               s.instructor_sent
          FROM unit_stat s JOIN unit u ON u.id = s.unit_id LEFT JOIN building b ON b.id = u.building_id
         WHERE ${where} AND s.unit_id > ${afterId ?? 0}
         ORDER BY s.unit_id LIMIT ${PAGE}`.execute(ctx.db)
      return r.rows.map((row) => ({ ...row, id: Number(row.id) }))
    }))
      for (const u of rows)
        units
          .addRow([
            u.uscc,
            u.name,
            u.building,
            labelOf(UNIT_KIND_LABELS, u.kind),
            u.formal,
            u.probationary,
            u.category ? (CATEGORY_LABELS[u.category] ?? u.category) : '已迁出',
            yesNo(u.instructor_sent),
          ])
          .commit()
    units.commit()
    await wb.commit()
  }
  write().catch((err) => {
    request.log.error({ err }, 'coverage export failed')
    out.destroy(err)
  })
  return out
}
