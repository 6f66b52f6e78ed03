import {
  IdParams,
  PointSignupQuery,
  Shift,
  ShiftInput,
  ShiftListQuery,
  ShiftSeriesInput,
  ShiftSeriesResult,
  Signup,
  SignupBody,
  VolunteerQrToken,
  VolunteerScanBody,
  VolunteerScanResult,
} from '@tongxin/contracts'
import Type from 'typebox'
import type { AppContext } from '../../context.ts'
import type { TypedApp } from '../../lib/typed-app.ts'
import { scanAtPoint, scanVolunteer, signupToken } from './checkin.service.ts'
import { errors, tags } from './points.routes.ts'
import { createShiftSeries } from './series.service.ts'
import { cancelSignup, createShift, listShifts, mySignups, pointSignups, signUp } from './shifts.service.ts'

const self = { access: { permission: 'volunteer.self' } } as const
const scanErrors = { ...errors, 410: errors[400] }

export default async function shiftRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/volunteers/shifts',
    {
      config: self,
      schema: {
        tags,
        summary: '班次看板 Shifts by point and role (default: the next 14 days)',
        querystring: ShiftListQuery,
        response: { 200: Type.Array(Shift), ...errors },
      },
    },
    async (request) => listShifts(ctx, request, request.query),
  )
  app.post(
    '/api/volunteers/shifts',
    {
      config: self,
      schema: {
        tags,
        summary: '排班 Create a shift at a point with needed counts per role (the point’s coordinators)',
        body: ShiftInput,
        response: { 201: Shift, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return createShift(ctx, request, request.body)
    },
  )
  app.post(
    '/api/volunteers/shift-series',
    {
      config: self,
      schema: {
        tags,
        summary:
          '批量排班 A series of shifts (dates, or weekdays × weeks) in one go; preview first; all or nothing',
        body: ShiftSeriesInput,
        response: { 200: ShiftSeriesResult, 201: ShiftSeriesResult, ...errors },
      },
    },
    async (request, reply) => {
      const result = await createShiftSeries(ctx, request, request.body)
      reply.status(request.body.preview ? 200 : 201)
      return result
    },
  )
  app.post(
    '/api/volunteers/shifts/:id/signups',
    {
      config: self,
      schema: {
        tags,
        summary: '报名 Sign up for a shift in a role',
        params: IdParams,
        body: SignupBody,
        response: { 201: Signup, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201)
      return signUp(ctx, request, request.params.id, request.body.roleId)
    },
  )
  app.delete(
    '/api/volunteers/signups/:id',
    {
      config: self,
      schema: {
        tags,
        summary: '取消报名 Cancel my sign-up (before the shift starts)',
        params: IdParams,
        response: { 200: Signup, ...errors },
      },
    },
    async (request) => cancelSignup(ctx, request, request.params.id),
  )
  app.get(
    '/api/volunteers/me/signups',
    {
      config: self,
      schema: {
        tags,
        summary: '我的班次 My shifts',
        querystring: Type.Object(
          { when: Type.Optional(Type.Enum(['upcoming', 'past'])) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Signup), ...errors },
      },
    },
    async (request) => mySignups(ctx, request, request.query.when ?? 'upcoming'),
  )
  app.get(
    '/api/volunteers/signups/:id/qr-token',
    {
      config: self,
      schema: {
        tags,
        summary: '我的签到码 My code for one sign-up (the coordinator scans it)',
        params: IdParams,
        response: { 200: VolunteerQrToken, ...errors },
      },
    },
    async (request) => signupToken(ctx, request, request.params.id),
  )
  app.post(
    '/api/volunteers/scan',
    {
      config: self,
      schema: {
        tags,
        summary: '扫点位码签到/签退 Check in or out by scanning the point’s code',
        body: VolunteerScanBody,
        response: { 200: VolunteerScanResult, ...scanErrors },
      },
    },
    async (request) => scanAtPoint(ctx, request, request.body),
  )
  app.post(
    '/api/volunteers/points/:id/scan',
    {
      config: self,
      schema: {
        tags,
        summary: '协调人扫志愿者码 The coordinator scans a volunteer’s code at the point',
        params: IdParams,
        body: VolunteerScanBody,
        response: { 200: VolunteerScanResult, ...scanErrors },
      },
    },
    async (request) => scanVolunteer(ctx, request, request.params.id, request.body),
  )
  app.get(
    '/api/volunteers/points/:id/signups',
    {
      config: self,
      schema: {
        tags,
        summary: '点位报名与出勤 Sign-ups and attendance at a point (coordinators)',
        params: IdParams,
        querystring: PointSignupQuery,
        response: { 200: Type.Array(Signup), ...errors },
      },
    },
    async (request) => pointSignups(ctx, request, request.params.id, request.query),
  )
}
