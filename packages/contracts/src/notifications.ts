import Type, { type Static } from 'typebox'
import { Nullable, PageQuery } from './common.ts'

/** Request and response schemas of the notifications API (inbox, preferences, outbox, channel settings). */

const Instant = Type.String({ format: 'date-time', maxLength: 40 })
const HHMM = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })

/** Every kind of notice; labels live in the web app's i18n (`notify.kinds`). */
export const NOTICE_KINDS = [
  'need.new',
  'need.claimed',
  'need.delivered',
  'need.escalated',
  'need.reopened',
  'desk.need',
  'event.promoted',
  'event.cancelled',
  'event.reminder',
  'shift.reminder',
  'hours.verified',
  'hours.rejected',
  'import.finished',
  'policy.match',
  'invitation.accepted',
  'transfer.issued',
  'transfer.accepted',
  'transfer.refused',
  'transfer.escalated',
] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]
const Kind = Type.Enum([...NOTICE_KINDS])

export const Notice = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  subject: Nullable(Type.String()),
  body: Nullable(Type.String()),
  link: Nullable(Type.String()),
  createdAt: Instant,
  readAt: Nullable(Instant),
})
export type Notice = Static<typeof Notice>

export const InboxQuery = Type.Object(
  { ...PageQuery, unread: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)
export type InboxQuery = Static<typeof InboxQuery>

export const UnreadCount = Type.Object({ count: Type.Integer() })
export type UnreadCount = Static<typeof UnreadCount>

export const ReadAllResult = Type.Object({ marked: Type.Integer() })

export const KindPreference = Type.Object({
  kind: Kind,
  inapp: Type.Boolean(),
  email: Type.Boolean(),
  webhook: Type.Boolean(),
})
export type KindPreference = Static<typeof KindPreference>

export const Preferences = Type.Object({
  email: Nullable(Type.String()),
  quietStart: Nullable(HHMM),
  quietEnd: Nullable(HHMM),
  /** Which channels this installation has switched on (the others are shown as off). */
  channels: Type.Object({ email: Type.Boolean(), webhook: Type.Boolean() }),
  kinds: Type.Array(
    Type.Object({
      kind: Kind,
      /** Needs the person to act: the bell cannot be switched off. */
      action: Type.Boolean(),
      /** Sent even in quiet hours. */
      urgent: Type.Boolean(),
      inapp: Type.Boolean(),
      email: Type.Boolean(),
      webhook: Type.Boolean(),
    }),
  ),
})
export type Preferences = Static<typeof Preferences>

export const PreferencesInput = Type.Object(
  {
    email: Nullable(Type.String({ maxLength: 254 })),
    quietStart: Nullable(HHMM),
    quietEnd: Nullable(HHMM),
    kinds: Type.Array(KindPreference, { maxItems: NOTICE_KINDS.length }),
  },
  { additionalProperties: false },
)
export type PreferencesInput = Static<typeof PreferencesInput>

export const DELIVERY_STATES = ['pending', 'retrying', 'sending', 'sent', 'failed'] as const
export const DELIVERY_CHANNELS = ['email', 'wecom', 'webhook'] as const

export const Delivery = Type.Object({
  id: Type.Integer(),
  channel: Type.Enum([...DELIVERY_CHANNELS]),
  /** pending = not tried yet; retrying = failed before, tried again at nextAttemptAt. */
  state: Type.Enum([...DELIVERY_STATES]),
  kind: Type.String(),
  title: Type.String(),
  /** Where it goes: a masked e-mail address or the endpoint's name. */
  target: Type.String(),
  recipient: Nullable(Type.String()),
  areaName: Nullable(Type.String()),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Nullable(Instant),
  sentAt: Nullable(Instant),
  createdAt: Instant,
})
export type Delivery = Static<typeof Delivery>

export const DeliveryQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(Type.Enum([...DELIVERY_STATES])),
    channel: Type.Optional(Type.Enum([...DELIVERY_CHANNELS])),
  },
  { additionalProperties: false },
)
export type DeliveryQuery = Static<typeof DeliveryQuery>

export const ChannelStatus = Type.Object({
  channel: Type.Enum(['inapp', ...DELIVERY_CHANNELS]),
  on: Type.Boolean(),
  /** Why it is off, or the variable that turns it on. */
  note: Type.String(),
})
export const NotifyStatus = Type.Object({
  channels: Type.Array(ChannelStatus),
  counts: Type.Record(Type.String(), Type.Integer()),
  maxAttempts: Type.Integer(),
})
export type NotifyStatus = Static<typeof NotifyStatus>

export const Endpoint = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  channel: Type.Union([Type.Literal('wecom'), Type.Literal('webhook')]),
  name: Type.String(),
  areaCode: Nullable(Type.String()),
  areaName: Nullable(Type.String()),
  partyOrgId: Nullable(Type.Integer()),
  partyOrgName: Nullable(Type.String()),
  /** The robot key / query string is masked. */
  url: Type.String(),
  kinds: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  /** The webhook's signing secret: only in the answer that created or rotated it. */
  secret: Type.Optional(Type.String()),
})
export type Endpoint = Static<typeof Endpoint>

export const EndpointInput = Type.Object(
  {
    channel: Type.Union([Type.Literal('wecom'), Type.Literal('webhook')]),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    areaCode: Type.Optional(Type.String({ maxLength: 12 })),
    partyOrgId: Type.Optional(Type.Integer({ minimum: 1 })),
    url: Type.String({ minLength: 1, maxLength: 500 }),
    kinds: Type.Optional(Type.Array(Kind, { maxItems: NOTICE_KINDS.length, uniqueItems: true })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type EndpointInput = Static<typeof EndpointInput>

export const EndpointUpdate = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    /** Omit to keep the stored URL (the answer only ever shows it masked). */
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    kinds: Type.Optional(Type.Array(Kind, { maxItems: NOTICE_KINDS.length, uniqueItems: true })),
    enabled: Type.Optional(Type.Boolean()),
    rotateSecret: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type EndpointUpdate = Static<typeof EndpointUpdate>
