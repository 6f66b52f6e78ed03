/** The accounts API: accounts and their grants, the Excel import, invitations and sign-up by invitation. */
import Type from 'typebox'
import {
  AccountImportJob,
  AccountImportResult,
  AccountListQuery,
  AccountSummary,
  CreateAccountBody,
  CreatedAccount,
  SetGrantsBody,
  TemporaryPassword,
  UpdateAccountBody,
} from './accounts.ts'
import { Me } from './auth.ts'
import { CountedPage, IdParams } from './common.ts'
import {
  AccountSignupBody,
  CreateInvitationBody,
  Invitation,
  InvitationListQuery,
  SignupCheckBody,
  SignupInfo,
} from './invitations.ts'
import { VersionBody } from './registry.ts'
import type { RouteTable } from './route-table.ts'

/** A file answer (a workbook or a QR image); the web links to it rather than calling it. */
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' })
export const InvitationQrQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['svg', 'png'])) },
  { additionalProperties: false },
)
/** The upload's name travels in the query: the body is the workbook itself. */
export const AccountImportQuery = Type.Object(
  { fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
)

export const accountsApi = {
  'GET /api/accounts': { query: AccountListQuery, response: CountedPage(AccountSummary) },
  'GET /api/accounts/:id': { params: IdParams, response: AccountSummary },
  'POST /api/accounts': { body: CreateAccountBody, response: CreatedAccount, status: 201 },
  'PATCH /api/accounts/:id': { params: IdParams, body: UpdateAccountBody, response: AccountSummary },
  'PUT /api/accounts/:id/grants': { params: IdParams, body: SetGrantsBody, response: AccountSummary },
  'POST /api/accounts/:id/unlock': { params: IdParams, response: AccountSummary },
  'POST /api/accounts/:id/reset-password': {
    params: IdParams,
    body: VersionBody,
    response: TemporaryPassword,
  },
  'GET /api/accounts/import/template': { response: Binary },
  'POST /api/accounts/import': { query: AccountImportQuery, response: AccountImportJob, status: 201 },
  'POST /api/accounts/import/:id/commit': { params: IdParams, response: AccountImportResult },
  // Invitations and sign-up.
  'POST /api/invitations': { body: CreateInvitationBody, response: Invitation, status: 201 },
  'GET /api/invitations': { query: InvitationListQuery, response: CountedPage(Invitation) },
  'GET /api/invitations/:id': { params: IdParams, response: Invitation },
  'GET /api/invitations/:id/qr': { params: IdParams, query: InvitationQrQuery, response: Binary },
  'POST /api/invitations/:id/revoke': { params: IdParams, body: VersionBody, response: Invitation },
  'POST /api/signup/check': { body: SignupCheckBody, response: SignupInfo },
  'POST /api/signup': { body: AccountSignupBody, response: Me, status: 201 },
} as const satisfies RouteTable
