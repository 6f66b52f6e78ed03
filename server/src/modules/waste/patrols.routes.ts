import { ErrorBody, wasteApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import { IMAGE_TYPES } from '../../lib/images.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { PatrolPhotoService } from './patrol-photos.service.ts'
import { PatrolRouteService } from './patrol-routes.service.ts'
import { PatrolService } from './patrols.service.ts'
import { StarsService } from './stars.service.ts'

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
}
const patrol = { access: { permission: 'waste.patrol' } } as const
const organise = { access: { permission: 'waste.organise' } } as const

/** Patrol routes, noon patrol records (with corrections and a photo), floor stars and the street's rules. */
export default async function patrolRoutes(app: TypedApp, ctx: AppContext) {
  const routes = new PatrolRouteService(ctx)
  const patrols = new PatrolService(ctx, routes)
  const photos = new PatrolPhotoService(ctx, routes, patrols)
  const stars = new StarsService(ctx)
  const route = contractRoutes(app, wasteApi, { tags: ['waste'], errors })

  // Photos arrive as raw bodies of their image type; other types are refused before they are read.
  app.addContentTypeParser(
    [...IMAGE_TYPES],
    { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
    (_req, body, done) => done(null, body),
  )

  route(
    'GET /api/waste/routes',
    { config: patrol, summary: '巡查路线 Patrol routes in the buildings I patrol' },
    async (request) => routes.listRoutes(request, request.query.buildingId),
  )
  route(
    'POST /api/waste/routes',
    { config: organise, summary: '新建巡查路线 Create a patrol route (ordered floors, lead)' },
    async (request) => routes.createRoute(request, request.body),
  )
  route(
    'PUT /api/waste/routes/:id',
    {
      config: organise,
      summary: '修改巡查路线 Rename a route, change its floors or lead (send the version read)',
    },
    async (request) => routes.updateRoute(request, request.params.id, request.body),
  )
  route(
    'POST /api/waste/patrols',
    { config: patrol, summary: '记录楼层巡查 Record one floor of a patrol' },
    async (request) => patrols.record(request, request.body),
  )
  route(
    'GET /api/waste/patrols',
    { config: patrol, summary: '巡查记录 Patrol records of a route or building' },
    async (request) => patrols.list(request, request.query),
  )
  route(
    'GET /api/waste/patrols/:id',
    { config: patrol, summary: '巡查记录 A patrol record' },
    async (request) => patrols.get(request, request.params.id),
  )
  route(
    'PUT /api/waste/patrols/:id',
    { config: patrol, summary: '更正巡查记录 Correct a record (patrol lead or staff; history kept)' },
    async (request) => patrols.correct(request, request.params.id, request.body),
  )
  route(
    'GET /api/waste/patrols/:id/history',
    { config: patrol, summary: '更正历史 What a record said before each correction' },
    async (request) => patrols.history(request, request.params.id),
  )
  route(
    'PUT /api/waste/patrols/:id/photo',
    {
      config: patrol,
      summary: '巡查照片 Attach the record’s photo (JPEG, PNG or WebP, up to 5 MB; raw body)',
      upload: { consumes: [...IMAGE_TYPES], bodyLimit: PHOTO_MAX_BYTES },
    },
    async (request) =>
      photos.attachPhoto(
        request,
        request.params.id,
        request.body as unknown,
        request.headers['content-type'],
      ),
  )
  route(
    'GET /api/waste/patrols/:id/photo',
    {
      config: patrol,
      summary: '巡查照片 The record’s photo',
      // The image route never declared its error answers; they are sent as the error handler writes them.
      errors: {},
    },
    async (request, reply) => {
      const row = await photos.photo(request, request.params.id)
      reply.header('content-type', row.content_type).header('cache-control', 'private, max-age=3600')
      return row.data
    },
  )
  route(
    'GET /api/waste/buildings/:id/stars',
    { config: patrol, summary: '楼层星级 Floor stars and correct-rate trend of a building' },
    async (request) => stars.forBuilding(request, request.params.id, request.query),
  )
  route(
    'GET /api/waste/board/:id',
    {
      // The star board hangs in the lobby: recognition of floors, no names of people.
      config: { access: 'public' },
      summary: '楼层示范分类星级榜 Public star board of a building',
      errors: { 404: ErrorBody },
    },
    async (request) => stars.board(request.params.id),
  )
  route(
    'GET /api/waste/rules/:code',
    {
      config: { access: 'authenticated' },
      summary: '街道评星与示范楼规则 A street’s star and demonstration rules',
    },
    async (request) => stars.rule(request.params.code),
  )
  route(
    'PUT /api/waste/rules/:code',
    {
      config: {
        access: {
          permission: 'waste.manage',
          scope: (r: { params: { code: string } }) => ({ type: 'area', id: r.params.code }),
        },
      },
      summary: '设置街道规则 Set a street’s rules (send the version read; 0 for the first time)',
    },
    async (request) => stars.putRule(request, request.params.code, request.body),
  )
}
