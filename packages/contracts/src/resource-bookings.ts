import Type, { type Static } from 'typebox'
import { Nullable } from './common.ts'

const Instant = Type.String({ format: 'date-time', maxLength: 40 })

export const RESOURCE_BOOKING_STATUSES = ['pending', 'approved', 'declined', 'cancelled'] as const

export const ResourceBookingInput = Type.Object(
  {
    purpose: Type.String({ minLength: 2, maxLength: 200 }),
    startsAt: Instant,
    endsAt: Instant,
    /** The unit booked for, when the resource admits only some units (eligibility). */
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export type ResourceBookingInput = Static<typeof ResourceBookingInput>

/**
 * A booking of an alliance resource. `purpose`, `bookedBy` and `unitName` are null for a caller who is
 * neither the booker, the resource's owner nor staff over it: others see only that the slot is taken.
 */
export const ResourceBooking = Type.Object({
  id: Type.Integer(),
  offeringId: Type.Integer(),
  offeringName: Type.String(),
  providerName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.Enum([...RESOURCE_BOOKING_STATUSES]),
  mine: Type.Boolean(),
  purpose: Nullable(Type.String()),
  bookedBy: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
})
export type ResourceBooking = Static<typeof ResourceBooking>

export const ResourceBookingRange = Type.Object(
  { from: Instant, to: Instant },
  { additionalProperties: false },
)

export const ResourceBookingDecision = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
)
