/**
 * The organisational-life (组织生活) API: meeting kinds and rules, rosters, meetings and their photos, party
 * groups, compliance, dues, floating members, points and transfers (server/src/modules/orglife).
 */
import Type from 'typebox'
import { VisitPhotoSaved } from './census-routes.ts'
import { IdParams, Page } from './common.ts'
import {
  Absentee,
  AbsenteeQuery,
  ComplianceFigures,
  ComplianceOrgQuery,
  ComplianceOrgRow,
  ComplianceQuery,
  Meeting,
  MeetingInput,
  MeetingKind,
  MeetingListQuery,
  MeetingRule,
  MeetingRuleUpdate,
  MeetingSummary,
  MeetingUpdate,
  NewMeetingRule,
  OrgCompliance,
  OrgIdParams,
  OrgRoster,
  PartyGroup,
  PartyGroupInput,
  PartyGroupUpdate,
  YearQuery,
} from './orglife.ts'
import {
  DuesBaseInput,
  DuesBaseReveal,
  DuesImportResult,
  DuesRate,
  DuesRateQuery,
  DuesReport,
  DuesReportQuery,
  OrgDues,
  Payment,
  PaymentInput,
} from './orglife-dues.ts'
import { Floating, FloatingEnd, FloatingInput } from './orglife-floating.ts'
import { MyOrglife, OrgPoints, POINT_SOURCES, PointsRule, PointsRuleUpdate } from './orglife-points.ts'
import {
  LetterVerification,
  LetterVerifyQuery,
  Transfer,
  TransferDecision,
  TransferInput,
  TransferLetter,
  TransferListQuery,
  TransferReceipt,
  TransferRefusal,
} from './orglife-transfers.ts'
import type { RouteTable } from './route-table.ts'

/** A file answer (a workbook, a photo); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })

/** The version read, for a deletion (a meeting record, a party group). */
export const OrglifeVersionQuery = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const MeetingRuleParams = Type.Object(
  { code: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
)
export const MeetingPhotoParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  photoId: Type.Integer({ minimum: 1 }),
})
export const DuesBaseParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }), personId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const DuesPersonParams = Type.Object(
  { personId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const DuesImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean()), fileName: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
)
export const PointsRuleParams = Type.Object(
  { source: Type.Enum([...POINT_SOURCES]) },
  { additionalProperties: false },
)
export const OrgDirectoryQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
)
export const OrgDirectoryEntry = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  areaName: Type.String(),
})

export const orglifeApi = {
  // Meeting kinds, rules, rosters, meetings and their photos, party groups.
  'GET /api/orglife/kinds': { response: Type.Array(MeetingKind) },
  'GET /api/orglife/rules': { response: Type.Array(MeetingRule) },
  'POST /api/orglife/rules': { body: NewMeetingRule, response: MeetingRule, status: 201 },
  'PUT /api/orglife/rules/:code': {
    params: MeetingRuleParams,
    body: MeetingRuleUpdate,
    response: MeetingRule,
  },
  'GET /api/orglife/orgs/:id/roster': { params: OrgIdParams, response: OrgRoster },
  'GET /api/orglife/orgs/:id/meetings': {
    params: OrgIdParams,
    query: MeetingListQuery,
    response: Type.Array(MeetingSummary),
  },
  'POST /api/orglife/orgs/:id/meetings': {
    params: OrgIdParams,
    body: MeetingInput,
    response: Meeting,
    status: 201,
  },
  'GET /api/orglife/meetings/:id': { params: IdParams, response: Meeting },
  'PUT /api/orglife/meetings/:id': { params: IdParams, body: MeetingUpdate, response: Meeting },
  'DELETE /api/orglife/meetings/:id': {
    params: IdParams,
    query: OrglifeVersionQuery,
    response: Type.Null(),
    status: 204,
  },
  'POST /api/orglife/meetings/:id/photos': { params: IdParams, response: VisitPhotoSaved, status: 201 },
  'GET /api/orglife/meetings/:id/photos/:photoId': { params: MeetingPhotoParams, response: Binary },
  'GET /api/orglife/orgs/:id/groups': { params: OrgIdParams, response: Type.Array(PartyGroup) },
  'POST /api/orglife/orgs/:id/groups': {
    params: OrgIdParams,
    body: PartyGroupInput,
    response: Type.Array(PartyGroup),
    status: 201,
  },
  'PUT /api/orglife/groups/:id': {
    params: IdParams,
    body: PartyGroupUpdate,
    response: Type.Array(PartyGroup),
  },
  'DELETE /api/orglife/groups/:id': {
    params: IdParams,
    query: OrglifeVersionQuery,
    response: Type.Array(PartyGroup),
  },

  // Compliance: an organisation's year, an area's figures and their drill-downs, the yearly workbooks.
  'GET /api/orglife/orgs/:id/compliance': { params: OrgIdParams, query: YearQuery, response: OrgCompliance },
  'GET /api/orglife/compliance': { query: ComplianceQuery, response: ComplianceFigures },
  'GET /api/orglife/compliance/orgs': { query: ComplianceOrgQuery, response: Page(ComplianceOrgRow) },
  'GET /api/orglife/compliance/absentees': { query: AbsenteeQuery, response: Page(Absentee) },
  'GET /api/orglife/compliance/export': { query: ComplianceQuery, response: Binary },
  'GET /api/orglife/orgs/:id/compliance/export': { params: OrgIdParams, query: YearQuery, response: Binary },

  // Dues: the rate, bases, payments (by hand or from the template) and an area's report.
  'GET /api/orglife/dues/rate': { query: DuesRateQuery, response: DuesRate },
  'GET /api/orglife/orgs/:id/dues': { params: OrgIdParams, query: YearQuery, response: OrgDues },
  'PUT /api/orglife/orgs/:id/dues/bases/:personId': {
    params: DuesBaseParams,
    body: DuesBaseInput,
    response: DuesRate,
  },
  'GET /api/orglife/dues/bases/:personId': {
    params: DuesPersonParams,
    query: YearQuery,
    response: DuesBaseReveal,
  },
  'GET /api/orglife/orgs/:id/dues/payments': {
    params: OrgIdParams,
    query: YearQuery,
    response: Type.Array(Payment),
  },
  'POST /api/orglife/orgs/:id/dues/payments': {
    params: OrgIdParams,
    body: PaymentInput,
    response: Type.Array(Payment),
    status: 201,
  },
  'DELETE /api/orglife/dues/payments/:id': { params: IdParams, response: Type.Null(), status: 204 },
  'GET /api/orglife/orgs/:id/dues/template': { params: OrgIdParams, response: Binary },
  'POST /api/orglife/orgs/:id/dues/import': {
    params: OrgIdParams,
    query: DuesImportQuery,
    response: DuesImportResult,
  },
  'GET /api/orglife/dues/report': { query: DuesReportQuery, response: DuesReport },

  // Floating members.
  'GET /api/orglife/orgs/:id/floating': { params: OrgIdParams, response: Type.Array(Floating) },
  'POST /api/orglife/orgs/:id/floating': {
    params: OrgIdParams,
    body: FloatingInput,
    response: Floating,
    status: 201,
  },
  'POST /api/orglife/floating/:id/end': { params: IdParams, body: FloatingEnd, response: Floating },

  // Points and a member's own page.
  'GET /api/orglife/points/rules': { response: Type.Array(PointsRule) },
  'PUT /api/orglife/points/rules/:source': {
    params: PointsRuleParams,
    body: PointsRuleUpdate,
    response: Type.Array(PointsRule),
  },
  'GET /api/orglife/orgs/:id/points': { params: OrgIdParams, query: YearQuery, response: OrgPoints },
  'GET /api/orglife/me': { query: YearQuery, response: MyOrglife },

  // Transfers of membership (组织关系转接) and their letters.
  'GET /api/orglife/org-directory': { query: OrgDirectoryQuery, response: Type.Array(OrgDirectoryEntry) },
  'GET /api/orglife/orgs/:id/transfers': { params: OrgIdParams, response: Type.Array(Transfer) },
  'POST /api/orglife/orgs/:id/transfers': {
    params: OrgIdParams,
    body: TransferInput,
    response: Transfer,
    status: 201,
  },
  'GET /api/orglife/transfers': { query: TransferListQuery, response: Page(Transfer) },
  'GET /api/orglife/transfers/:id': { params: IdParams, response: Transfer },
  'POST /api/orglife/transfers/:id/accept': { params: IdParams, body: TransferDecision, response: Transfer },
  'POST /api/orglife/transfers/:id/refuse': { params: IdParams, body: TransferRefusal, response: Transfer },
  'POST /api/orglife/transfers/:id/cancel': { params: IdParams, body: TransferDecision, response: Transfer },
  'POST /api/orglife/transfers/:id/receipt': { params: IdParams, body: TransferReceipt, response: Transfer },
  'GET /api/orglife/transfers/:id/letter': { params: IdParams, response: TransferLetter },
  'GET /api/orglife/letters/verify': { query: LetterVerifyQuery, response: LetterVerification },
} as const satisfies RouteTable
