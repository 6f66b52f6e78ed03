import { ErrorBody, volunteersApi } from '@tongxin/contracts'
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
const manage = { access: { permission: 'volunteer.manage' } } as const

export default async function pointRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, volunteersApi, { tags, errors })

  route(
    'GET /api/volunteers/roles',
    { config: self, summary: '志愿者角色 Volunteer roles and what each requires' },
    async () => listRoles(ctx),
  )
  route(
    'POST /api/volunteers/roles',
    { config: manage, summary: '新增角色 Add a volunteer role' },
    async (request) => createRole(ctx, request, request.body),
  )
  route(
    'GET /api/volunteers/points',
    {
      config: self,
      summary: '值守点位 Duty points (with coordinators); mine=true: the ones the caller coordinates',
    },
    async (request) => listPoints(ctx, request, request.query),
  )
  route('GET /api/volunteers/points/:id', { config: self, summary: '点位 One point' }, async (request) =>
    getPoint(ctx, request, request.params.id),
  )
  route(
    'POST /api/volunteers/points',
    { config: manage, summary: '新增点位 Add a duty point in a building or park' },
    async (request) => createPoint(ctx, request, request.body),
  )
  route(
    'PUT /api/volunteers/points/:id/coordinators',
    { config: manage, summary: '点位协调人 Set the point’s coordinators' },
    async (request) => setCoordinators(ctx, request, request.params.id, request.body.accountIds),
  )
  route(
    'GET /api/volunteers/points/:id/qr-token',
    {
      config: self,
      summary: '点位签到码 The point’s rotating check-in code (coordinators; shown on the point’s screen)',
    },
    async (request) => pointToken(ctx, request, request.params.id),
  )

  route(
    'GET /api/volunteers/me',
    { config: self, summary: '我的志愿者档案 My volunteer profile (null before registering)' },
    async (request) => ({ profile: await myProfile(ctx, request) }),
  )
  route(
    'POST /api/volunteers/me',
    { config: self, summary: '登记为志愿者 Register as a volunteer' },
    async (request) => register(ctx, request, request.body),
  )
  route(
    'PATCH /api/volunteers/me',
    {
      config: self,
      summary: '修改档案 Update my profile (name, organisation, hide from the recognition board)',
    },
    async (request) => updateMine(ctx, request, request.body),
  )
  route(
    'GET /api/volunteers',
    { config: self, summary: '志愿者名单 Volunteers (coordinators), to record qualifications' },
    async (request) => listVolunteers(ctx, request, request.query.q),
  )
  route(
    'POST /api/volunteers/:id/qualifications',
    { config: self, summary: '登记资质 Record a qualification (e.g. training done) — coordinators' },
    async (request) => recordQualification(ctx, request, request.params.id, request.body),
  )
  route(
    'PATCH /api/volunteers/:id/link',
    {
      config: manage,
      summary: '关联人员/单位 Link a volunteer to a registry person and organisation (staff)',
    },
    async (request) => linkVolunteer(ctx, request, request.params.id, request.body),
  )
}
