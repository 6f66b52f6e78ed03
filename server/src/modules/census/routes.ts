import { Completeness, CoverageQuery, ErrorBody, Page, PageQuery, Snapshot } from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { localeFromHeader } from '../../lib/messages.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { mapRoutes } from './map.routes.ts'
import { snapshotAreaCode } from './repository.ts'
import { compareSnapshots, completenessPage, listSnapshots, takeSnapshot } from './service.ts'
import { visitRoutes } from './visits.routes.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }
const tags = ['census']
const AreaParam = CoverageQuery.properties.area
const area = (r: { query: { area?: string } }) => ({ type: 'area' as const, id: r.query.area ?? '310000' })

export default async function censusRoutes(app: TypedApp, ctx: AppContext) {
  await visitRoutes(app, ctx)
  await mapRoutes(app, ctx)
  app.get(
    '/api/census/completeness',
    {
      config: { access: { permission: 'coverage.read', scope: area } },
      schema: {
        tags,
        summary: '五个清 Census completeness of each in-scope building',
        querystring: Type.Object({ area: AreaParam, ...PageQuery }, { additionalProperties: false }),
        response: { 200: Page(Completeness), ...errors },
      },
    },
    async (request) =>
      completenessPage(ctx, request.query, localeFromHeader(request.headers['accept-language'])),
  )
  app.get(
    '/api/census/snapshots',
    {
      config: { access: { permission: 'coverage.read', scope: area } },
      schema: {
        tags,
        summary: '普查快照 Snapshots of an area',
        querystring: Type.Object({ area: Type.Optional(AreaParam) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Snapshot) }), ...errors },
      },
    },
    async (request) => ({ items: await listSnapshots(ctx, request.query.area ?? '310000') }),
  )
  app.post(
    '/api/census/snapshots',
    {
      config: {
        access: {
          permission: 'census.snapshot',
          scope: (r: { body: { area: string } }) => ({ type: 'area', id: r.body.area }),
        },
      },
      schema: {
        tags,
        summary: '冻结快照 Freeze the figures of an area as of today',
        body: Type.Object(
          {
            area: Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' }),
            label: Type.Optional(Type.String({ maxLength: 60 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Snapshot, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return takeSnapshot(ctx, request, request.body.area, request.body.label ?? null)
    },
  )
  app.get(
    '/api/census/snapshots/compare',
    {
      config: {
        access: {
          permission: 'coverage.read',
          scope: async (r: { query: { from: number } }) => {
            const area = await snapshotAreaCode(ctx.db, r.query.from)
            return area ? [{ type: 'area' as const, id: area }] : []
          },
        },
      },
      schema: {
        tags,
        summary: '快照对比 Change between two snapshots (or a snapshot and now)',
        querystring: Type.Object(
          { from: Type.Integer({ minimum: 1 }), to: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            areaCode: Type.String(),
            from: Type.Object({ id: Type.Integer(), takenOn: Type.String() }),
            to: Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), takenOn: Type.String() }),
            changes: Type.Array(
              Type.Object({
                key: Type.String(),
                from: Type.Number(),
                to: Type.Number(),
                delta: Type.Number(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => compareSnapshots(ctx, request.query.from, request.query.to ?? null),
  )
}
