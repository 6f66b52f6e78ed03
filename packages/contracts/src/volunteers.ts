import Type, { type Static } from 'typebox'
import { DateText as Day, Nullable } from './common.ts'

/** Request and response schemas of the volunteers API. */

const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' })
const Instant = Type.String({ format: 'date-time', maxLength: 40 })

/** Qualifications the demo programme uses; others may be recorded by code. */
export const VOLUNTEER_QUALIFICATIONS = ['sorting_training', 'lecture_training', 'survey_training'] as const

export const DUTY_POINT_KINDS = ['waste_room', 'lobby', 'canteen', 'delivery', 'other'] as const

export const VolunteerRole = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  description: Nullable(Type.String()),
  requirements: Type.Array(Type.String()),
  active: Type.Boolean(),
})
export type VolunteerRole = Static<typeof VolunteerRole>

export const VolunteerRoleInput = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    nameEn: Type.String({ minLength: 1, maxLength: 60 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    requirements: Type.Array(Code, { maxItems: 10, uniqueItems: true }),
  },
  { additionalProperties: false },
)
export type VolunteerRoleInput = Static<typeof VolunteerRoleInput>

export const PointCoordinator = Type.Object({ accountId: Type.Integer(), displayName: Type.String() })

export const DutyPoint = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.Enum([...DUTY_POINT_KINDS]),
  areaCode: Type.String(),
  parkId: Nullable(Type.Integer()),
  buildingId: Nullable(Type.Integer()),
  /** The park or building the point is in. */
  siteName: Type.String(),
  floor: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  coordinators: Type.Array(PointCoordinator),
  /** Whether the caller coordinates this point (named coordinator or staff in scope). */
  canCoordinate: Type.Boolean(),
})
export type DutyPoint = Static<typeof DutyPoint>

export const DutyPointInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Enum([...DUTY_POINT_KINDS]),
    /** Exactly one of building and park. */
    buildingId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    parkId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    floor: Type.Optional(Nullable(Type.Integer({ minimum: -5, maximum: 200 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    coordinatorAccountIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })),
  },
  { additionalProperties: false },
)
export type DutyPointInput = Static<typeof DutyPointInput>

export const PointListQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ maxLength: 12 })),
    /** Only the points the caller coordinates. */
    mine: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const CoordinatorsBody = Type.Object(
  { accountIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10, uniqueItems: true }) },
  { additionalProperties: false },
)

export const Qualification = Type.Object({ code: Type.String(), obtainedOn: Type.String() })

export const VolunteerProfile = Type.Object({
  id: Type.Integer(),
  accountId: Type.Integer(),
  displayName: Type.String(),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  personId: Nullable(Type.Integer()),
  hideFromLeaderboard: Type.Boolean(),
  qualifications: Type.Array(Qualification),
  version: Type.Integer(),
})
export type VolunteerProfile = Static<typeof VolunteerProfile>

export const VolunteerRegisterBody = Type.Object(
  {
    displayName: Type.String({ minLength: 1, maxLength: 60 }),
    unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
)

export const VolunteerUpdateBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    hideFromLeaderboard: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/** Staff link a volunteer to the registry (person, organisation). */
export const VolunteerLinkBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    personId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
)

export const QualificationBody = Type.Object({ code: Code, obtainedOn: Day }, { additionalProperties: false })

export const VolunteerListQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
)

export const ShiftNeed = Type.Object({
  roleId: Type.Integer(),
  roleCode: Type.String(),
  roleName: Type.String(),
  needed: Type.Integer(),
  taken: Type.Integer(),
})

export const Shift = Type.Object({
  id: Type.Integer(),
  pointId: Type.Integer(),
  pointName: Type.String(),
  pointKind: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  note: Nullable(Type.String()),
  cancelled: Type.Boolean(),
  needs: Type.Array(ShiftNeed),
  /** The caller's active sign-up on this shift. */
  mySignup: Nullable(Type.Object({ id: Type.Integer(), roleId: Type.Integer() })),
})
export type Shift = Static<typeof Shift>

export const ShiftInput = Type.Object(
  {
    pointId: Type.Integer({ minimum: 1 }),
    startsAt: Instant,
    endsAt: Instant,
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    needs: Type.Array(
      Type.Object(
        { roleId: Type.Integer({ minimum: 1 }), needed: Type.Integer({ minimum: 1, maximum: 50 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
  },
  { additionalProperties: false },
)
export type ShiftInput = Static<typeof ShiftInput>

const ShiftNeeds = Type.Array(
  Type.Object(
    { roleId: Type.Integer({ minimum: 1 }), needed: Type.Integer({ minimum: 1, maximum: 50 }) },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 10 },
)
const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })

/** At most this many shifts in one series. */
export const MAX_SERIES_SHIFTS = 60

/**
 * Many shifts at one point with the same times and needs: either a list of Shanghai dates, or weekdays
 * (1 = Monday … 7 = Sunday) over a number of weeks from a date. `preview` checks and lists them only.
 */
export const ShiftSeriesInput = Type.Object(
  {
    pointId: Type.Integer({ minimum: 1 }),
    /** Shanghai local times; a shift ends the same day. */
    startTime: ClockTime,
    endTime: ClockTime,
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    needs: ShiftNeeds,
    dates: Type.Optional(Type.Array(Day, { minItems: 1, maxItems: MAX_SERIES_SHIFTS })),
    repeat: Type.Optional(
      Type.Object(
        {
          from: Day,
          weeks: Type.Integer({ minimum: 1, maximum: 26 }),
          weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
        },
        { additionalProperties: false },
      ),
    ),
    preview: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type ShiftSeriesInput = Static<typeof ShiftSeriesInput>

export const ShiftSeriesResult = Type.Object({
  occurrences: Type.Array(Type.Object({ startsAt: Type.String(), endsAt: Type.String() })),
  /** The shifts made; empty for a preview. */
  created: Type.Array(Shift),
})
export type ShiftSeriesResult = Static<typeof ShiftSeriesResult>

export const ShiftListQuery = Type.Object(
  {
    pointId: Type.Optional(Type.Integer({ minimum: 1 })),
    roleId: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Shanghai dates, inclusive; default today and the next 13 days. */
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    /** Only shifts with a free place. */
    open: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type ShiftListQuery = Static<typeof ShiftListQuery>

export const SignupBody = Type.Object(
  { roleId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)

export const ATTENDANCE = ['upcoming', 'checked_in', 'completed', 'no_show', 'cancelled'] as const

export const Signup = Type.Object({
  id: Type.Integer(),
  shiftId: Type.Integer(),
  pointId: Type.Integer(),
  pointName: Type.String(),
  roleId: Type.Integer(),
  roleName: Type.String(),
  volunteerId: Type.Integer(),
  volunteerName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  attendance: Type.Enum([...ATTENDANCE]),
  checkedInAt: Nullable(Type.String()),
  checkedOutAt: Nullable(Type.String()),
  autoCheckedOut: Type.Boolean(),
  minutes: Nullable(Type.Integer()),
  verifiedMinutes: Nullable(Type.Integer()),
  verifiedAt: Nullable(Type.String()),
  adjustReason: Nullable(Type.String()),
  version: Type.Integer(),
})
export type Signup = Static<typeof Signup>

export const VolunteerQrToken = Type.Object({
  token: Type.String(),
  /** When the token stops being accepted; fetch a new one before. */
  expiresAt: Type.String(),
  refreshAfterMs: Type.Integer(),
  /** The token as a QR code (SVG markup). */
  svg: Type.String(),
})
export type VolunteerQrToken = Static<typeof VolunteerQrToken>

export const VolunteerScanBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 300 }),
    /** Chosen by the scanning device once per scan; a retry of the same scan repeats it. */
    nonce: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }),
    action: Type.Enum(['in', 'out']),
  },
  { additionalProperties: false },
)
export type VolunteerScanBody = Static<typeof VolunteerScanBody>

export const VolunteerScanResult = Type.Object({
  signupId: Type.Integer(),
  action: Type.Enum(['in', 'out']),
  at: Type.String(),
  /** True when this nonce had already been recorded: the retry changed nothing. */
  duplicate: Type.Boolean(),
  volunteerName: Type.String(),
  pointName: Type.String(),
  minutes: Nullable(Type.Integer()),
})
export type VolunteerScanResult = Static<typeof VolunteerScanResult>

export const VerifyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    minutes: Type.Integer({ minimum: 0, maximum: 720 }),
    reason: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)

/**
 * Several finished sign-ups decided at once, all or nothing: `approve` confirms each one's recorded minutes,
 * `reject` sets zero with one reason for all. Adjusting to other minutes stays one sign-up at a time.
 */
export const VerifyBatchBody = Type.Object(
  {
    decision: Type.Enum(['approve', 'reject']),
    reason: Type.Optional(Type.String({ maxLength: 300 })),
    items: Type.Array(
      Type.Object(
        { id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
)
export type VerifyBatchBody = Static<typeof VerifyBatchBody>

export const PointSignupQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    /** Only finished sign-ups whose hours are not verified yet. */
    unverified: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const HoursQuery = Type.Object(
  {
    by: Type.Enum(['volunteer', 'point', 'unit']),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    area: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
)
export type HoursQuery = Static<typeof HoursQuery>

export const HoursRow = Type.Object({
  id: Nullable(Type.Integer()),
  name: Type.String(),
  verifiedMinutes: Type.Integer(),
  pendingMinutes: Type.Integer(),
  shifts: Type.Integer(),
})

export const MyHours = Type.Object({
  verifiedMinutes: Type.Integer(),
  pendingMinutes: Type.Integer(),
  shifts: Type.Integer(),
  noShows: Type.Integer(),
  byPoint: Type.Array(HoursRow),
})

export const Leaderboard = Type.Object({
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(
    Type.Object({ displayName: Type.String(), verifiedMinutes: Type.Integer(), me: Type.Boolean() }),
  ),
  /** Whether the caller is hidden from the board. */
  meHidden: Type.Boolean(),
})
