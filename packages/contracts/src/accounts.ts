import Type, { type Static } from 'typebox'
import { Grant } from './auth.ts'
import { PageQuery } from './common.ts'

export const AccountSummary = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  /** Masked (138****5678) unless the caller may see it in full; a full read is audited. */
  phone: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
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

export const CreateAccountBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{2,31}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    phone: Type.Optional(Type.Union([PhoneSchema, Type.Null()])),
    password: Type.String({ minLength: 10, maxLength: 256 }),
    grants: Type.Array(Type.Omit(Grant, ['scopeName']), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
)
export type CreateAccountBody = Static<typeof CreateAccountBody>

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
