import { ErrorBody, HistoryEntry, IdParams } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { getPark, getStation } from './places.service.ts'
import { historyOf, type VersionedEntity } from './versioned.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

/** Every earlier version of a registry row, newest first, readable by whoever may read the row. */
export default async function historyRoutes(app: TypedApp, ctx: AppContext) {
  // People are left out on purpose: their earlier versions hold personal data.
  const histories: Array<{
    entity: VersionedEntity
    path: string
    scope: (id: number) => Promise<ScopeRef>
  }> = [
    {
      entity: 'building',
      path: '/api/buildings/:id/history',
      scope: async (id) => ({ type: 'building', id: String(id) }),
    },
    {
      entity: 'unit',
      path: '/api/units/:id/history',
      scope: async (id) => ({ type: 'unit', id: String(id) }),
    },
    {
      entity: 'party_org',
      path: '/api/party-orgs/:id/history',
      scope: async (id) => ({ type: 'party_org', id: String(id) }),
    },
    {
      entity: 'park',
      path: '/api/parks/:id/history',
      scope: async (id) => ({ type: 'area', id: (await getPark(ctx, id)).areaCode }),
    },
    {
      entity: 'station',
      path: '/api/stations/:id/history',
      scope: async (id) => {
        const s = await getStation(ctx, id)
        return s.buildingId
          ? { type: 'building', id: String(s.buildingId) }
          : { type: 'area', id: s.areaCode }
      },
    },
  ]
  for (const h of histories) {
    app.get(
      h.path,
      {
        config: {
          access: {
            permission: 'registry.read',
            scope: (r: { params: { id: number } }) => h.scope(r.params.id),
          },
        },
        schema: {
          tags: ['registry'],
          summary: '修改历史 History',
          params: IdParams,
          response: { 200: Type.Array(HistoryEntry), ...errors },
        },
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
