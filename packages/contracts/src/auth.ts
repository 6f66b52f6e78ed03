import Type, { type Static } from 'typebox'

export const ROLES = [
  'admin',
  'district_admin',
  'street_admin',
  'building_chief',
  'secretary',
  'provider',
  'member',
] as const
export type Role = (typeof ROLES)[number]
export const RoleSchema = Type.Enum([...ROLES])

/** What a grant is scoped to. `city` has no id; the others name an area code or a row id. */
export const SCOPE_TYPES = ['city', 'area', 'building', 'unit', 'party_org'] as const
export type ScopeType = (typeof SCOPE_TYPES)[number]
export const ScopeTypeSchema = Type.Enum([...SCOPE_TYPES])

export const Grant = Type.Object({
  role: RoleSchema,
  scopeType: ScopeTypeSchema,
  scopeId: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
  scopeName: Type.Optional(Type.String()),
})
export type Grant = Static<typeof Grant>

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const Me = Type.Object({
  account: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
  }),
  grants: Type.Array(Grant),
  permissions: Type.Array(Type.String()),
  /** Send back in the `x-csrf-token` header on POST/PUT/PATCH/DELETE (also in the readable `tx_csrf` cookie). */
  csrfToken: Type.String(),
})
export type Me = Static<typeof Me>

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 10, maxLength: 256 }),
  },
  { additionalProperties: false },
)
export type ChangePasswordBody = Static<typeof ChangePasswordBody>
