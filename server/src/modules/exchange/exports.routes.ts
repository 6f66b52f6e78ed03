import { ErrorBody, exchangeApi } from '@tongxin/contracts'
import JSZip from 'jszip'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { AppError } from '../../lib/errors.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { areaPaths, buildingPlaces, offeringsForExport, open311Rows } from './exports.repository.ts'
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

/**
 * Read-only exports in open formats: needs as Open311 GeoReport v2 `requests.json` (no personal data: no
 * requester, no contact), and the three lists as an HSDS-style CSV package.
 */
export default async function exportRoutes(app: TypedApp, ctx: AppContext) {
  registerOfferingsWorkbook(app, ctx)
  const route = contractRoutes(app, exchangeApi, { tags: ['exchange'], errors })
  route(
    'GET /api/open311/v2/requests.json',
    {
      config: { access: { permission: 'need.manage' } },
      summary: 'Open311 GeoReport v2 requests (read-only)',
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
      const rows = await open311Rows(ctx.db, {
        paths: await areaPaths(ctx.db, codes),
        serviceCode: q.service_code,
        status: q.status,
        startDate: q.start_date,
        endDate: q.end_date,
      })
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

  route(
    'GET /api/exports/offerings-hsds.zip',
    {
      config: { access: { permission: 'exchange.read' } },
      summary: 'HSDS-style CSV package of the three lists',
      // The file route never declared its error answers; they are sent as the error handler writes them.
      errors: {},
    },
    async (request, reply) => {
      const offerings = await offeringsForExport(ctx.db)
      const orgs = new Map(offerings.map((o) => [o.provider_unit_id, o]))
      const buildingIds = [...new Set(offerings.flatMap((o) => o.building_ids))]
      const buildings = await buildingPlaces(ctx.db, buildingIds)
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
