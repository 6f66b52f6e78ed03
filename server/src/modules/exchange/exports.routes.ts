import { ErrorBody } from '@tongxin/contracts'
import JSZip from 'jszip'
import { sql } from 'kysely'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { inAreas } from '../../lib/visibility.ts'
import { registerOfferingsWorkbook } from './lists.workbook.ts'
import { type NeedState, openStatus } from './workflow.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

/** RFC 4180: quote a field when it holds a comma, quote or line break. */
const csvField = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}
const csv = (header: string[], rows: unknown[][]) =>
  `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`

const Open311Request = Type.Object({
  service_request_id: Type.String(),
  status: Type.Enum(['open', 'closed']),
  status_notes: Type.Union([Type.String(), Type.Null()]),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String(),
  agency_responsible: Type.Union([Type.String(), Type.Null()]),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  long: Type.Union([Type.Number(), Type.Null()]),
})

/**
 * Read-only exports in open formats: needs as Open311 GeoReport v2 `requests.json` (no personal data: no
 * requester, no contact), and the three lists as an HSDS-style CSV package.
 */
export default async function exportRoutes(app: TypedApp, ctx: AppContext) {
  registerOfferingsWorkbook(app, ctx)
  app.get(
    '/api/open311/v2/requests.json',
    {
      config: { access: { permission: 'need.manage' } },
      schema: {
        tags: ['exchange'],
        summary: 'Open311 GeoReport v2 requests (read-only)',
        querystring: Type.Object(
          {
            service_code: Type.Optional(Type.String({ maxLength: 42 })),
            status: Type.Optional(Type.Enum(['open', 'closed'])),
            start_date: Type.Optional(Type.String({ format: 'date-time' })),
            end_date: Type.Optional(Type.String({ format: 'date-time' })),
            area: Type.Optional(Type.String({ maxLength: 12 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Open311Request), ...errors },
      },
    },
    async (request) => {
      const q = request.query
      const grants = request.grantsFor('need.manage')
      let codes: string[] = []
      if (q.area) {
        if (!(await request.can('need.manage', { type: 'area', id: q.area })))
          throw new AppError('forbidden_scope')
        codes = [q.area]
      } else if (!grants.some((g) => g.scope_type === 'city'))
        codes = grants.map((g) => g.area_code!).filter(Boolean)
      const paths = codes.length
        ? (await ctx.db.selectFrom('area').select('path').where('code', 'in', codes).execute()).map(
            (r) => r.path,
          )
        : []
      let query = ctx.db
        .selectFrom('need as n')
        .innerJoin('service_category as c', 'c.code', 'n.category_code')
        .leftJoin('unit as p', 'p.id', 'n.provider_unit_id')
        .leftJoin('building as b', 'b.id', 'n.building_id')
        .select([
          'n.id',
          'n.state',
          'c.name_zh',
          'n.category_code',
          'n.description',
          'p.name as provider',
          'n.submitted_at',
          'n.updated_at',
          'n.first_response_due_at',
          'n.resolution_due_at',
          'n.address',
          'b.address as building_address',
          'n.lat',
          'n.lng',
          sql<
            string | null
          >`(SELECT note FROM need_event e WHERE e.need_id = n.id ORDER BY e.id DESC LIMIT 1)`.as('note'),
        ])
        .orderBy('n.id', 'desc')
        .limit(1000)
      if (paths.length) query = query.where(() => inAreas('n.area_code', paths))
      if (q.service_code) query = query.where('n.category_code', '=', q.service_code)
      if (q.status === 'open') query = query.where('n.state', 'not in', ['closed', 'rejected', 'duplicate'])
      if (q.status === 'closed') query = query.where('n.state', 'in', ['closed', 'rejected', 'duplicate'])
      if (q.start_date) query = query.where('n.submitted_at', '>=', new Date(q.start_date))
      if (q.end_date) query = query.where('n.submitted_at', '<=', new Date(q.end_date))
      const rows = await query.execute()
      return rows.map((r) => {
        const state = r.state as NeedState
        const waitingForAnswer = state === 'submitted' || state === 'reopened'
        return {
          service_request_id: String(r.id),
          status: openStatus(state),
          status_notes: r.note,
          service_name: r.name_zh,
          service_code: r.category_code,
          description: r.description,
          agency_responsible: r.provider,
          requested_datetime: r.submitted_at.toISOString(),
          updated_datetime: r.updated_at.toISOString(),
          expected_datetime: (waitingForAnswer ? r.first_response_due_at : r.resolution_due_at).toISOString(),
          address: r.address ?? r.building_address,
          lat: r.lat,
          long: r.lng,
        }
      })
    },
  )

  app.get(
    '/api/exports/offerings-hsds.zip',
    {
      config: { access: { permission: 'exchange.read' } },
      schema: { tags: ['exchange'], summary: 'HSDS-style CSV package of the three lists' },
    },
    async (request, reply) => {
      const offerings = await ctx.db
        .selectFrom('offering as o')
        .innerJoin('unit as u', 'u.id', 'o.provider_unit_id')
        .innerJoin('service_category as c', 'c.code', 'o.category_code')
        .select([
          'o.id',
          'o.provider_unit_id',
          'u.name as org_name',
          'u.uscc',
          'u.kind',
          'o.name',
          'o.description',
          'o.list',
          'c.code',
          'c.name_zh',
          'o.status',
          'o.area_codes',
          'o.building_ids',
          'o.schedule',
          'o.schedule_note',
          'o.eligibility',
          'o.capacity_concurrent',
          'o.contact_name',
          'o.last_verified_on',
        ])
        .where('o.deleted_at', 'is', null)
        .orderBy('o.id')
        .execute()
      const orgs = new Map(offerings.map((o) => [o.provider_unit_id, o]))
      const buildingIds = [...new Set(offerings.flatMap((o) => o.building_ids))]
      const buildings = buildingIds.length
        ? await ctx.db
            .selectFrom('building')
            .select(['id', 'name', 'address', 'lat', 'lng'])
            .where('id', 'in', buildingIds)
            .execute()
        : []
      const zip = new JSZip()
      zip.file(
        'organizations.csv',
        csv(
          ['id', 'name', 'tax_id', 'description'],
          [...orgs.values()].map((o) => [o.provider_unit_id, o.org_name, o.uscc, o.kind]),
        ),
      )
      zip.file(
        'services.csv',
        csv(
          [
            'id',
            'organization_id',
            'name',
            'description',
            'status',
            'program',
            'category',
            'category_name',
            'capacity',
            'contact',
            'last_verified',
          ],
          offerings.map((o) => [
            o.id,
            o.provider_unit_id,
            o.name,
            o.description,
            o.status,
            o.list,
            o.code,
            o.name_zh,
            o.capacity_concurrent,
            o.contact_name,
            o.last_verified_on,
          ]),
        ),
      )
      zip.file(
        'locations.csv',
        csv(
          ['id', 'name', 'address', 'latitude', 'longitude'],
          buildings.map((b) => [b.id, b.name, b.address, b.lat, b.lng]),
        ),
      )
      zip.file(
        'service_at_location.csv',
        csv(
          ['service_id', 'location_id'],
          offerings.flatMap((o) => o.building_ids.map((b) => [o.id, b])),
        ),
      )
      zip.file(
        'service_area.csv',
        csv(
          ['service_id', 'service_area'],
          offerings.flatMap((o) => o.area_codes.map((a) => [o.id, a])),
        ),
      )
      zip.file(
        'regular_schedule.csv',
        csv(
          ['service_id', 'weekday', 'opens_at', 'closes_at'],
          offerings.flatMap((o) =>
            (o.schedule as Array<{ day: number; opens: string; closes: string }>).map((h) => [
              o.id,
              h.day,
              h.opens,
              h.closes,
            ]),
          ),
        ),
      )
      zip.file(
        'eligibility.csv',
        csv(
          ['service_id', 'eligibility'],
          offerings.map((o) => [o.id, JSON.stringify(o.eligibility)]),
        ),
      )
      await writeAudit(ctx.db, request, {
        action: 'export.offerings_hsds',
        detail: { offerings: offerings.length },
      })
      reply
        .header('content-type', 'application/zip')
        .header('content-disposition', 'attachment; filename="offerings-hsds.zip"')
      return zip.generateAsync({ type: 'nodebuffer' })
    },
  )
}
