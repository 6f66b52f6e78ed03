import { ErrorBody, HistoryEntry, IdParams } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { historyOf } from './versioned.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

// People are left out on purpose: their earlier versions hold personal data.
const HISTORIES = [
  { entity: 'building', path: '/api/buildings/:id/history', scope: 'building' },
  { entity: 'unit', path: '/api/units/:id/history', scope: 'unit' },
  { entity: 'party_org', path: '/api/party-orgs/:id/history', scope: 'party_org' },
] as const

/** Every earlier version of a registry row, newest first, readable by whoever may read the row. */
export default async function historyRoutes(app: TypedApp, ctx: AppContext) {
  for (const h of HISTORIES) {
    app.get(
      h.path,
      {
        config: {
          access: {
            permission: 'registry.read',
            scope: (r: { params: { id: number } }) => ({ type: h.scope, id: String(r.params.id) }),
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
