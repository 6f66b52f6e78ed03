import Type, { type Static } from 'typebox'
import { Grant } from './auth.ts'
import { PageQuery } from './common.ts'
import { ImportRowError } from './imports.ts'

export const AccountSummary = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  /** Masked (138****5678) unless the caller may see it in full; a full read is audited. */
  phone: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  /** The password was generated or reset by staff and must be changed at the next login. */
  mustChangePassword: Type.Boolean(),
  /** While wrong passwords have locked the account's logins (per account or per account and address). */
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  grants: Type.Array(Grant),
  version: Type.Integer(),
})
export type AccountSummary = Static<typeof AccountSummary>

export const AccountListQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ maxLength: 12 })),
    q: Type.Optional(Type.String({ maxLength: 40 })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const PhoneSchema = Type.String({ pattern: '^1[3-9][0-9]{9}$' })

export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9_.-]{2,31}$'
export const UsernameSchema = Type.String({ pattern: USERNAME_PATTERN })

export const GrantInput = Type.Omit(Grant, ['scopeName'])
export type GrantInput = Static<typeof GrantInput>

export const CreateAccountBody = Type.Object(
  {
    username: UsernameSchema,
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    phone: Type.Optional(Type.Union([PhoneSchema, Type.Null()])),
    /**
     * Omitted (what the web app does): the server generates a temporary password, returns it once, and the
     * account must change it at its first login. Given: it must pass the password rules and is not temporary.
     */
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    grants: Type.Array(GrantInput, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
)
export type CreateAccountBody = Static<typeof CreateAccountBody>

/** A password generated for someone else: shown once, valid until `expiresAt`, to be changed at first login. */
export const TemporaryPassword = Type.Object({
  temporaryPassword: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
})
export type TemporaryPassword = Static<typeof TemporaryPassword>

/** The new account, and its temporary password when the server generated one (shown this once only). */
export const CreatedAccount = Type.Object({
  ...AccountSummary.properties,
  temporary: Type.Union([TemporaryPassword, Type.Null()]),
})
export type CreatedAccount = Static<typeof CreatedAccount>

/** Replaces the account's grants: every grant added or removed must be one the caller may hand out. */
export const SetGrantsBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    // Empty is refused by the server with its own reason (an account keeps one grant; disable it instead).
    grants: Type.Array(GrantInput, { maxItems: 20 }),
  },
  { additionalProperties: false },
)
export type SetGrantsBody = Static<typeof SetGrantsBody>

export const UpdateAccountBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    phone: Type.Optional(Type.Union([PhoneSchema, Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type UpdateAccountBody = Static<typeof UpdateAccountBody>

/** Rows one account import may hold: each gets a generated password, hashed with argon2 on commit. */
export const ACCOUNT_IMPORT_MAX_ROWS = 300

export const AccountImportRow = Type.Object({
  row: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  scopeName: Type.String(),
})

/** A dry run of accounts from Excel: every row's errors, or what will be created. */
export const AccountImportJob = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  status: Type.Enum(['checked', 'rejected', 'committed']),
  totalRows: Type.Integer(),
  errors: Type.Array(ImportRowError),
  rows: Type.Array(AccountImportRow),
  createdAt: Type.String({ format: 'date-time' }),
  committedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type AccountImportJob = Static<typeof AccountImportJob>

/** The commit: the accounts made, each with its temporary password — shown this once, never stored. */
export const AccountImportResult = Type.Object({
  job: AccountImportJob,
  accounts: Type.Array(
    Type.Object({
      row: Type.Integer(),
      username: Type.String(),
      displayName: Type.String(),
      temporaryPassword: Type.String(),
    }),
  ),
  expiresAt: Type.String({ format: 'date-time' }),
})
export type AccountImportResult = Static<typeof AccountImportResult>
