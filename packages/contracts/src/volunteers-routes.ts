/** The volunteers API: roles, duty points, profiles, shifts and sign-ups, check-in scans, hours and the board. */
import Type from 'typebox'
import { IdParams } from './common.ts'
import type { RouteTable } from './route-table.ts'
import {
  CoordinatorsBody,
  DutyPoint,
  DutyPointInput,
  HoursQuery,
  HoursRow,
  Leaderboard,
  MyHours,
  PointListQuery,
  PointSignupQuery,
  QualificationBody,
  Shift,
  ShiftInput,
  ShiftListQuery,
  ShiftSeriesInput,
  ShiftSeriesResult,
  Signup,
  SignupBody,
  VerifyBatchBody,
  VerifyBody,
  VolunteerLinkBody,
  VolunteerListQuery,
  VolunteerProfile,
  VolunteerQrToken,
  VolunteerRegisterBody,
  VolunteerRole,
  VolunteerRoleInput,
  VolunteerScanBody,
  VolunteerScanResult,
  VolunteerUpdateBody,
} from './volunteers.ts'

/** A file answer (the hours workbook); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
const IsoDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })

export const MySignupsQuery = Type.Object(
  { when: Type.Optional(Type.Enum(['upcoming', 'past'])) },
  { additionalProperties: false },
)
export const LeaderboardQuery = Type.Object(
  { from: Type.Optional(IsoDay), to: Type.Optional(IsoDay) },
  { additionalProperties: false },
)
export const HoursExportQuery = Type.Object(
  {
    from: Type.Optional(IsoDay),
    to: Type.Optional(IsoDay),
    area: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
)

export const volunteersApi = {
  'GET /api/volunteers/roles': { response: Type.Array(VolunteerRole) },
  'POST /api/volunteers/roles': { body: VolunteerRoleInput, response: VolunteerRole, status: 201 },
  'GET /api/volunteers/points': { query: PointListQuery, response: Type.Array(DutyPoint) },
  'GET /api/volunteers/points/:id': { params: IdParams, response: DutyPoint },
  'POST /api/volunteers/points': { body: DutyPointInput, response: DutyPoint, status: 201 },
  'PUT /api/volunteers/points/:id/coordinators': {
    params: IdParams,
    body: CoordinatorsBody,
    response: DutyPoint,
  },
  'GET /api/volunteers/points/:id/qr-token': { params: IdParams, response: VolunteerQrToken },

  // Profiles.
  'GET /api/volunteers/me': {
    response: Type.Object({ profile: Type.Union([VolunteerProfile, Type.Null()]) }),
  },
  'POST /api/volunteers/me': { body: VolunteerRegisterBody, response: VolunteerProfile, status: 201 },
  'PATCH /api/volunteers/me': { body: VolunteerUpdateBody, response: VolunteerProfile },
  'GET /api/volunteers': { query: VolunteerListQuery, response: Type.Array(VolunteerProfile) },
  'POST /api/volunteers/:id/qualifications': {
    params: IdParams,
    body: QualificationBody,
    response: VolunteerProfile,
  },
  'PATCH /api/volunteers/:id/link': { params: IdParams, body: VolunteerLinkBody, response: VolunteerProfile },

  // Shifts, sign-ups and check-in scans.
  'GET /api/volunteers/shifts': { query: ShiftListQuery, response: Type.Array(Shift) },
  'POST /api/volunteers/shifts': { body: ShiftInput, response: Shift, status: 201 },
  /** A preview answers 200 and makes nothing; the series itself answers 201. */
  'POST /api/volunteers/shift-series': {
    body: ShiftSeriesInput,
    response: ShiftSeriesResult,
    alsoStatus: 201,
  },
  'POST /api/volunteers/shifts/:id/signups': {
    params: IdParams,
    body: SignupBody,
    response: Signup,
    status: 201,
  },
  'DELETE /api/volunteers/signups/:id': { params: IdParams, response: Signup },
  'GET /api/volunteers/me/signups': { query: MySignupsQuery, response: Type.Array(Signup) },
  'GET /api/volunteers/signups/:id/qr-token': { params: IdParams, response: VolunteerQrToken },
  'POST /api/volunteers/scan': { body: VolunteerScanBody, response: VolunteerScanResult },
  'POST /api/volunteers/points/:id/scan': {
    params: IdParams,
    body: VolunteerScanBody,
    response: VolunteerScanResult,
  },
  'GET /api/volunteers/points/:id/signups': {
    params: IdParams,
    query: PointSignupQuery,
    response: Type.Array(Signup),
  },

  // Hours: verifying, totals, the export and the thanks board.
  'POST /api/volunteers/signups/:id/verify': { params: IdParams, body: VerifyBody, response: Signup },
  'POST /api/volunteers/signups/verify-batch': { body: VerifyBatchBody, response: Type.Array(Signup) },
  'GET /api/volunteers/hours': { query: HoursQuery, response: Type.Array(HoursRow) },
  'GET /api/volunteers/me/hours': { response: MyHours },
  'GET /api/volunteers/leaderboard': { query: LeaderboardQuery, response: Leaderboard },
  'GET /api/volunteers/hours/export': { query: HoursExportQuery, response: Binary },
} as const satisfies RouteTable
