import {
  BuildingStars,
  ErrorBody,
  IdParams,
  Page,
  Patrol,
  PatrolCorrection,
  PatrolHistoryEntry,
  PatrolInput,
  PatrolQuery,
  PatrolRoute,
  PatrolRouteInput,
  PatrolRouteQuery,
  PatrolRouteUpdate,
  StarsQuery,
  StreetRule,
  StreetRuleInput,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { PatrolPhotoService } from './patrol-photos.service.ts'
import { PatrolRouteService } from './patrol-routes.service.ts'
import { PatrolService } from './patrols.service.ts'
import { StarsService } from './stars.service.ts'

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
}
const tags = ['waste']
const patrol = { permission: 'waste.patrol' } as const
const AreaParams = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6,12}$' }) },
  { additionalProperties: false },
)

/** Patrol routes, noon patrol records (with corrections and a photo), floor stars and the street's rules. */
export default async function patrolRoutes(app: TypedApp, ctx: AppContext) {
  const routes = new PatrolRouteService(ctx)
  const patrols = new PatrolService(ctx, routes)
  const photos = new PatrolPhotoService(ctx, routes, patrols)
  const stars = new StarsService(ctx)

  // Photos arrive as raw bodies of their image type; other types are refused before they are read.
  app.addContentTypeParser(
    IMAGE_TYPES,
    { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
    (_req, body, done) => done(null, body),
  )

  app.get(
    '/api/waste/routes',
    {
      config: { access: patrol },
      schema: {
        tags,
        summary: '巡查路线 Patrol routes in the buildings I patrol',
        querystring: PatrolRouteQuery,
        response: { 200: Type.Array(PatrolRoute), ...errors },
      },
    },
    async (request) => routes.listRoutes(request, request.query.buildingId),
  )
  app.post(
    '/api/waste/routes',
    {
      config: { access: { permission: 'waste.organise' } },
      schema: {
        tags,
        summary: '新建巡查路线 Create a patrol route (ordered floors, lead)',
        body: PatrolRouteInput,
        response: { 201: PatrolRoute, ...errors },
      },
    },
    async (request, reply) => {
      const route = await routes.createRoute(request, request.body)
      reply.status(201)
      return route
    },
  )
  app.put(
    '/api/waste/routes/:id',
    {
      config: { access: { permission: 'waste.organise' } },
      schema: {
        tags,
        summary: '修改巡查路线 Rename a route, change its floors or lead (send the version read)',
        params: IdParams,
        body: PatrolRouteUpdate,
        response: { 200: PatrolRoute, ...errors },
      },
    },
    async (request) => routes.updateRoute(request, request.params.id, request.body),
  )
  app.post(
    '/api/waste/patrols',
    {
      config: { access: patrol },
      schema: {
        tags,
        summary: '记录楼层巡查 Record one floor of a patrol',
        body: PatrolInput,
        response: { 201: Patrol, ...errors },
      },
    },
    async (request, reply) => {
      const p = await patrols.record(request, request.body)
      reply.status(201)
      return p
    },
  )
  app.get(
    '/api/waste/patrols',
    {
      config: { access: patrol },
      schema: {
        tags,
        summary: '巡查记录 Patrol records of a route or building',
        querystring: PatrolQuery,
        response: { 200: Page(Patrol), ...errors },
      },
    },
    async (request) => patrols.list(request, request.query),
  )
  app.get(
    '/api/waste/patrols/:id',
    {
      config: { access: patrol },
      schema: {
        tags,
        summary: '巡查记录 A patrol record',
        params: IdParams,
        response: { 200: Patrol, ...errors },
      },
    },
    async (request) => patrols.get(request, request.params.id),
  )
  app.put(
    '/api/waste/patrols/:id',
    {
      config: { access: patrol },
      schema: {
        tags,
        summary: '更正巡查记录 Correct a record (patrol lead or staff; history kept)',
        params: IdParams,
        body: PatrolCorrection,
        response: { 200: Patrol, ...errors },
      },
    },
    async (request) => patrols.correct(request, request.params.id, request.body),
  )
  app.get(
    '/api/waste/patrols/:id/history',
    {
      config: { access: patrol },
      schema: {
        tags,
        summary: '更正历史 What a record said before each correction',
        params: IdParams,
        response: { 200: Type.Array(PatrolHistoryEntry), ...errors },
      },
    },
    async (request) => patrols.history(request, request.params.id),
  )
  app.put(
    '/api/waste/patrols/:id/photo',
    {
      bodyLimit: PHOTO_MAX_BYTES,
      config: { access: patrol },
      schema: {
        tags,
        summary: '巡查照片 Attach the record’s photo (JPEG, PNG or WebP, up to 5 MB; raw body)',
        params: IdParams,
        response: { 200: Type.Object({ contentType: Type.String(), sizeBytes: Type.Integer() }), ...errors },
      },
    },
    async (request) =>
      photos.attachPhoto(request, request.params.id, request.body, request.headers['content-type']),
  )
  app.get(
    '/api/waste/patrols/:id/photo',
    {
      config: { access: patrol },
      schema: { tags, summary: '巡查照片 The record’s photo', params: IdParams },
    },
    async (request, reply) => {
      const row = await photos.photo(request, request.params.id)
      reply.header('content-type', row.content_type).header('cache-control', 'private, max-age=3600')
      return row.data
    },
  )
  app.get(
    '/api/waste/buildings/:id/stars',
    {
      config: { access: patrol },
      schema: {
        tags,
        summary: '楼层星级 Floor stars and correct-rate trend of a building',
        params: IdParams,
        querystring: StarsQuery,
        response: { 200: BuildingStars, ...errors },
      },
    },
    async (request) => stars.forBuilding(request, request.params.id, request.query),
  )
  app.get(
    '/api/waste/board/:id',
    {
      // The star board hangs in the lobby: recognition of floors, no names of people.
      config: { access: 'public' },
      schema: {
        tags,
        summary: '楼层示范分类星级榜 Public star board of a building',
        params: IdParams,
        response: { 200: BuildingStars, 404: ErrorBody },
      },
    },
    async (request) => stars.board(request.params.id),
  )
  app.get(
    '/api/waste/rules/:code',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '街道评星与示范楼规则 A street’s star and demonstration rules',
        params: AreaParams,
        response: { 200: StreetRule, ...errors },
      },
    },
    async (request) => stars.rule(request.params.code),
  )
  app.put(
    '/api/waste/rules/:code',
    {
      config: {
        access: {
          permission: 'waste.manage',
          scope: (r: { params: { code: string } }) => ({ type: 'area', id: r.params.code }),
        },
      },
      schema: {
        tags,
        summary: '设置街道规则 Set a street’s rules (send the version read; 0 for the first time)',
        params: AreaParams,
        body: StreetRuleInput,
        response: { 200: StreetRule, ...errors },
      },
    },
    async (request) => stars.putRule(request, request.params.code, request.body),
  )
}
