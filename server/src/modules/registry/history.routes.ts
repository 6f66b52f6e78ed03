import { ErrorBody, registryApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { getPark, getStation } from './places.service.ts'
import { historyOf, type VersionedEntity } from './versioned.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

/** Every earlier version of a registry row, newest first, readable by whoever may read the row. */
export default async function historyRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, registryApi, { tags: ['registry'], errors })
  // People are left out on purpose: their earlier versions hold personal data.
  const histories: Array<{
    entity: VersionedEntity
    key:
      | 'GET /api/buildings/:id/history'
      | 'GET /api/units/:id/history'
      | 'GET /api/party-orgs/:id/history'
      | 'GET /api/parks/:id/history'
      | 'GET /api/stations/:id/history'
    scope: (id: number) => Promise<ScopeRef>
  }> = [
    {
      entity: 'building',
      key: 'GET /api/buildings/:id/history',
      scope: async (id) => ({ type: 'building', id: String(id) }),
    },
    {
      entity: 'unit',
      key: 'GET /api/units/:id/history',
      scope: async (id) => ({ type: 'unit', id: String(id) }),
    },
    {
      entity: 'party_org',
      key: 'GET /api/party-orgs/:id/history',
      scope: async (id) => ({ type: 'party_org', id: String(id) }),
    },
    {
      entity: 'park',
      key: 'GET /api/parks/:id/history',
      scope: async (id) => ({ type: 'area', id: (await getPark(ctx, id)).areaCode }),
    },
    {
      entity: 'station',
      key: 'GET /api/stations/:id/history',
      scope: async (id) => {
        const s = await getStation(ctx, id)
        return s.buildingId
          ? { type: 'building', id: String(s.buildingId) }
          : { type: 'area', id: s.areaCode }
      },
    },
  ]
  for (const h of histories) {
    route(
      h.key,
      {
        config: {
          access: {
            permission: 'registry.read',
            scope: (r: { params: { id: number } }) => h.scope(r.params.id),
          },
        },
        summary: '修改历史 History',
      },
      async (request) =>
        (await historyOf(ctx.db, h.entity, request.params.id)).map((row) => ({
          ...row,
          at: row.at.toISOString(),
          before: row.before as Record<string, unknown> | null,
        })),
    )
  }
}
