/**
 * The registry API: buildings, units, party organisations, people, parks and stations, and each row's history
 * (people's earlier versions are left out: they hold personal data).
 */
import Type from 'typebox'
import { CountedPage, IdParams, Ok, SortParam } from './common.ts'
import { COVERAGE_CATEGORIES } from './coverage.ts'
import {
  Building,
  BuildingDetail,
  BuildingInput,
  ChiefInput,
  DeleteQuery,
  HistoryEntry,
  ListQuery,
  PARTY_ORG_TYPES,
  Park,
  ParkInput,
  PartyOrg,
  PartyOrgInput,
  Person,
  PersonInput,
  STATION_KINDS,
  Station,
  StationInput,
  UNIT_KINDS,
  Unit,
  UnitInput,
  withVersion,
} from './registry.ts'
import type { RouteTable } from './route-table.ts'

export const BuildingListQuery = Type.Object(
  {
    ...ListQuery.properties,
    park: Type.Optional(Type.Integer({ minimum: 1 })),
    inScope: Type.Optional(Type.Boolean()),
    sort: Type.Optional(SortParam),
  },
  { additionalProperties: false },
)

export const UnitListQuery = Type.Object(
  {
    ...ListQuery.properties,
    building: Type.Optional(Type.Integer({ minimum: 1 })),
    category: Type.Optional(Type.Enum([...COVERAGE_CATEGORIES])),
    kind: Type.Optional(Type.Enum([...UNIT_KINDS])),
    sort: Type.Optional(SortParam),
  },
  { additionalProperties: false },
)

export const OrgListQuery = Type.Object(
  {
    ...ListQuery.properties,
    type: Type.Optional(Type.Enum([...PARTY_ORG_TYPES])),
    sort: Type.Optional(SortParam),
  },
  { additionalProperties: false },
)

export const PeopleListQuery = Type.Object(
  {
    ...ListQuery.properties,
    unit: Type.Optional(Type.Integer({ minimum: 1 })),
    org: Type.Optional(Type.Integer({ minimum: 1 })),
    members: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const ParkListQuery = Type.Object(
  { area: Type.Optional(Type.String({ maxLength: 12 })) },
  { additionalProperties: false },
)

export const StationListQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ maxLength: 12 })),
    kind: Type.Optional(Type.Enum([...STATION_KINDS])),
  },
  { additionalProperties: false },
)

/** A save sends the version it read, so a row changed meanwhile is refused (409) rather than overwritten. */
export const BuildingUpdate = withVersion(BuildingInput)
export const UnitUpdate = withVersion(UnitInput)
export const PartyOrgUpdate = withVersion(PartyOrgInput)
export const PersonUpdate = withVersion(PersonInput)
export const ParkUpdate = withVersion(ParkInput)
export const StationUpdate = withVersion(StationInput)

export const CreatedId = Type.Object({ id: Type.Integer() })
export const History = Type.Array(HistoryEntry)

export const registryApi = {
  'GET /api/buildings': { query: BuildingListQuery, response: CountedPage(Building) },
  'GET /api/buildings/:id': { params: IdParams, response: BuildingDetail },
  'POST /api/buildings': { body: BuildingInput, response: Building, status: 201 },
  'PUT /api/buildings/:id': { params: IdParams, body: BuildingUpdate, response: Building },
  'DELETE /api/buildings/:id': { params: IdParams, query: DeleteQuery, response: Ok },
  'PUT /api/buildings/:id/chief': { params: IdParams, body: ChiefInput, response: Building },
  'DELETE /api/buildings/:id/chief': { params: IdParams, query: DeleteQuery, response: Building },

  'GET /api/units': { query: UnitListQuery, response: CountedPage(Unit) },
  'GET /api/units/:id': { params: IdParams, response: Unit },
  'POST /api/units': { body: UnitInput, response: Unit, status: 201 },
  'PUT /api/units/:id': { params: IdParams, body: UnitUpdate, response: Unit },
  'DELETE /api/units/:id': { params: IdParams, query: DeleteQuery, response: Ok },

  'GET /api/party-orgs': { query: OrgListQuery, response: CountedPage(PartyOrg) },
  'GET /api/party-orgs/:id': { params: IdParams, response: PartyOrg },
  'POST /api/party-orgs': { body: PartyOrgInput, response: PartyOrg, status: 201 },
  'PUT /api/party-orgs/:id': { params: IdParams, body: PartyOrgUpdate, response: PartyOrg },
  'DELETE /api/party-orgs/:id': { params: IdParams, query: DeleteQuery, response: Ok },

  // People's personal data is masked in lists and shown whole only to the roles allowed (the read is audited).
  'GET /api/people': { query: PeopleListQuery, response: CountedPage(Person) },
  'GET /api/people/:id': { params: IdParams, response: Person },
  'POST /api/people': { body: PersonInput, response: Person, status: 201 },
  'PUT /api/people/:id': { params: IdParams, body: PersonUpdate, response: Person },
  'DELETE /api/people/:id': { params: IdParams, query: DeleteQuery, response: Ok },

  'GET /api/parks': { query: ParkListQuery, response: Type.Object({ items: Type.Array(Park) }) },
  'POST /api/parks': { body: ParkInput, response: CreatedId, status: 201 },
  'GET /api/parks/:id': { params: IdParams, response: Park },
  'PUT /api/parks/:id': { params: IdParams, body: ParkUpdate, response: Park },
  'DELETE /api/parks/:id': { params: IdParams, query: DeleteQuery, response: Ok },

  'GET /api/stations': { query: StationListQuery, response: Type.Object({ items: Type.Array(Station) }) },
  'POST /api/stations': { body: StationInput, response: Station, status: 201 },
  'PUT /api/stations/:id': { params: IdParams, body: StationUpdate, response: Station },
  'DELETE /api/stations/:id': { params: IdParams, query: DeleteQuery, response: Ok },

  'GET /api/buildings/:id/history': { params: IdParams, response: History },
  'GET /api/units/:id/history': { params: IdParams, response: History },
  'GET /api/party-orgs/:id/history': { params: IdParams, response: History },
  'GET /api/parks/:id/history': { params: IdParams, response: History },
  'GET /api/stations/:id/history': { params: IdParams, response: History },
} as const satisfies RouteTable
