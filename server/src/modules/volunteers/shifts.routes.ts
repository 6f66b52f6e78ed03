import { volunteersApi } from '@tongxin/contracts'
import type { AppContext } from '../../context.ts'
import { contractRoutes } from '../../lib/contract-routes.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { scanAtPoint, scanVolunteer, signupToken } from './checkin.service.ts'
import { errors, tags } from './points.routes.ts'
import { createShiftSeries } from './series.service.ts'
import { cancelSignup, createShift, listShifts, mySignups, pointSignups, signUp } from './shifts.service.ts'

const self = { access: { permission: 'volunteer.self' } } as const
const scanErrors = { ...errors, 410: errors[400] }

export default async function shiftRoutes(app: TypedApp, ctx: AppContext) {
  const route = contractRoutes(app, volunteersApi, { tags, errors })

  route(
    'GET /api/volunteers/shifts',
    { config: self, summary: '班次看板 Shifts by point and role (default: the next 14 days)' },
    async (request) => listShifts(ctx, request, request.query),
  )
  route(
    'POST /api/volunteers/shifts',
    {
      config: self,
      summary: '排班 Create a shift at a point with needed counts per role (the point’s coordinators)',
    },
    async (request) => createShift(ctx, request, request.body),
  )
  route(
    'POST /api/volunteers/shift-series',
    {
      config: self,
      summary:
        '批量排班 A series of shifts (dates, or weekdays × weeks) in one go; preview first; all or nothing',
    },
    async (request, reply) => {
      const result = await createShiftSeries(ctx, request, request.body)
      reply.status(request.body.preview ? 200 : 201)
      return result
    },
  )
  route(
    'POST /api/volunteers/shifts/:id/signups',
    { config: self, summary: '报名 Sign up for a shift in a role' },
    async (request) => signUp(ctx, request, request.params.id, request.body.roleId),
  )
  route(
    'DELETE /api/volunteers/signups/:id',
    { config: self, summary: '取消报名 Cancel my sign-up (before the shift starts)' },
    async (request) => cancelSignup(ctx, request, request.params.id),
  )
  route('GET /api/volunteers/me/signups', { config: self, summary: '我的班次 My shifts' }, async (request) =>
    mySignups(ctx, request, request.query.when ?? 'upcoming'),
  )
  route(
    'GET /api/volunteers/signups/:id/qr-token',
    { config: self, summary: '我的签到码 My code for one sign-up (the coordinator scans it)' },
    async (request) => signupToken(ctx, request, request.params.id),
  )
  route(
    'POST /api/volunteers/scan',
    {
      config: self,
      summary: '扫点位码签到/签退 Check in or out by scanning the point’s code',
      errors: scanErrors,
    },
    async (request) => scanAtPoint(ctx, request, request.body),
  )
  route(
    'POST /api/volunteers/points/:id/scan',
    {
      config: self,
      summary: '协调人扫志愿者码 The coordinator scans a volunteer’s code at the point',
      errors: scanErrors,
    },
    async (request) => scanVolunteer(ctx, request, request.params.id, request.body),
  )
  route(
    'GET /api/volunteers/points/:id/signups',
    { config: self, summary: '点位报名与出勤 Sign-ups and attendance at a point (coordinators)' },
    async (request) => pointSignups(ctx, request, request.params.id, request.query),
  )
}
