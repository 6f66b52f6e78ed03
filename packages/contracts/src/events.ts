/** Request and response schemas of the events API. */
import Type, { type Static } from 'typebox'

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])
const AreaCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })
const Instant = Type.String({ format: 'date-time', maxLength: 40 })

export const EVENT_KINDS = ['lecture', 'theme_day', 'activity', 'training', 'meeting'] as const
export type EventKind = (typeof EVENT_KINDS)[number]
/** The five "我来" themes first, then others. */
export const FIVE_THEMES = ['economy', 'harmony', 'home', 'public_good', 'civility'] as const
export const EVENT_THEMES = [...FIVE_THEMES, 'party_history', 'policy', 'culture', 'health', 'other'] as const
export type EventTheme = (typeof EVENT_THEMES)[number]
export const LECTURER_KINDS = ['university', 'expert', 'enterprise', 'media'] as const
export const EVENT_AUDIENCES = ['all', 'buildings', 'orgs'] as const
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'attended', 'no_show', 'cancelled'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

export const Lecturer = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.Enum([...LECTURER_KINDS]),
  organisation: Nullable(Type.String()),
  title: Nullable(Type.String()),
  topics: Nullable(Type.String()),
})
export type Lecturer = Static<typeof Lecturer>

export const LecturerInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    kind: Type.Enum([...LECTURER_KINDS]),
    organisation: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    title: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    topics: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  },
  { additionalProperties: false },
)
export type LecturerInput = Static<typeof LecturerInput>

export const EventInput = Type.Object(
  {
    kind: Type.Enum([...EVENT_KINDS]),
    theme: Type.Enum([...EVENT_THEMES]),
    title: Type.String({ minLength: 2, maxLength: 120 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    /** Required unless the venue (room or building) places the event. */
    areaCode: Type.Optional(AreaCode),
    stationRoomId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    buildingId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    organiserOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    startsAt: Instant,
    endsAt: Instant,
    capacity: Type.Integer({ minimum: 1, maximum: 5000 }),
    audience: Type.Optional(Type.Enum([...EVENT_AUDIENCES])),
    audienceIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })),
    campaignId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    lecturerIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })),
    checkinMarginMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    /** RFC 5545 rule (e.g. FREQ=WEEKLY;COUNT=6); must end (COUNT or UNTIL) within a year. */
    rrule: Type.Optional(Type.String({ minLength: 5, maxLength: 300 })),
  },
  { additionalProperties: false },
)
export type EventInput = Static<typeof EventInput>

export const EventUpdate = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    theme: Type.Optional(Type.Enum([...EVENT_THEMES])),
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    startsAt: Type.Optional(Instant),
    endsAt: Type.Optional(Instant),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    lecturerIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })),
    checkinMarginMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
  },
  { additionalProperties: false },
)
export type EventUpdate = Static<typeof EventUpdate>

export const EventCancel = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
)

export const MyRegistration = Type.Object({
  id: Type.Integer(),
  status: Type.Enum([...REGISTRATION_STATUSES]),
  /** 1-based place in the waitlist, when waitlisted. */
  waitlistPosition: Nullable(Type.Integer()),
  inside: Type.Boolean(),
})

export const Event = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  seriesId: Nullable(Type.Integer()),
  campaignId: Nullable(Type.Integer()),
  campaignName: Nullable(Type.String()),
  kind: Type.Enum([...EVENT_KINDS]),
  theme: Type.Enum([...EVENT_THEMES]),
  title: Type.String(),
  description: Nullable(Type.String()),
  areaCode: Type.String(),
  areaName: Type.String(),
  stationRoomId: Nullable(Type.Integer()),
  venueName: Nullable(Type.String()),
  buildingId: Nullable(Type.Integer()),
  location: Nullable(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  capacity: Type.Integer(),
  registered: Type.Integer(),
  waitlisted: Type.Integer(),
  attended: Type.Integer(),
  audience: Type.Enum([...EVENT_AUDIENCES]),
  audienceIds: Type.Array(Type.Integer()),
  status: Type.Enum(['scheduled', 'cancelled']),
  cancelReason: Nullable(Type.String()),
  checkinMarginMinutes: Type.Integer(),
  lecturers: Type.Array(Lecturer),
  mine: Nullable(MyRegistration),
  /** Whether the caller may edit, cancel and check people in. */
  canManage: Type.Boolean(),
})
export type Event = Static<typeof Event>

export const EventListQuery = Type.Object(
  {
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    area: Type.Optional(AreaCode),
    kind: Type.Optional(Type.Enum([...EVENT_KINDS])),
    campaign: Type.Optional(Type.Integer({ minimum: 1 })),
    mine: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
)
export type EventListQuery = Static<typeof EventListQuery>

export const RegisterBody = Type.Object(
  {
    /** An organiser signs a member up (person id); without it the caller registers themself. */
    personId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)

export const Registration = Type.Object({
  id: Type.Integer(),
  eventId: Type.Integer(),
  name: Type.String(),
  personId: Nullable(Type.Integer()),
  status: Type.Enum([...REGISTRATION_STATUSES]),
  inside: Type.Boolean(),
  registeredAt: Type.String(),
  attendedAt: Nullable(Type.String()),
})
export type Registration = Static<typeof Registration>

export const QrToken = Type.Object({
  token: Type.String(),
  /** The QR code as an SVG document. */
  svg: Type.String(),
  expiresAt: Type.String(),
})
export type QrToken = Static<typeof QrToken>

export const ScanBody = Type.Object(
  {
    /** Not bounded below: a short or mistyped code gets the service's sentence, not a validator's words. */
    token: Type.String({ maxLength: 200 }),
    /** Chosen by the scanner per scan; a retry sends the same nonce and counts once. */
    nonce: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    direction: Type.Optional(Type.Enum(['entry', 'exit'])),
    /** When the scan happened (offline scans replayed later); defaults to now. */
    scannedAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
)
export type ScanBody = Static<typeof ScanBody>

export const ScanResult = Type.Object({
  registrationId: Type.Integer(),
  name: Type.String(),
  direction: Type.Enum(['entry', 'exit']),
  status: Type.Enum([...REGISTRATION_STATUSES]),
  /** True when this nonce was seen before: the earlier result is returned, nothing counted again. */
  replayed: Type.Boolean(),
  scannedAt: Type.String(),
})
export type ScanResult = Static<typeof ScanResult>

export const CampaignInput = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    areaCode: AreaCode,
    eventKind: Type.Optional(Nullable(Type.Enum([...EVENT_KINDS]))),
    targetCount: Type.Integer({ minimum: 1, maximum: 100000 }),
    startsOn: DateOnly,
    endsOn: DateOnly,
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
export type CampaignInput = Static<typeof CampaignInput>

export const CampaignProgress = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  areaCode: Type.String(),
  eventKind: Nullable(Type.Enum([...EVENT_KINDS])),
  targetCount: Type.Integer(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  description: Nullable(Type.String()),
  /** Events of the campaign that have taken place (started by today) / are still planned. */
  held: Type.Integer(),
  planned: Type.Integer(),
  /** Held at the pace so far, extrapolated linearly to the end of the period. */
  forecast: Type.Integer(),
  onTrack: Type.Boolean(),
  elapsedShare: Type.Number(),
  attendees: Type.Integer(),
  byMonth: Type.Array(Type.Object({ month: Type.String(), held: Type.Integer(), planned: Type.Integer() })),
  byLecturerKind: Type.Array(Type.Object({ kind: Type.String(), events: Type.Integer() })),
  byTheme: Type.Array(Type.Object({ theme: Type.String(), events: Type.Integer() })),
})
export type CampaignProgress = Static<typeof CampaignProgress>

export const ParticipationQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    building: Type.Optional(Type.Integer({ minimum: 1 })),
    org: Type.Optional(Type.Integer({ minimum: 1 })),
    campaign: Type.Optional(Type.Integer({ minimum: 1 })),
    from: Type.Optional(DateOnly),
    to: Type.Optional(DateOnly),
    kind: Type.Optional(Type.Enum([...EVENT_KINDS])),
  },
  { additionalProperties: false },
)
export type ParticipationQuery = Static<typeof ParticipationQuery>

export const Participation = Type.Object({
  scope: Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  kind: Type.String(),
  targetMembers: Type.Integer(),
  reached: Type.Integer(),
  share: Type.Number(),
  /** The same figures per building (area/campaign scope) or per organisation. */
  breakdown: Type.Array(
    Type.Object({
      kind: Type.Enum(['building', 'org']),
      id: Type.Integer(),
      name: Type.String(),
      targetMembers: Type.Integer(),
      reached: Type.Integer(),
      share: Type.Number(),
    }),
  ),
})
export type Participation = Static<typeof Participation>

export const UnreachedMember = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  orgName: Type.String(),
  unitName: Nullable(Type.String()),
  buildingName: Nullable(Type.String()),
})
export type UnreachedMember = Static<typeof UnreachedMember>

export const StationRoomInput = Type.Object(
  {
    stationId: Type.Integer({ minimum: 1 }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    capacity: Type.Integer({ minimum: 1, maximum: 5000 }),
    opensAt: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })),
    closesAt: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })),
  },
  { additionalProperties: false },
)
export type StationRoomInput = Static<typeof StationRoomInput>

export const StationRoom = Type.Object({
  id: Type.Integer(),
  stationId: Type.Integer(),
  stationName: Type.String(),
  stationKind: Type.String(),
  areaCode: Type.String(),
  name: Type.String(),
  capacity: Type.Integer(),
  opensAt: Type.String(),
  closesAt: Type.String(),
})
export type StationRoom = Static<typeof StationRoom>

export const BookingInput = Type.Object(
  {
    purpose: Type.String({ minLength: 2, maxLength: 200 }),
    startsAt: Instant,
    endsAt: Instant,
  },
  { additionalProperties: false },
)
export type BookingInput = Static<typeof BookingInput>

export const Booking = Type.Object({
  id: Type.Integer(),
  stationRoomId: Type.Integer(),
  eventId: Nullable(Type.Integer()),
  purpose: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.Enum(['active', 'cancelled']),
})
export type Booking = Static<typeof Booking>
