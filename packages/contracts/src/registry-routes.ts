/** The registry API routes declared in the table so far (the rest are still declared in the server's routes). */
import Type from 'typebox'
import { CountedPage, IdParams, SortParam } from './common.ts'
import { COVERAGE_CATEGORIES } from './coverage.ts'
import {
  Building,
  BuildingDetail,
  ListQuery,
  PARTY_ORG_TYPES,
  PartyOrg,
  UNIT_KINDS,
  Unit,
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

export const registryApi = {
  'GET /api/buildings': { query: BuildingListQuery, response: CountedPage(Building) },
  'GET /api/buildings/:id': { params: IdParams, response: BuildingDetail },
  'GET /api/units': { query: UnitListQuery, response: CountedPage(Unit) },
  'GET /api/party-orgs': { query: OrgListQuery, response: CountedPage(PartyOrg) },
  'GET /api/party-orgs/:id': { params: IdParams, response: PartyOrg },
} as const satisfies RouteTable
