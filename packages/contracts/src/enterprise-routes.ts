/** The enterprise API: the policy library and its eligibility rules, incubators, the 24-hour desk and brands. */
import Type from 'typebox'
import { IdParams, Ok } from './common.ts'
import {
  AssessmentInput,
  Brand,
  BrandInput,
  DeskItem,
  DeskNeedInput,
  DeskSetting,
  EligibilityRule,
  Incubatee,
  IncubateeExit,
  IncubateeInput,
  Incubator,
  IncubatorInput,
  IncubatorSeries,
  IncubatorServiceInput,
  Newcomer,
  NotifyResult,
  Policy,
  PolicyInput,
  PolicyUnits,
  RuleCheck,
  RuleField,
  ServiceTeam,
  ServiceTeamInput,
  UnitAttributesInput,
  UnitPolicies,
} from './enterprise.ts'
import type { RouteTable } from './route-table.ts'

const Items = <T extends Type.TSchema>(item: T) => Type.Object({ items: Type.Array(item) })
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })
const NewId = Type.Object({ id: Type.Integer() })

export const RuleCheckBody = Type.Object({ rule: EligibilityRule }, { additionalProperties: false })
export const PolicyListQuery = Type.Object(
  { inEffect: Type.Optional(Type.Boolean()), q: Type.Optional(Type.String({ maxLength: 50 })) },
  { additionalProperties: false },
)
export const PolicyUnitsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
)
export const IncubatorSeriesQuery = Type.Object(
  {
    from: DateStr,
    to: Type.Optional(DateStr),
    incubatorId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export const DeskAreaParams = Type.Object({ areaCode: Type.String({ maxLength: 12 }) })
export const DeskItemsQuery = Type.Object(
  { all: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)
export const DeskNeedPosted = Type.Object({ needId: Type.Integer() })

export const enterpriseApi = {
  // Policies and the rules that say which units qualify.
  'GET /api/enterprise/fields': { response: Items(RuleField) },
  'POST /api/enterprise/rules/check': { body: RuleCheckBody, response: RuleCheck },
  'GET /api/enterprise/policies': { query: PolicyListQuery, response: Items(Policy) },
  'POST /api/enterprise/policies': { body: PolicyInput, response: Policy, status: 201 },
  'GET /api/enterprise/policies/:id': { params: IdParams, response: Policy },
  'PUT /api/enterprise/policies/:id': { params: IdParams, body: PolicyInput, response: Policy },
  'GET /api/enterprise/policies/:id/units': {
    params: IdParams,
    query: PolicyUnitsQuery,
    response: PolicyUnits,
  },
  'POST /api/enterprise/policies/:id/notify': { params: IdParams, response: NotifyResult },
  'GET /api/enterprise/units/:id/policies': { params: IdParams, response: UnitPolicies },
  'PUT /api/enterprise/units/:id/attributes': { params: IdParams, body: UnitAttributesInput, response: Ok },

  // Incubators, their firms and the services given.
  'GET /api/enterprise/incubators': { response: Items(Incubator) },
  'GET /api/enterprise/incubators/series': { query: IncubatorSeriesQuery, response: IncubatorSeries },
  'POST /api/enterprise/incubators': { body: IncubatorInput, response: NewId, status: 201 },
  'GET /api/enterprise/incubators/:id/incubatees': { params: IdParams, response: Items(Incubatee) },
  'POST /api/enterprise/incubators/:id/incubatees': {
    params: IdParams,
    body: IncubateeInput,
    response: NewId,
    status: 201,
  },
  'POST /api/enterprise/incubatees/:id/exit': { params: IdParams, body: IncubateeExit, response: Ok },
  'POST /api/enterprise/incubatees/:id/services': {
    params: IdParams,
    body: IncubatorServiceInput,
    response: NewId,
    status: 201,
  },

  // The 24-hour desk: the newly-settled period, park service teams, newcomers and desk needs.
  'GET /api/enterprise/desk/settings/:areaCode': { params: DeskAreaParams, response: DeskSetting },
  'PUT /api/enterprise/desk/settings': { body: DeskSetting, response: Ok },
  'GET /api/enterprise/desk/teams': { response: Items(ServiceTeam) },
  'POST /api/enterprise/desk/teams': { body: ServiceTeamInput, response: Ok },
  'GET /api/enterprise/desk/newcomers': { response: Items(Newcomer) },
  'POST /api/enterprise/desk/needs': { body: DeskNeedInput, response: DeskNeedPosted, status: 201 },
  'GET /api/enterprise/desk/items': { query: DeskItemsQuery, response: Items(DeskItem) },

  // One brand per enterprise, its assessments and its public page.
  'GET /api/enterprise/brands': { response: Items(Brand) },
  'GET /api/enterprise/brands/:id': { params: IdParams, response: Brand },
  'POST /api/enterprise/brands': { body: BrandInput, response: Brand, status: 201 },
  'PUT /api/enterprise/brands/:id': { params: IdParams, body: BrandInput, response: Brand },
  'POST /api/enterprise/brands/:id/assessments': {
    params: IdParams,
    body: AssessmentInput,
    response: Brand,
    status: 201,
  },
  'GET /api/enterprise/public/brands/:id': { params: IdParams, response: Brand },
} as const satisfies RouteTable
