import Type, { type Static } from 'typebox'

/**
 * The home page's workbench: what needs the caller's action now, what is next for them, and the few figures
 * of their scope with a trend. Composed by the server from the caller's grants only; each card appears only
 * for roles that can act on it. Labels live in the web app's i18n (`workbench.*`), keyed by `key`.
 */

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])
const Instant = Type.String({ format: 'date-time', maxLength: 40 })

export const WORKBENCH_ACTIONS = [
  /** Open needs in the caller's areas past their SLA or escalated (staff). */
  'needs_overdue',
  /** Needs the caller's unit may take as orders, and its orders past due (providers). */
  'orders',
  /** The caller's own needs delivered and waiting for the caller to confirm and rate. */
  'needs_to_confirm',
  /** Volunteer hours checked out and not yet verified, at the points the caller coordinates. */
  'hours_to_verify',
  /** The caller's imports checked but not committed (before they are purged). */
  'imports_unfinished',
  /** Departures from the organisation rules in the caller's areas, by rule (staff). */
  'gaps',
  /** Parts of the five "清" still missing in the chief's building. */
  'census_incomplete',
  /** Unread notices in the caller's inbox. */
  'notices_unread',
] as const
export type WorkbenchActionKey = (typeof WORKBENCH_ACTIONS)[number]

/** `bad`: a promise broken (overdue, escalated) — the only red; `todo`: waiting for the caller; `info`: news. */
export const WORKBENCH_TONES = ['bad', 'todo', 'info'] as const
export type WorkbenchTone = (typeof WORKBENCH_TONES)[number]

export const WorkbenchPart = Type.Object({
  /** e.g. a gap rule, `escalated`, a census part; labelled by the web app. */
  key: Type.String(),
  count: Type.Integer(),
  tone: Type.Enum([...WORKBENCH_TONES]),
  /** Words the server already has in the request's language (a census part's missing facts). */
  text: Nullable(Type.String()),
  link: Nullable(Type.String()),
})
export type WorkbenchPart = Static<typeof WorkbenchPart>

export const WorkbenchAction = Type.Object({
  key: Type.Enum([...WORKBENCH_ACTIONS]),
  count: Type.Integer(),
  /** The tone when count > 0; nothing waiting is never an alarm. */
  tone: Type.Enum([...WORKBENCH_TONES]),
  /** The place the count is about (a street, a building, a unit), when it is one. */
  scope: Nullable(Type.String()),
  /** The list behind the count (a web path). */
  link: Type.String(),
  parts: Type.Array(WorkbenchPart),
})
export type WorkbenchAction = Static<typeof WorkbenchAction>

export const WORKBENCH_NEXT = ['shift', 'event', 'organised_event', 'patrol'] as const
export type WorkbenchNextKind = (typeof WORKBENCH_NEXT)[number]

export const WorkbenchNext = Type.Object({
  kind: Type.Enum([...WORKBENCH_NEXT]),
  title: Type.String(),
  /** Where, or what role: already in the request's language. */
  detail: Nullable(Type.String()),
  /** An event's kind (lecture, theme_day...), for its label. */
  eventKind: Nullable(Type.String()),
  startsAt: Nullable(Instant),
  endsAt: Nullable(Instant),
  /** A patrol route's floors recorded today of its floors. */
  progress: Nullable(Type.Object({ done: Type.Integer(), total: Type.Integer() })),
  link: Type.String(),
})
export type WorkbenchNext = Static<typeof WorkbenchNext>

export const WORKBENCH_FIGURES = [
  'orgCoverageRate',
  'chiefCoverageRate',
  'members',
  'operatingUnits',
  'needsResolved30d',
  'patrolRate30d',
  'myVerifiedMinutesMonth',
  'ordersDelivered30d',
  'ordersRating90d',
] as const
export type WorkbenchFigureKey = (typeof WORKBENCH_FIGURES)[number]

export const WorkbenchFigure = Type.Object({
  key: Type.Enum([...WORKBENCH_FIGURES]),
  value: Nullable(Type.Number()),
  format: Type.Enum(['count', 'rate', 'minutes', 'score']),
  /** The same figure at the comparison point (a census snapshot, the previous period); null: none. */
  previous: Nullable(Type.Number()),
  /** The census snapshot `previous` comes from (YYYY-MM-DD); null: the period before (30 days, a month). */
  sinceSnapshot: Nullable(Type.String()),
  /**
   * Which way is better, so the web colours a fall of coverage red and a rise green (never the level); null
   * for figures whose change is no verdict (a volunteer's hours, orders that follow demand): shown, not coloured.
   */
  better: Nullable(Type.Enum(['up', 'down'])),
  scope: Nullable(Type.String()),
  link: Type.String(),
})
export type WorkbenchFigure = Static<typeof WorkbenchFigure>

export const Workbench = Type.Object({
  asOf: Instant,
  actions: Type.Array(WorkbenchAction),
  next: Type.Array(WorkbenchNext),
  figures: Type.Array(WorkbenchFigure),
})
export type Workbench = Static<typeof Workbench>
