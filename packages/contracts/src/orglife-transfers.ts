/** Membership transfers (组织关系转接) of the orglife API. */
import Type, { type Static } from 'typebox'

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const AreaCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })

export const TRANSFER_DIRECTIONS = ['internal', 'outgoing', 'incoming'] as const
export const TRANSFER_STATUSES = ['pending', 'completed', 'refused', 'cancelled'] as const

export const TransferInput = Type.Object(
  {
    personId: Type.Integer({ minimum: 1 }),
    direction: Type.Enum([...TRANSFER_DIRECTIONS]),
    /** internal: the receiving organisation. */
    toOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    /** outgoing: the receiving organisation outside the platform; incoming: the sending one. */
    outsideOrg: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 120 }))),
    reason: Type.String({ minLength: 2, maxLength: 300 }),
    transferOn: DateOnly,
  },
  { additionalProperties: false },
)
export type TransferInput = Static<typeof TransferInput>

export const Transfer = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  memberName: Type.String(),
  memberStatus: Type.Enum(['formal', 'probationary']),
  direction: Type.Enum([...TRANSFER_DIRECTIONS]),
  fromOrgId: Nullable(Type.Integer()),
  fromOrgName: Nullable(Type.String()),
  toOrgId: Nullable(Type.Integer()),
  toOrgName: Nullable(Type.String()),
  outsideOrg: Nullable(Type.String()),
  reason: Type.String(),
  transferOn: DateOnly,
  dueOn: DateOnly,
  status: Type.Enum([...TRANSFER_STATUSES]),
  /** The time limit passed while pending; the street has been told. */
  escalated: Type.Boolean(),
  overdue: Type.Boolean(),
  letterNo: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  receiptOn: Nullable(DateOnly),
  createdAt: Type.String(),
  version: Type.Integer(),
  /** What the caller may do now. */
  can: Type.Object({
    accept: Type.Boolean(),
    refuse: Type.Boolean(),
    cancel: Type.Boolean(),
    receipt: Type.Boolean(),
  }),
})
export type Transfer = Static<typeof Transfer>

export const TransferDecision = Type.Object(
  { version: Type.Integer({ minimum: 1 }), note: Type.Optional(Nullable(Type.String({ maxLength: 300 }))) },
  { additionalProperties: false },
)
export const TransferRefusal = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 2, maxLength: 300 }) },
  { additionalProperties: false },
)
export const TransferReceipt = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    receivedOn: DateOnly,
    note: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  },
  { additionalProperties: false },
)

export const TransferListQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    status: Type.Optional(Type.Enum([...TRANSFER_STATUSES])),
    escalated: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
)

/** What the printed introduction letter says, with the QR code that verifies it. */
export const TransferLetter = Type.Object({
  letterNo: Type.String(),
  memberName: Type.String(),
  gender: Nullable(Type.Enum(['male', 'female'])),
  age: Nullable(Type.Integer()),
  memberStatus: Type.Enum(['formal', 'probationary']),
  fromOrgName: Type.String(),
  toOrgName: Type.String(),
  reason: Type.String(),
  transferOn: DateOnly,
  dueOn: DateOnly,
  /** 党费交到: the last month paid (YYYY-MM). */
  duesPaidThrough: Nullable(Type.String()),
  verifyUrl: Type.String(),
  /** data:image/svg+xml;base64,… */
  qrDataUrl: Type.String(),
})
export type TransferLetter = Static<typeof TransferLetter>

export const LetterVerifyQuery = Type.Object(
  {
    no: Type.String({ maxLength: 40 }),
    sig: Type.String({ maxLength: 64 }),
  },
  { additionalProperties: false },
)

/** What anyone scanning a letter learns: that it is genuine and its state, with the name masked. */
export const LetterVerification = Type.Object({
  valid: Type.Boolean(),
  letterNo: Nullable(Type.String()),
  memberName: Nullable(Type.String()),
  fromOrgName: Nullable(Type.String()),
  toOrgName: Nullable(Type.String()),
  transferOn: Nullable(DateOnly),
  dueOn: Nullable(DateOnly),
  status: Nullable(Type.Enum([...TRANSFER_STATUSES])),
})
export type LetterVerification = Static<typeof LetterVerification>
