import Type, { type Static } from 'typebox'
import { PhoneSchema, UsernameSchema } from './accounts.ts'
import { RoleSchema, ScopeTypeSchema } from './auth.ts'
import { Id, PageQuery } from './common.ts'

export const INVITATION_STATUSES = ['active', 'expired', 'used_up', 'revoked'] as const
export type InvitationStatus = (typeof INVITATION_STATUSES)[number]

/**
 * What an invitation brings the invitee: a role on a place (`role` + `scopeType` + `scopeId`), or a duty point
 * (`pointId`: a volunteer there — member of the point's building or area with a volunteer profile), or an
 * event (`eventId`: a member of the public in the event's area, sent to the event after signing up).
 */
export const CreateInvitationBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    scopeType: Type.Optional(ScopeTypeSchema),
    scopeId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    pointId: Type.Optional(Id),
    eventId: Type.Optional(Id),
    /** With a member grant: the new account also gets a volunteer profile. */
    volunteer: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String({ maxLength: 100 })),
    maxUses: Type.Integer({ minimum: 1, maximum: 1000 }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 90 }),
  },
  { additionalProperties: false },
)
export type CreateInvitationBody = Static<typeof CreateInvitationBody>

export const Invitation = Type.Object({
  id: Type.Integer(),
  role: RoleSchema,
  scopeType: ScopeTypeSchema,
  scopeId: Type.String(),
  scopeName: Type.String(),
  point: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  event: Type.Union([Type.Object({ id: Type.Integer(), title: Type.String() }), Type.Null()]),
  volunteer: Type.Boolean(),
  note: Type.Union([Type.String(), Type.Null()]),
  maxUses: Type.Integer(),
  uses: Type.Integer(),
  expiresAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  status: Type.Enum([...INVITATION_STATUSES]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  /** The sign-up link (`/join#<token>`): the token sits in the fragment, so it never reaches a server log. */
  url: Type.String(),
  version: Type.Integer(),
})
export type Invitation = Static<typeof Invitation>

export const InvitationListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...INVITATION_STATUSES])),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const InvitationToken = Type.String({ minLength: 16, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' })

export const SignupCheckBody = Type.Object({ token: InvitationToken }, { additionalProperties: false })

/** What the invitee sees before choosing a username: nothing about other accounts. */
export const SignupInfo = Type.Object({
  role: RoleSchema,
  scopeName: Type.String(),
  pointName: Type.Union([Type.String(), Type.Null()]),
  event: Type.Union([Type.Object({ id: Type.Integer(), title: Type.String() }), Type.Null()]),
  volunteer: Type.Boolean(),
  invitedBy: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
})
export type SignupInfo = Static<typeof SignupInfo>

export const AccountSignupBody = Type.Object(
  {
    token: InvitationToken,
    username: UsernameSchema,
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    phone: Type.Optional(Type.Union([PhoneSchema, Type.Null()])),
  },
  { additionalProperties: false },
)
export type AccountSignupBody = Static<typeof AccountSignupBody>
