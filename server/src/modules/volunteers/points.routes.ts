import {
  CoordinatorsBody,
  DutyPoint,
  DutyPointInput,
  ErrorBody,
  IdParams,
  QualificationBody,
  VolunteerLinkBody,
  VolunteerListQuery,
  VolunteerProfile,
  VolunteerQrToken,
  VolunteerRegisterBody,
  VolunteerRole,
  VolunteerRoleInput,
  VolunteerUpdateBody,
  volunteersApi,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { pointToken } from './checkin.service.ts'
import {
  createPoint,
  createRole,
  getPoint,
  listPoints,
  listRoles,
  setCoordinators,
} from './points.service.ts'
import {
  linkVolunteer,
  listVolunteers,
  myProfile,
  recordQualification,
  register,
  updateMine,
} from './profiles.service.ts'

export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
export const tags = ['volunteers']
const self = { access: { permission: 'volunteer.self' } } as const

export default async function pointRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/volunteers/roles',
    {
      config: self,
      schema: {
        tags,
        summary: '志愿者角色 Volunteer roles and what each requires',
        response: { 200: Type.Array(VolunteerRole), ...errors },
      },
    },
    async () => listRoles(ctx),
  )
  app.post(
    '/api/volunteers/roles',
    {
      config: { access: { permission: 'volunteer.manage' } },
      schema: {
        tags,
        summary: '新增角色 Add a volunteer role',
        body: VolunteerRoleInput,
        response: { 201: VolunteerRole, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createRole(ctx, request, request.body)
    },
  )
  contractRoutes(app, volunteersApi, { tags, errors })(
    'GET /api/volunteers/points',
    {
      config: self,
      summary: '值守点位 Duty points (with coordinators); mine=true: the ones the caller coordinates',
    },
    async (request) => listPoints(ctx, request, request.query),
  )
  app.get(
    '/api/volunteers/points/:id',
    {
      config: self,
      schema: { tags, summary: '点位 One point', params: IdParams, response: { 200: DutyPoint, ...errors } },
    },
    async (request) => getPoint(ctx, request, request.params.id),
  )
  app.post(
    '/api/volunteers/points',
    {
      config: { access: { permission: 'volunteer.manage' } },
      schema: {
        tags,
        summary: '新增点位 Add a duty point in a building or park',
        body: DutyPointInput,
        response: { 201: DutyPoint, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createPoint(ctx, request, request.body)
    },
  )
  app.put(
    '/api/volunteers/points/:id/coordinators',
    {
      config: { access: { permission: 'volunteer.manage' } },
      schema: {
        tags,
        summary: '点位协调人 Set the point’s coordinators',
        params: IdParams,
        body: CoordinatorsBody,
        response: { 200: DutyPoint, ...errors },
      },
    },
    async (request) => setCoordinators(ctx, request, request.params.id, request.body.accountIds),
  )
  app.get(
    '/api/volunteers/points/:id/qr-token',
    {
      config: self,
      schema: {
        tags,
        summary: '点位签到码 The point’s rotating check-in code (coordinators; shown on the point’s screen)',
        params: IdParams,
        response: { 200: VolunteerQrToken, ...errors },
      },
    },
    async (request) => pointToken(ctx, request, request.params.id),
  )

  app.get(
    '/api/volunteers/me',
    {
      config: self,
      schema: {
        tags,
        summary: '我的志愿者档案 My volunteer profile (null before registering)',
        response: { 200: Type.Object({ profile: Type.Union([VolunteerProfile, Type.Null()]) }), ...errors },
      },
    },
    async (request) => ({ profile: await myProfile(ctx, request) }),
  )
  app.post(
    '/api/volunteers/me',
    {
      config: self,
      schema: {
        tags,
        summary: '登记为志愿者 Register as a volunteer',
        body: VolunteerRegisterBody,
        response: { 201: VolunteerProfile, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return register(ctx, request, request.body)
    },
  )
  app.patch(
    '/api/volunteers/me',
    {
      config: self,
      schema: {
        tags,
        summary: '修改档案 Update my profile (name, organisation, hide from the recognition board)',
        body: VolunteerUpdateBody,
        response: { 200: VolunteerProfile, ...errors },
      },
    },
    async (request) => updateMine(ctx, request, request.body),
  )
  app.get(
    '/api/volunteers',
    {
      config: self,
      schema: {
        tags,
        summary: '志愿者名单 Volunteers (coordinators), to record qualifications',
        querystring: VolunteerListQuery,
        response: { 200: Type.Array(VolunteerProfile), ...errors },
      },
    },
    async (request) => listVolunteers(ctx, request, request.query.q),
  )
  app.post(
    '/api/volunteers/:id/qualifications',
    {
      config: self,
      schema: {
        tags,
        summary: '登记资质 Record a qualification (e.g. training done) — coordinators',
        params: IdParams,
        body: QualificationBody,
        response: { 200: VolunteerProfile, ...errors },
      },
    },
    async (request) => recordQualification(ctx, request, request.params.id, request.body),
  )
  app.patch(
    '/api/volunteers/:id/link',
    {
      config: { access: { permission: 'volunteer.manage' } },
      schema: {
        tags,
        summary: '关联人员/单位 Link a volunteer to a registry person and organisation (staff)',
        params: IdParams,
        body: VolunteerLinkBody,
        response: { 200: VolunteerProfile, ...errors },
      },
    },
    async (request) => linkVolunteer(ctx, request, request.params.id, request.body),
  )
}
