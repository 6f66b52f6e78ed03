import Type, { type Static } from 'typebox'
import { PageQuery } from './common.ts'

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  accountId: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.Union([Type.String(), Type.Null()]),
  entityIds: Type.Array(Type.String()),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})
export type AuditEntry = Static<typeof AuditEntry>

export const AuditListQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 64 })),
    accountId: Type.Optional(Type.Integer({ minimum: 1 })),
    ...PageQuery,
  },
  { additionalProperties: false },
)
