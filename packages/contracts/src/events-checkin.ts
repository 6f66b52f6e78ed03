/** The check-in desk: search, per-person check-in, the counter, the short door code (issue 13). */
import Type, { type Static } from 'typebox'
import { REGISTRATION_STATUSES } from './events.ts'

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])
const Nonce = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })

/**
 * The alphabet of door codes: digits 2–9 and letters without I, L, O and U, which are misread or misheard
 * (0/O, 1/I/L, U/V). Input is upper-cased and spaces and dashes are dropped before it is checked.
 */
export const DOOR_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
export const DOOR_CODE_LENGTH = 8

/** Shown as two groups of four, the way it is read out. */
export const formatDoorCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`
/** What a person typed, as it is compared: upper case, no spaces or dashes. */
export const normaliseDoorCode = (typed: string) => typed.toUpperCase().replace(/[\s\-–—]/g, '')

export const RegistrationParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }), registrationId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)

export const CheckinQuery = Type.Object(
  {
    /** Part of the name, or exactly four digits: the end of the phone number. */
    q: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
)

export const CheckinCounts = Type.Object({
  /** Registrations checked in at least once (attended). */
  checkedIn: Type.Integer(),
  /** Of those, inside now (entry without a later exit). */
  inside: Type.Integer(),
  /** Seats taken: registered, attended and no-shows. */
  registered: Type.Integer(),
  waitlisted: Type.Integer(),
  capacity: Type.Integer(),
})
export type CheckinCounts = Static<typeof CheckinCounts>

export const CheckinRow = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** The last four digits of the phone only: enough to tell two people of one name apart. */
  phoneTail: Nullable(Type.String()),
  status: Type.Enum([...REGISTRATION_STATUSES]),
  inside: Type.Boolean(),
  attendedAt: Nullable(Type.String()),
})
export type CheckinRow = Static<typeof CheckinRow>

export const CheckinBoard = Type.Object({
  counts: CheckinCounts,
  items: Type.Array(CheckinRow),
  /** How many registrations match the search (items holds at most `limit` of them). */
  matched: Type.Integer(),
})
export type CheckinBoard = Static<typeof CheckinBoard>

export const ManualCheckinBody = Type.Object(
  {
    nonce: Nonce,
    direction: Type.Optional(Type.Enum(['entry', 'exit'])),
    scannedAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  },
  { additionalProperties: false },
)
export type ManualCheckinBody = Static<typeof ManualCheckinBody>

export const DoorCode = Type.Object({
  code: Type.String(),
  issuedAt: Type.String(),
  /** When check-in closes (end + margin); the code is refused after it. */
  closesAt: Type.String(),
})
export type DoorCode = Static<typeof DoorCode>

export const CodeCheckinBody = Type.Object(
  {
    /** Checked by the service, not the schema, so a mistyped code gets a sentence, not a validator's words. */
    code: Type.String({ maxLength: 40 }),
    nonce: Nonce,
  },
  { additionalProperties: false },
)
export type CodeCheckinBody = Static<typeof CodeCheckinBody>
