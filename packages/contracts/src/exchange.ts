import Type, { type Static } from 'typebox'
import { DateText, Nullable, PageQuery } from './common.ts'

export const NEED_STATE_LIST = [
  'submitted',
  'accepted',
  'in_progress',
  'delivered',
  'closed',
  'rejected',
  'duplicate',
  'reopened',
] as const
export const NEED_ACTION_LIST = [
  'claim',
  'dispatch',
  'start',
  'deliver',
  'close',
  'reopen',
  'reject',
  'duplicate',
] as const

export const NeedInput = Type.Object(
  {
    categoryCode: Type.String({ maxLength: 42 }),
    description: Type.String({ minLength: 2, maxLength: 2000 }),
    /** Where: a building (and floor), or an area with an address. */
    buildingId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    floor: Type.Optional(Nullable(Type.Integer({ minimum: -5, maximum: 200 }))),
    areaCode: Type.Optional(Type.String({ maxLength: 12 })),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    /** Posting on behalf of a unit the caller belongs to (e.g. a newly settled firm). */
    requesterUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false },
)
export type NeedInput = Static<typeof NeedInput>

export const NeedEvent = Type.Object({
  id: Type.Integer(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  by: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: Type.String(),
})

export const Need = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  description: Type.String(),
  areaCode: Type.String(),
  areaName: Type.String(),
  buildingId: Nullable(Type.Integer()),
  buildingName: Nullable(Type.String()),
  floor: Nullable(Type.Integer()),
  address: Nullable(Type.String()),
  requesterUnitName: Nullable(Type.String()),
  /** Masked for providers until they hold the order. */
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  status: Type.Enum(['open', 'closed']),
  state: Type.Enum([...NEED_STATE_LIST]),
  providerUnitId: Nullable(Type.Integer()),
  providerName: Nullable(Type.String()),
  submittedAt: Type.String(),
  firstResponseDueAt: Type.String(),
  resolutionDueAt: Type.String(),
  overdue: Type.Boolean(),
  escalatedAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  /** Until when the requester may reopen (7 days after delivery or closing). */
  reopenUntil: Nullable(Type.String()),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
  events: Type.Optional(Type.Array(NeedEvent)),
  attachments: Type.Optional(
    Type.Array(Type.Object({ id: Type.Integer(), contentType: Type.String(), sizeBytes: Type.Integer() })),
  ),
})
export type Need = Static<typeof Need>

export const NeedActionBody = Type.Object(
  {
    action: Type.Enum([...NEED_ACTION_LIST]),
    /** claim: which of the caller's units takes it; dispatch: the provider staff give it to. */
    providerUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    /** close: the requester's rating (评单). */
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
    duplicateOf: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export type NeedActionBody = Static<typeof NeedActionBody>

export const NeedListQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ maxLength: 12 })),
    state: Type.Optional(Type.Enum([...NEED_STATE_LIST])),
    category: Type.Optional(Type.String({ maxLength: 42 })),
    overdue: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const ServiceCategory = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parentCode: Nullable(Type.String()),
  firstResponseHours: Type.Integer(),
  resolutionHours: Type.Integer(),
  newEnterpriseOnly: Type.Boolean(),
})
export type ServiceCategory = Static<typeof ServiceCategory>

export const OFFERING_LISTS = ['service', 'resource', 'activity'] as const
export const AUDIENCES = ['residents', 'workers', 'enterprises', 'members'] as const

/** Who may use an offering, as fields the system can check (HSDS "eligibility", made structured). */
export const Eligibility = Type.Object(
  {
    audiences: Type.Optional(Type.Array(Type.Enum([...AUDIENCES]), { maxItems: 4 })),
    unitKinds: Type.Optional(
      Type.Array(Type.Enum(['private', 'foreign', 'state', 'social_org', 'agency']), { maxItems: 5 }),
    ),
    newlySettledWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type Eligibility = Static<typeof Eligibility>

export const OpeningHours = Type.Array(
  Type.Object(
    {
      day: Type.Integer({ minimum: 1, maximum: 7 }),
      opens: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
      closes: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    },
    { additionalProperties: false },
  ),
  { maxItems: 21 },
)

export const OfferingInput = Type.Object(
  {
    providerUnitId: Type.Integer({ minimum: 1 }),
    allianceId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    list: Type.Enum([...OFFERING_LISTS]),
    categoryCode: Type.String({ maxLength: 42 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    areaCodes: Type.Optional(Type.Array(Type.String({ maxLength: 12 }), { maxItems: 50 })),
    stationIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 })),
    buildingIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 })),
    openingHours: Type.Optional(OpeningHours),
    scheduleNote: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    eligibility: Type.Optional(Eligibility),
    capacityConcurrent: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000 }))),
    capacityPerMonth: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    status: Type.Optional(Type.Enum(['active', 'paused', 'ended'])),
    lastVerifiedOn: Type.Optional(Nullable(DateText)),
    /** A resource booked by the hour (left out: unchanged on an update, off on a new offering). */
    bookable: Type.Optional(Type.Boolean()),
    bookingNeedsApproval: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type OfferingInput = Static<typeof OfferingInput>

export const Offering = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  providerUnitId: Type.Integer(),
  providerName: Type.String(),
  allianceId: Nullable(Type.Integer()),
  list: Type.Enum([...OFFERING_LISTS]),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  areaCodes: Type.Array(Type.String()),
  stationIds: Type.Array(Type.Integer()),
  buildingIds: Type.Array(Type.Integer()),
  openingHours: OpeningHours,
  scheduleNote: Nullable(Type.String()),
  eligibility: Eligibility,
  capacityConcurrent: Nullable(Type.Integer()),
  capacityPerMonth: Nullable(Type.Integer()),
  openOrders: Type.Integer(),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  status: Type.Enum(['active', 'paused', 'ended']),
  lastVerifiedOn: Nullable(Type.String()),
  bookable: Type.Boolean(),
  bookingNeedsApproval: Type.Boolean(),
})
export type Offering = Static<typeof Offering>

export const OfferingQuery = Type.Object(
  {
    list: Type.Optional(Type.Enum([...OFFERING_LISTS])),
    category: Type.Optional(Type.String({ maxLength: 42 })),
    area: Type.Optional(Type.String({ maxLength: 12 })),
    alliance: Type.Optional(Type.Integer({ minimum: 1 })),
    provider: Type.Optional(Type.Integer({ minimum: 1 })),
    q: Type.Optional(Type.String({ maxLength: 60 })),
    available: Type.Optional(Type.Boolean()),
    /** Only resources open for booking (资源预约). */
    bookable: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const ALLIANCE_KINDS = ['alliance', 'branch_chapter', 'federation'] as const
export type AllianceKind = (typeof ALLIANCE_KINDS)[number]

export const AllianceMember = Type.Object({
  id: Type.Integer(),
  role: Type.Enum(['lead', 'coordinating', 'member']),
  unitId: Nullable(Type.Integer()),
  buildingId: Nullable(Type.Integer()),
  /** A federation's member party organisation (general or joint branch …), with its type. */
  partyOrgId: Nullable(Type.Integer()),
  orgType: Nullable(Type.Enum(['committee', 'general_branch', 'branch', 'joint_branch'])),
  name: Type.String(),
  joinedOn: Nullable(Type.String()),
  /** For a building member: its 楼长 (person or unit name), or null when it has none. */
  chief: Nullable(Type.String()),
})

export const Alliance = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  name: Type.String(),
  areaCode: Type.String(),
  areaName: Type.String(),
  kind: Type.Enum([...ALLIANCE_KINDS]),
  parentId: Nullable(Type.Integer()),
  parentName: Nullable(Type.String()),
  foundedOn: Nullable(Type.String()),
  description: Nullable(Type.String()),
  figures: Type.Object({
    members: Type.Integer(),
    buildingMembers: Type.Integer(),
    buildingsWithChief: Type.Integer(),
    offerings: Type.Object({ service: Type.Integer(), resource: Type.Integer(), activity: Type.Integer() }),
    needsServed: Type.Integer(),
  }),
  members: Type.Optional(Type.Array(AllianceMember)),
})
export type Alliance = Static<typeof Alliance>

export const AllianceInput = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    areaCode: Type.String({ maxLength: 12 }),
    /** 'alliance' when left out; a branch_chapter (分会) needs a parent. */
    kind: Type.Optional(Type.Enum([...ALLIANCE_KINDS])),
    /** The alliance this one sits under: in the same area or one containing it. */
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    foundedOn: Type.Optional(Nullable(DateText)),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
export type AllianceInput = Static<typeof AllianceInput>

/** A change to an alliance (its area stays): send the version you read; fields left out keep their value. */
export const AllianceUpdate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    kind: Type.Optional(Type.Enum([...ALLIANCE_KINDS])),
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    foundedOn: Type.Optional(Nullable(DateText)),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type AllianceUpdate = Static<typeof AllianceUpdate>

export const AllianceQuery = Type.Object(
  { area: Type.Optional(Type.String({ maxLength: 12 })) },
  { additionalProperties: false },
)

export const AllianceMemberInput = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    buildingId: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Only into a federation (联合会). Exactly one of unitId, buildingId, partyOrgId. */
    partyOrgId: Type.Optional(Type.Integer({ minimum: 1 })),
    role: Type.Enum(['lead', 'coordinating', 'member']),
    joinedOn: Type.Optional(Nullable(DateText)),
  },
  { additionalProperties: false },
)
export type AllianceMemberInput = Static<typeof AllianceMemberInput>

export const NeedSummary = Type.Object({
  total: Type.Integer(),
  overdue: Type.Integer(),
  escalated: Type.Integer(),
  byState: Type.Record(Type.String(), Type.Integer()),
  byCategory: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), total: Type.Integer(), overdue: Type.Integer() }),
  ),
})
export type NeedSummary = Static<typeof NeedSummary>

/**
 * 微心愿: a wish is a need of the category 'wish'. The public wall shows what a stranger may see of it:
 * the text (phone-like numbers masked), where (building or street, never the floor), when (the day) and
 * how far it has got; never who wished it.
 */
export const WISH_CATEGORY = 'wish'
export const WISH_WALL_STATES = ['open', 'claimed', 'delivered', 'confirmed'] as const
export const WishWallQuery = Type.Object(
  {
    building: Type.Optional(Type.Integer({ minimum: 1 })),
    area: Type.Optional(Type.String({ pattern: '^\\d{6,12}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
)
export const WishWallItem = Type.Object({
  id: Type.Integer(),
  description: Type.String(),
  areaName: Type.String(),
  buildingName: Nullable(Type.String()),
  state: Type.Enum([...WISH_WALL_STATES]),
  /** The firm that took it (a firm's good deed is public); null for a person or nobody yet. */
  claimedBy: Nullable(Type.String()),
  postedOn: DateText,
})
export type WishWallItem = Static<typeof WishWallItem>
export const WishWall = Type.Object({
  place: Type.String(),
  items: Type.Array(WishWallItem),
  counts: Type.Object({
    open: Type.Integer(),
    claimed: Type.Integer(),
    delivered: Type.Integer(),
    confirmed: Type.Integer(),
  }),
})
export type WishWall = Static<typeof WishWall>
