import Type, { type Static } from 'typebox'
import { CompletenessItem } from './census.ts'
import { DateText, Nullable, PageQuery } from './common.ts'

const Text = (max = 200) => Type.String({ minLength: 1, maxLength: max })

export const UNIT_KINDS = ['private', 'foreign', 'state', 'social_org', 'agency'] as const
export const PARTY_ORG_TYPES = ['committee', 'general_branch', 'branch', 'joint_branch'] as const
export const MEMBER_STATUSES = ['formal', 'probationary'] as const
export const STATION_KINDS = ['service_station', 'micro_home', 'center', 'life_station'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number]
export type StationKind = (typeof STATION_KINDS)[number]

/** Every editable row: `version` is sent back on save (optimistic locking). */
const Row = { id: Type.Integer(), version: Type.Integer() }

export const ListQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ maxLength: 12 })),
    q: Type.Optional(Type.String({ maxLength: 60 })),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type ListQuery = Static<typeof ListQuery>

/** The keys each registry list can be sorted by (`sort=key` or `sort=-key`). */
export const UNIT_SORTS = ['name', 'employees', 'floor', 'members'] as const
export const BUILDING_SORTS = ['name', 'floors', 'units'] as const
export const PARTY_ORG_SORTS = ['name', 'members'] as const

// ---- parks
export const ParkInput = Type.Object(
  { areaCode: Type.String({ maxLength: 12 }), name: Text(100) },
  { additionalProperties: false },
)
export type ParkInput = Static<typeof ParkInput>
export const Park = Type.Object({
  ...Row,
  areaCode: Type.String(),
  areaName: Type.String(),
  name: Type.String(),
  buildingCount: Type.Integer(),
})
export type Park = Static<typeof Park>

// ---- buildings
export const BuildingInput = Type.Object(
  {
    areaCode: Type.String({ maxLength: 12 }),
    parkId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    name: Text(100),
    address: Text(200),
    floors: Type.Integer({ minimum: 1, maximum: 200 }),
    inUse: Type.Optional(Type.Boolean()),
    propertyCompany: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    owner: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  },
  { additionalProperties: false },
)
export type BuildingInput = Static<typeof BuildingInput>

export const Chief = Type.Object({
  kind: Type.Enum(['person', 'unit']),
  id: Type.Integer(),
  name: Type.String(),
  since: Nullable(Type.String()),
  /** The assignment's version: a change or removal names it, as every other edit does. */
  version: Type.Integer(),
})
export type Chief = Static<typeof Chief>

export const Building = Type.Object({
  ...Row,
  areaCode: Type.String(),
  areaName: Type.String(),
  parkId: Nullable(Type.Integer()),
  parkName: Nullable(Type.String()),
  name: Type.String(),
  address: Type.String(),
  floors: Type.Integer(),
  inUse: Type.Boolean(),
  inCensusScope: Type.Boolean(),
  propertyCompany: Nullable(Type.String()),
  owner: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  chief: Nullable(Chief),
  unitCount: Type.Integer(),
})
export type Building = Static<typeof Building>

// ---- units
export const UnitInput = Type.Object(
  {
    uscc: Type.String({ minLength: 18, maxLength: 18 }),
    name: Text(100),
    kind: Type.Enum([...UNIT_KINDS]),
    industry: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    employees: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
    buildingId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    /** Required when the unit is not in a building; otherwise the building's area is used. */
    areaCode: Type.Optional(Type.String({ maxLength: 12 })),
    floorFrom: Type.Optional(Nullable(Type.Integer({ minimum: -5, maximum: 200 }))),
    floorTo: Type.Optional(Nullable(Type.Integer({ minimum: -5, maximum: 200 }))),
    settledOn: Type.Optional(Nullable(DateText)),
    leftOn: Type.Optional(Nullable(DateText)),
    instructorSent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type UnitInput = Static<typeof UnitInput>

export const Unit = Type.Object({
  ...Row,
  uscc: Type.String(),
  name: Type.String(),
  kind: Type.Enum([...UNIT_KINDS]),
  industry: Nullable(Type.String()),
  employees: Nullable(Type.Integer()),
  buildingId: Nullable(Type.Integer()),
  buildingName: Nullable(Type.String()),
  areaCode: Type.String(),
  floorFrom: Nullable(Type.Integer()),
  floorTo: Nullable(Type.Integer()),
  settledOn: Nullable(Type.String()),
  leftOn: Nullable(Type.String()),
  instructorSent: Type.Boolean(),
  formalMembers: Type.Integer(),
  probationaryMembers: Type.Integer(),
  /** 党统 category: own | joint | should_have | only_members | no_members (null once the unit has left). */
  category: Nullable(Type.String()),
})
export type Unit = Static<typeof Unit>

// ---- party organisations
export const PartyOrgInput = Type.Object(
  {
    name: Text(100),
    type: Type.Enum([...PARTY_ORG_TYPES]),
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    areaCode: Type.String({ maxLength: 12 }),
    establishedOn: Type.Optional(Nullable(DateText)),
    secretaryPersonId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    hasCommittee: Type.Optional(Type.Boolean()),
    coversUnitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })),
    coversBuildingIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
)
export type PartyOrgInput = Static<typeof PartyOrgInput>

export const PartyOrg = Type.Object({
  ...Row,
  name: Type.String(),
  type: Type.Enum([...PARTY_ORG_TYPES]),
  parentId: Nullable(Type.Integer()),
  parentName: Nullable(Type.String()),
  areaCode: Type.String(),
  areaName: Type.String(),
  establishedOn: Nullable(Type.String()),
  secretary: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  hasCommittee: Type.Boolean(),
  covers: Type.Object({
    units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    buildings: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  }),
  formalMembers: Type.Integer(),
  probationaryMembers: Type.Integer(),
})
export type PartyOrg = Static<typeof PartyOrg>

// ---- people and members
export const MembershipInput = Type.Object(
  {
    partyOrgId: Type.Integer({ minimum: 1 }),
    status: Type.Enum([...MEMBER_STATUSES]),
    joinedOn: Type.Optional(Nullable(DateText)),
    relationTransferred: Type.Optional(Type.Boolean()),
    floating: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/**
 * A person to save. On an update, `phone`, `idNumber` and `birthDate` left out keep what is stored (null
 * clears): a caller shown them masked leaves them out. Entering or changing an ID number, or a stored birth
 * date, needs person.pii over the person (`person_pii_required` otherwise).
 */
export const PersonInput = Type.Object(
  {
    name: Text(60),
    gender: Type.Optional(Nullable(Type.Enum(['male', 'female']))),
    birthDate: Type.Optional(Nullable(DateText)),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    idNumber: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
    education: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    membership: Type.Optional(Nullable(MembershipInput)),
  },
  { additionalProperties: false },
)
export type PersonInput = Static<typeof PersonInput>

export const Person = Type.Object({
  ...Row,
  name: Type.String(),
  gender: Nullable(Type.String()),
  /**
   * True when phone and ID number are masked and the birth date withheld: in lists, and for callers without
   * person.pii over the person. Full reads are audited.
   */
  masked: Type.Boolean(),
  /** The full birth date, unmasked reads only (null when masked). */
  birthDate: Nullable(Type.String()),
  /** The birth year, always (with the date it would narrow a masked ID number to a handful of numbers). */
  birthYear: Nullable(Type.Integer()),
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  education: Nullable(Type.String()),
  unitId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  membership: Nullable(
    Type.Object({
      partyOrgId: Type.Integer(),
      partyOrgName: Type.String(),
      status: Type.Enum([...MEMBER_STATUSES]),
      joinedOn: Nullable(Type.String()),
      relationTransferred: Type.Boolean(),
      floating: Type.Boolean(),
    }),
  ),
})
export type Person = Static<typeof Person>

// ---- chiefs and stations
export const ChiefInput = Type.Object(
  {
    personId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    since: Type.Optional(Nullable(DateText)),
    /** The version of the chief assignment the caller saw; null when it saw none. */
    version: Nullable(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export type ChiefInput = Static<typeof ChiefInput>

export const StationInput = Type.Object(
  {
    kind: Type.Enum([...STATION_KINDS]),
    name: Text(100),
    areaCode: Type.String({ maxLength: 12 }),
    buildingId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    parkId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
export type StationInput = Static<typeof StationInput>

export const Station = Type.Object({
  ...Row,
  kind: Type.Enum([...STATION_KINDS]),
  name: Type.String(),
  areaCode: Type.String(),
  buildingId: Nullable(Type.Integer()),
  buildingName: Nullable(Type.String()),
  parkId: Nullable(Type.Integer()),
  address: Nullable(Type.String()),
  description: Nullable(Type.String()),
})
export type Station = Static<typeof Station>

/** Sent with a save: the version the client read. */
export const VersionBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const withVersion = <T extends Type.TProperties>(input: Type.TObject<T>) =>
  Type.Object({ ...input.properties, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })

export const BuildingDetail = Type.Object({
  building: Building,
  units: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      kind: Type.String(),
      floorFrom: Nullable(Type.Integer()),
      floorTo: Nullable(Type.Integer()),
      operating: Type.Boolean(),
      formalMembers: Type.Integer(),
      probationaryMembers: Type.Integer(),
      category: Nullable(Type.String()),
    }),
  ),
  orgs: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      type: Type.String(),
      via: Type.Enum(['building', 'unit']),
    }),
  ),
  stations: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String() })),
  completeness: Type.Object({
    score: Type.Integer({ minimum: 0, maximum: 5 }),
    items: Type.Array(CompletenessItem),
  }),
})
export type BuildingDetail = Static<typeof BuildingDetail>

export const HistoryEntry = Type.Object({
  id: Type.Integer(),
  op: Type.String(),
  version: Type.Integer(),
  at: Type.String(),
  username: Nullable(Type.String()),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
})
export type HistoryEntry = Static<typeof HistoryEntry>

export const DeleteQuery = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
